package io.monitron.indexer.kibana;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.monitron.indexer.kibana.SavedObjectQueries.Count;
import io.monitron.indexer.kibana.SavedObjectQueries.DateHistogram;
import io.monitron.indexer.kibana.SavedObjectQueries.LayerQuery;
import io.monitron.indexer.kibana.SavedObjectQueries.Min;
import io.monitron.indexer.kibana.SavedObjectQueries.SearchQuery;
import io.monitron.indexer.kibana.SavedObjectQueries.Terms;
import io.monitron.indexer.kibana.SavedObjectQueries.UniqueCount;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The catalog, run on the committed {@code kibana/monitron.ndjson}. */
class SavedObjectQueriesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static SavedObjectQueries catalog;

    @BeforeAll
    static void readCommittedNdjson() throws IOException {
        catalog = SavedObjectQueries.fromNdjson(
                Files.readString(Path.of("kibana", "monitron.ndjson"), StandardCharsets.UTF_8));
    }

    @Test
    void listsEverySavedSearchWithItsQueryColumnsAndSort() {
        assertThat(catalog.searches()).hasSize(10);
        SearchQuery failed = catalog.search("monitron-search-failed-calls");
        assertThat(failed.kql()).isEqualTo("event.provider: \"monitron.amazonaws.com\" and (event.outcome: failure)");
        assertThat(failed.filters()).isEmpty();
        assertThat(failed.columns()).startsWith("event.action", "error.code", "error.message", "user.name");
        assertThat(failed.sort()).containsExactly(List.of("@timestamp", "desc"));
    }

    @Test
    void aSavedSearchBecomesAHitsRequestNewestFirst() throws Exception {
        assertThat(catalog.search("monitron-search-root-user").searchBody(50))
                .isEqualTo(JSON.readTree("{\"size\":50,\"query\":{\"bool\":{\"filter\":["
                        + "{\"match_phrase\":{\"event.provider\":\"monitron.amazonaws.com\"}},"
                        + "{\"match\":{\"aws.cloudtrail.user_identity.type\":\"Root\"}}]}},"
                        + "\"sort\":[{\"@timestamp\":\"desc\"}]}"));
    }

    @Test
    void listsOneLayerPerLensVisualization() {
        assertThat(catalog.layers()).hasSize(38);
        assertThat(catalog.layers()).extracting(LayerQuery::layerId).containsOnly("main");
    }

    @Test
    void eventsByActionIsTheTopTenActionsOverTheWholeRangeEachSplitIntoTime() {
        LayerQuery layer = catalog.layer("monitron-lens-events-by-action");
        assertThat(layer.visualizationType()).isEqualTo("lnsXY");
        assertThat(layer.kql()).isEqualTo("event.provider: \"monitron.amazonaws.com\"");
        assertThat(layer.buckets())
                .containsExactly(
                        new Terms("split", "event.action", 10, "events", "desc"),
                        new DateHistogram("time", "@timestamp", "auto"));
        assertThat(layer.metrics()).containsExactly(new Count("events"));
    }

    /**
     * Lens nests buckets in {@code columnOrder}: a date histogram first would take a top ten per time bucket (27
     * series on the sample data, legends and "Other" changing per interval). Its editor puts the terms first.
     */
    @Test
    void everyTimeChartTakesItsTopValuesBeforeSplittingByTime() {
        List<LayerQuery> timeCharts = catalog.layers().stream()
                .filter(layer -> layer.buckets().stream().anyMatch(bucket -> bucket instanceof DateHistogram))
                .toList();

        assertThat(timeCharts)
                .extracting(LayerQuery::objectId)
                .containsExactlyInAnyOrder(
                        "monitron-lens-events-by-action",
                        "monitron-lens-activity-by-account",
                        "monitron-lens-activity-by-region",
                        "monitron-lens-failures-by-error",
                        "monitron-lens-created-deleted",
                        "monitron-lens-asset-states");
        for (LayerQuery layer : timeCharts) {
            assertThat(layer.buckets())
                    .as(layer.objectId() + ": bucket columns in columnOrder")
                    .hasSize(2);
            assertThat(layer.buckets().get(0)).as(layer.objectId()).isInstanceOf(Terms.class);
            assertThat(layer.buckets().get(1)).as(layer.objectId()).isInstanceOf(DateHistogram.class);
        }
    }

    @Test
    void everySavedSearchAndLensLayerOnTheEventsIsScopedToMonitronEvents() {
        List<SearchQuery> searches = catalog.searches().stream()
                .filter(search -> search.dataViewId().equals(SavedObjectChecklist.DATA_VIEW_ID))
                .toList();
        List<LayerQuery> layers = catalog.layers().stream()
                .filter(layer -> layer.dataViewId().equals(SavedObjectChecklist.DATA_VIEW_ID))
                .toList();

        assertThat(searches).hasSize(9);
        assertThat(layers).hasSize(31);
        searches.forEach(search -> assertThat(scopedToMonitron(search.query()))
                .as(search.id() + " [" + search.kql() + "]")
                .isTrue());
        layers.forEach(layer -> assertThat(scopedToMonitron(layer.query()))
                .as(layer.objectId() + " [" + layer.kql() + "]")
                .isTrue());
    }

    @Test
    void theEstatePanelsReadTheEstateDataView() {
        assertThat(catalog.layers())
                .filteredOn(layer -> layer.objectId().startsWith("monitron-lens-estate-"))
                .hasSize(7)
                .allMatch(layer -> layer.dataViewId().equals(SavedObjectChecklist.ESTATE_DATA_VIEW_ID));
        assertThat(catalog.search("monitron-search-estate-deleted").dataViewId())
                .isEqualTo(SavedObjectChecklist.ESTATE_DATA_VIEW_ID);
        assertThat(catalog.search("monitron-search-estate-deleted").sort())
                .containsExactly(List.of("entity.deleted_at", "desc"));
    }

    @Test
    void theScopeCheckTellsAScopedQueryFromAnUnscopedOne() {
        assertThat(scopedToMonitron(KqlSubset.toQueryDsl(MONITRON_ONLY_KQL + " and (event.outcome: failure)")))
                .isTrue();
        assertThat(scopedToMonitron(KqlSubset.toQueryDsl("event.outcome: failure")))
                .isFalse();
        assertThat(scopedToMonitron(KqlSubset.toQueryDsl(MONITRON_ONLY_KQL + " or event.outcome: failure")))
                .isFalse();
        assertThat(scopedToMonitron(KqlSubset.toQueryDsl("not " + MONITRON_ONLY_KQL)))
                .isFalse();
    }

    /**
     * A table that lists users shows the identity type right beside each: a person acting as an Identity Center user
     * in the app and through an assumed role in the console is two rows, and a role session or AWS service reads
     * apart from a person. The one exception is the table whose query already fixes the identity type.
     */
    @Test
    void everyTableListingUsersShowsTheIdentityTypeBesideThem() {
        List<LayerQuery> userTables = catalog.layers().stream()
                .filter(layer -> layer.visualizationType().equals("lnsDatatable"))
                .filter(layer -> layer.buckets().stream()
                        .anyMatch(bucket -> bucket.field().equals("user.name")))
                .filter(layer -> !layer.kql().contains("aws.cloudtrail.user_identity.type: IdentityCenterUser"))
                .toList();

        assertThat(userTables).hasSizeGreaterThanOrEqualTo(7);
        for (LayerQuery layer : userTables) {
            List<String> fields =
                    layer.buckets().stream().map(bucket -> bucket.field()).toList();
            assertThat(fields.get(fields.indexOf("user.name") + 1))
                    .as(layer.objectId() + " " + fields)
                    .isEqualTo("aws.cloudtrail.user_identity.type");
        }
    }

    /**
     * Panels on GeoIP fields count only the changes that have the field they split by, so a change indexed without
     * --geoip-db, or from a private or service address, is left out by the query rather than silently by the terms.
     */
    @Test
    void everyPanelOnGeoIpFieldsSelectsTheChangesThatHaveThem() {
        List<LayerQuery> located = catalog.layers().stream()
                .filter(layer -> layer.buckets().stream()
                        .anyMatch(bucket -> bucket.field().startsWith("source.geo.")
                                || bucket.field().startsWith("source.as.")))
                .toList();

        assertThat(located)
                .extracting(LayerQuery::objectId)
                .containsExactlyInAnyOrder(
                        "monitron-lens-change-countries",
                        "monitron-lens-change-networks",
                        "monitron-lens-change-locations",
                        "monitron-lens-user-countries");
        for (LayerQuery layer : located) {
            JsonNode condition = layer.query().at("/bool/filter/1/bool/filter");
            assertThat(condition.get(0).at("/bool/must_not/0/bool/should"))
                    .as(layer.objectId() + ": changes only")
                    .hasSize(5);
            String required = condition.get(1).at("/exists/field").asText();
            assertThat(layer.buckets())
                    .as(layer.objectId() + ": requires " + required)
                    .anyMatch(bucket -> bucket.field().equals(required));
        }
    }

    private static final String MONITRON_ONLY_KQL = "event.provider: \"monitron.amazonaws.com\"";

    /**
     * Whether a query can only match Monitron events: it is the provider phrase itself, or a conjunction (bool
     * filter) with the provider phrase as one of its required clauses.
     */
    static boolean scopedToMonitron(JsonNode query) {
        JsonNode phrase = query.path("match_phrase").path("event.provider");
        if (phrase.asText().equals("monitron.amazonaws.com")) {
            return true;
        }
        // KqlSubset turns "and" into bool.filter alone; "or" and "not" (should, must_not) do not require a clause
        for (JsonNode clause : query.path("bool").path("filter")) {
            if (scopedToMonitron(clause)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void aLayerBecomesNestedAggregationsOrderedByItsMetric() throws Exception {
        JsonNode body = catalog.layer("monitron-lens-change-sources").searchBody("1d");

        assertThat(body.path("size").asInt()).isZero();
        assertThat(body.at("/query/bool/filter/1/bool/must_not/0/bool/should")).hasSize(5);
        assertThat(body.at("/aggs/address/terms"))
                .isEqualTo(JSON.readTree("{\"field\":\"source.address\",\"size\":20,\"order\":{\"_count\":\"desc\"}}"));
        assertThat(body.at("/aggs/address/aggs/users/cardinality/field").asText())
                .isEqualTo("user.name");
    }

    @Test
    void aKpiWithoutBucketsIsATopLevelMetric() throws Exception {
        LayerQuery users = catalog.layer("monitron-lens-kpi-users");
        assertThat(users.buckets()).isEmpty();
        assertThat(users.metrics()).containsExactly(new UniqueCount("users", "user.name"));
        assertThat(users.searchBody("1d").get("aggs"))
                .isEqualTo(JSON.readTree("{\"users\":{\"cardinality\":{\"field\":\"user.name\"}}}"));
    }

    @Test
    void aDateHistogramUsesTheStandInForTheAutoInterval() {
        JsonNode body = catalog.layer("monitron-lens-failures-by-error").searchBody("1h");
        assertThat(body.at("/aggs/split/terms/field").asText()).isEqualTo("error.code");
        assertThat(body.at("/aggs/split/aggs/time/date_histogram/fixed_interval")
                        .asText())
                .isEqualTo("1h");
        assertThat(body.at("/query/bool/filter/1/match/event.outcome").asText()).isEqualTo("failure");
    }

    @Test
    void everyQueryInTheFileIsExecutable() {
        catalog.searches()
                .forEach(search -> assertThat(search.query()).as(search.id()).isNotNull());
        catalog.layers()
                .forEach(layer ->
                        assertThat(layer.searchBody("1d")).as(layer.objectId()).isNotNull());
    }

    @Test
    void listsByValueLensPanelsOfDashboardsToo() {
        String dashboard = "{\"type\":\"dashboard\",\"id\":\"d1\",\"attributes\":{\"panelsJSON\":"
                + JSON.valueToTree("[{\"type\":\"lens\",\"panelIndex\":\"p1\",\"embeddableConfig\":{\"attributes\":"
                                + "{\"title\":\"t\",\"visualizationType\":\"lnsMetric\",\"state\":{\"query\":{\"query\":"
                                + "\"a: b\",\"language\":\"kuery\"},\"filters\":[],\"datasourceStates\":{\"formBased\":"
                                + "{\"layers\":{\"l1\":{\"columnOrder\":[\"c\"],\"columns\":{\"c\":{\"operationType\":"
                                + "\"count\",\"sourceField\":\"___records___\"}}}}}}}}}}]")
                        .toString()
                + "}}";

        LayerQuery layer = SavedObjectQueries.fromNdjson(dashboard).layer("d1/p1");

        assertThat(layer.kql()).isEqualTo("a: b");
        assertThat(layer.metrics()).containsExactly(new Count("c"));
    }

    @Test
    void aMinimumOfTheTimestampBecomesAMinAggregationTermsCanBeOrderedBy() throws Exception {
        String lens = "{\"type\":\"lens\",\"id\":\"x\",\"attributes\":{\"state\":{\"query\":{\"query\":\"\","
                + "\"language\":\"kuery\"},\"datasourceStates\":{\"formBased\":{\"layers\":{\"l1\":{\"columnOrder\":"
                + "[\"user\",\"first\"],\"columns\":{\"user\":{\"operationType\":\"terms\",\"sourceField\":"
                + "\"user.name\",\"params\":{\"size\":5,\"orderBy\":{\"type\":\"column\",\"columnId\":\"first\"},"
                + "\"orderDirection\":\"desc\"}},\"first\":{\"operationType\":\"min\",\"sourceField\":\"@timestamp\"}}}}}}}}}";

        LayerQuery layer = SavedObjectQueries.fromNdjson(lens).layer("x");

        assertThat(layer.metrics()).containsExactly(new Min("first", "@timestamp"));
        assertThat(layer.searchBody("1d").get("aggs"))
                .isEqualTo(
                        JSON.readTree(
                                "{\"user\":{\"terms\":{\"field\":\"user.name\",\"size\":5,"
                                        + "\"order\":{\"first\":\"desc\"}},\"aggs\":{\"first\":{\"min\":{\"field\":\"@timestamp\"}}}}}"));
    }

    @Test
    void refusesColumnsItCannotExecute() {
        String lens = "{\"type\":\"lens\",\"id\":\"x\",\"attributes\":{\"state\":{\"query\":{\"query\":\"\","
                + "\"language\":\"kuery\"},\"datasourceStates\":{\"formBased\":{\"layers\":{\"l1\":{\"columnOrder\":"
                + "[\"c\"],\"columns\":{\"c\":{\"operationType\":\"average\",\"sourceField\":\"log.file.record\"}}}}}}}}}";

        assertThatThrownBy(() -> SavedObjectQueries.fromNdjson(lens))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("average");
    }

    @Test
    void honoursANegatedKibanaFilter() {
        String search = "{\"type\":\"search\",\"id\":\"s\",\"attributes\":{\"kibanaSavedObjectMeta\":"
                + "{\"searchSourceJSON\":"
                + JSON.valueToTree("{\"query\":{\"query\":\"a: b\",\"language\":\"kuery\"},\"filter\":[{\"meta\":"
                                + "{\"negate\":true},\"query\":{\"match_phrase\":{\"c\":\"d\"}}}]}")
                        .toString()
                + "}}}";

        JsonNode query = SavedObjectQueries.fromNdjson(search).search("s").query();

        assertThat(query.at("/bool/filter/0/match/a").asText()).isEqualTo("b");
        assertThat(query.at("/bool/must_not/0/match_phrase/c").asText()).isEqualTo("d");
    }
}
