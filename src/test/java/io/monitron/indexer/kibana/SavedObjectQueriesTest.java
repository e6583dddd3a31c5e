package io.monitron.indexer.kibana;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.monitron.indexer.kibana.SavedObjectQueries.Count;
import io.monitron.indexer.kibana.SavedObjectQueries.DateHistogram;
import io.monitron.indexer.kibana.SavedObjectQueries.LayerQuery;
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
        assertThat(catalog.searches()).hasSize(9);
        SearchQuery failed = catalog.search("monitron-search-failed-calls");
        assertThat(failed.kql()).isEqualTo("event.outcome: failure");
        assertThat(failed.filters()).isEmpty();
        assertThat(failed.columns()).startsWith("event.action", "error.code", "error.message", "user.name");
        assertThat(failed.sort()).containsExactly(List.of("@timestamp", "desc"));
    }

    @Test
    void aSavedSearchBecomesAHitsRequestNewestFirst() throws Exception {
        assertThat(catalog.search("monitron-search-root-user").searchBody(50))
                .isEqualTo(JSON.readTree("{\"size\":50,\"query\":{\"match\":{\"aws.cloudtrail.user_identity.type\":"
                        + "\"Root\"}},\"sort\":[{\"@timestamp\":\"desc\"}]}"));
    }

    @Test
    void listsOneLayerPerLensVisualization() {
        assertThat(catalog.layers()).hasSize(25);
        assertThat(catalog.layers()).extracting(LayerQuery::layerId).containsOnly("main");
    }

    @Test
    void eventsByActionIsADateHistogramSplitByTheTopTenActionsCountingEvents() {
        LayerQuery layer = catalog.layer("monitron-lens-events-by-action");
        assertThat(layer.visualizationType()).isEqualTo("lnsXY");
        assertThat(layer.kql()).isEmpty();
        assertThat(layer.buckets())
                .containsExactly(
                        new DateHistogram("time", "@timestamp", "auto"),
                        new Terms("split", "event.action", 10, "events", "desc"));
        assertThat(layer.metrics()).containsExactly(new Count("events"));
    }

    @Test
    void aLayerBecomesNestedAggregationsOrderedByItsMetric() throws Exception {
        JsonNode body = catalog.layer("monitron-lens-change-sources").searchBody("1d");

        assertThat(body.path("size").asInt()).isZero();
        assertThat(body.at("/query/bool/must_not/0/bool/should")).hasSize(5);
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
        assertThat(body.at("/aggs/time/date_histogram/fixed_interval").asText()).isEqualTo("1h");
        assertThat(body.at("/aggs/time/aggs/split/terms/field").asText()).isEqualTo("error.code");
        assertThat(body.at("/query/match/event.outcome").asText()).isEqualTo("failure");
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
