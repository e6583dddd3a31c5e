package io.monitron.indexer.kibana;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.monitron.indexer.estate.EstateIndex;
import io.monitron.indexer.kibana.AuditOracle.IndexedEvent;
import io.monitron.indexer.kibana.AuditOracle.PanelQuestion;
import io.monitron.indexer.kibana.SavedObjectQueries.Bucket;
import io.monitron.indexer.kibana.SavedObjectQueries.LayerQuery;
import io.monitron.indexer.kibana.SavedObjectQueries.SearchQuery;
import io.monitron.indexer.kibana.SavedObjectQueries.Terms;
import io.monitron.indexer.kibana.SavedObjectQueries.UniqueCount;
import io.monitron.indexer.testing.CliRunner;
import io.monitron.indexer.testing.ElasticsearchFixture;
import io.monitron.indexer.testing.HttpResult;
import io.monitron.indexer.transform.geo.TestDatabases;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kibana saved objects against real data in the real Elasticsearch: the committed sample trail (4 weeks, 3
 * accounts, 3 regions, all 27 actions, failures, root, calls without MFA) is indexed once with the CLI, with {@code
 * --all-events} so that the other services' events (half the trail) are there for every panel to leave out, then the
 * query behind every saved search and every Lens layer in {@code kibana/monitron.ndjson} runs against it, as {@link
 * SavedObjectQueries} translates it, and must return exactly what {@link AuditOracle} computes from the raw
 * CloudTrail files for the same audit question.
 *
 * <p>The objects target {@code monitron-cloudtrail-*}; here the indexer writes to, and the queries search, {@code
 * it-kibana-*} so the test cannot meet other data. Lens's {@code auto} date interval is stood in for by a fixed
 * {@value #AUTO_INTERVAL}.
 */
class KibanaQueriesIT {

    private static final ElasticsearchFixture ES = ElasticsearchFixture.shared();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PREFIX = "it-kibana";
    private static final String INDICES = PREFIX + "-*";
    // outside it-kibana-* so the run state never shows up in the searched indices
    private static final String STATE_INDEX = "kibana-it-run-state";
    private static final String AUTO_INTERVAL = "1d";
    private static final int DISCOVER_MAX_HITS = 10_000;
    private static final Path TRAIL = Path.of("samples", "trail");
    private static final String SAME_EVENTS = "the same events, each once";
    // outside it-kibana-*, as the estate index must be
    private static final String ESTATE_INDEX = "kibana-it-estate";
    // the located trail: outside it-kibana-*, so the sample trail's checks never see it
    private static final String LOCATED_PREFIX = "it-kibanageo";
    private static final String LOCATED_INDICES = LOCATED_PREFIX + "-*";
    private static final String LOCATED_STATE_INDEX = "kibana-it-located-state";
    private static final String LOCATED_ESTATE_INDEX = "kibana-it-located-estate";

    private static String ndjson;
    private static SavedObjectQueries catalog;
    private static List<RawEvent> rawEvents;
    private static Map<String, JsonNode> indexedById;
    private static EstateOracle estateOracle;

    @BeforeAll
    static void indexTheSampleTrailOnce(@TempDir Path temp) throws IOException {
        ndjson = Files.readString(Path.of("kibana", "monitron.ndjson"), StandardCharsets.UTF_8);
        catalog = SavedObjectQueries.fromNdjson(ndjson);
        rawEvents = RawEvent.readMonitronEvents(TRAIL);
        System.out.println("[kibana-it] oracle: " + rawEvents.size() + " Monitron events in " + TRAIL);

        ES.deleteIndices(INDICES);
        ES.deleteIndices(STATE_INDEX);
        ES.deleteIndices(ESTATE_INDEX);
        Map<String, String> env = Map.of("ES_URL", ES.url());
        CliRunner.Result setup =
                CliRunner.inProcess(env, "setup", "--index-prefix", PREFIX, "--estate-index", ESTATE_INDEX);
        assertThat(setup.exitCode()).as(setup.err()).isZero();
        CliRunner.Result index = CliRunner.inProcess(
                env,
                "index",
                "--path",
                TRAIL.toString(),
                "--index-prefix",
                PREFIX,
                "--state-index",
                STATE_INDEX,
                "--estate-index", // its own estate: names from another test's estate must not reach these events
                ESTATE_INDEX,
                "--dead-letter",
                temp.resolve("dead-letter").toString(),
                "--all-events",
                "--quiet");
        assertThat(index.exitCode()).as(index.out() + index.err()).isZero();
        ES.refresh(INDICES);
        // the estate, as an index run with --full rebuilds it; it also fills site names into gateway events
        try (var client = new EstateClient(ES.url())) {
            EstateIndex estate = new EstateIndex(client.client(), INDICES, ESTATE_INDEX);
            estate.install();
            estate.rebuild();
        }
        ES.refresh(INDICES);
        indexedById = fetchAllDocuments();
        estateOracle = EstateOracle.of(rawEvents);
    }

    @Test
    void theIndexHoldsTheMonitronEventsOfTheSampleTrailAndOtherServicesEventsBeside() {
        assertThat(rawEvents).hasSizeGreaterThan(1000);
        Set<String> rawIds = new TreeSet<>();
        rawEvents.forEach(event -> rawIds.add(event.id()));
        Set<String> monitronIds = new TreeSet<>();
        indexedById.forEach((id, source) -> {
            if (source.path("event").path("provider").asText().equals("monitron.amazonaws.com")) {
                monitronIds.add(id);
            }
        });
        assertThat(monitronIds).isEqualTo(rawIds);
        assertThat(indexedById.size() - monitronIds.size())
                .as("other services' events, which every panel must leave out")
                .isGreaterThan(1000);
    }

    @Test
    void everySavedSearchReturnsExactlyTheEventsOfItsAuditQuestion() {
        SoftAssertions soft = new SoftAssertions();
        int checked = 0;
        for (SearchQuery search : catalog.searches()) {
            if (isEstate(search.dataViewId())) {
                checked++;
                continue;
            }
            Predicate<RawEvent> question = AuditOracle.search(search.id());
            Set<String> expected = new TreeSet<>();
            rawEvents.stream().filter(question).forEach(event -> expected.add(event.id()));
            assertThat(expected.size()).as(search.id()).isLessThanOrEqualTo(DISCOVER_MAX_HITS);

            ObjectNode body = search.searchBody(DISCOVER_MAX_HITS);
            JsonNode hits = search(body).path("hits");
            List<String> ids = new ArrayList<>();
            List<String> times = new ArrayList<>();
            for (JsonNode hit : hits.path("hits")) {
                ids.add(hit.path("_id").asText());
                times.add(hit.path("_source").path("@timestamp").asText());
            }

            soft.assertThat(expected)
                    .as("%s selects something on the sample data", search.id())
                    .isNotEmpty();
            soft.assertThat(hits.path("total").path("value").asInt())
                    .as("%s: hit count", search.id())
                    .isEqualTo(expected.size());
            soft.assertThat(difference(expected, ids))
                    .as("%s [%s]: hits compared with the audit question's events", search.id(), search.kql())
                    .isEqualTo(SAME_EVENTS);
            soft.assertThat(times)
                    .as("%s: newest first, as saved", search.id())
                    .isSortedAccordingTo((a, b) -> b.compareTo(a));
            for (String column : search.columns()) {
                soft.assertThat(ids.stream().anyMatch(id -> hasValue(indexedById.get(id), column)))
                        .as("%s: column %s shows a value in at least one row", search.id(), column)
                        .isTrue();
            }
            checked++;
        }
        soft.assertAll();
        assertThat(checked).as("saved searches checked").isEqualTo(countObjects("search"));
        assertThat(AuditOracle.SEARCHES)
                .as("audit questions without a saved search")
                .containsOnlyKeys(catalog.searches().stream()
                        .filter(search -> !isEstate(search.dataViewId()))
                        .map(SearchQuery::id)
                        .toList());
    }

    @Test
    void everySavedSearchOfTheEstateListsExactlyTheEntitiesOfItsQuestion() {
        SoftAssertions soft = new SoftAssertions();
        List<SearchQuery> estateSearches = catalog.searches().stream()
                .filter(search -> isEstate(search.dataViewId()))
                .toList();
        for (SearchQuery search : estateSearches) {
            Predicate<EstateOracle.Entity> question = AuditOracle.ESTATE_SEARCHES.get(search.id());
            assertThat(question).as("estate question for " + search.id()).isNotNull();
            Set<String> expected = new TreeSet<>();
            estateOracle.entities().stream().filter(question).forEach(entity -> expected.add(entity.key()));

            JsonNode hits =
                    search(ESTATE_INDEX, search.searchBody(DISCOVER_MAX_HITS)).path("hits");
            List<String> ids = new ArrayList<>();
            List<String> sortValues = new ArrayList<>();
            List<JsonNode> sources = new ArrayList<>();
            for (JsonNode hit : hits.path("hits")) {
                ids.add(hit.path("_id").asText());
                sortValues.add(dotted(hit.path("_source"), search.sort().get(0).get(0)));
                sources.add(hit.path("_source"));
            }
            soft.assertThat(expected)
                    .as("%s selects something on the sample data", search.id())
                    .isNotEmpty();
            soft.assertThat(new TreeSet<>(ids))
                    .as("%s [%s]", search.id(), search.kql())
                    .isEqualTo(expected);
            soft.assertThat(ids).as("%s: each entity once", search.id()).doesNotHaveDuplicates();
            soft.assertThat(sortValues)
                    .as("%s: latest first, as saved", search.id())
                    .isSortedAccordingTo((a, b) -> b.compareTo(a));
            for (String column : search.columns()) {
                soft.assertThat(sources.stream().anyMatch(source -> hasValue(source, column)))
                        .as("%s: column %s shows a value in at least one row", search.id(), column)
                        .isTrue();
            }
        }
        soft.assertAll();
        assertThat(AuditOracle.ESTATE_SEARCHES)
                .containsOnlyKeys(estateSearches.stream().map(SearchQuery::id).toList());
    }

    @Test
    void everyLensLayerOfTheEstateShowsExactlyTheBucketsOfItsQuestion() {
        SoftAssertions soft = new SoftAssertions();
        List<LayerQuery> estateLayers = catalog.layers().stream()
                .filter(layer -> isEstate(layer.dataViewId()))
                .toList();
        for (LayerQuery layer : estateLayers) {
            AuditOracle.EstateQuestion question = AuditOracle.ESTATE_LAYERS.get(layer.objectId());
            assertThat(question).as("estate question for " + layer.objectId()).isNotNull();
            if (!fieldsOf(layer).equals(question.fields())) {
                soft.fail(
                        "%s counts by %s, but its question is by %s",
                        layer.objectId(), fieldsOf(layer), question.fields());
                continue;
            }
            List<EstateOracle.Entity> selected =
                    estateOracle.entities().stream().filter(question.selects()).toList();
            List<String> expected = LayerBuckets.expected(layer, selected, AUTO_INTERVAL, LayerBuckets.ENTITIES);
            List<String> actual = LayerBuckets.actual(layer, search(ESTATE_INDEX, layer.searchBody(AUTO_INTERVAL)));

            soft.assertThat(selected)
                    .as("%s counts something on the sample data", layer.objectId())
                    .isNotEmpty();
            for (EstateOracle.Entity entity : selected) {
                for (Bucket bucket : layer.buckets()) {
                    soft.assertThat(entity.field(bucket.field()))
                            .as(
                                    "%s: %s of %s, which the panel would leave out",
                                    layer.objectId(), bucket.field(), entity.key())
                            .isPresent();
                }
            }
            soft.assertThat(actual)
                    .as(
                            "%s [%s]: %s",
                            layer.objectId(),
                            layer.kql(),
                            LayerBuckets.firstDifference(expected, actual).orElse(""))
                    .isNotEmpty()
                    .isEqualTo(expected);
        }
        soft.assertAll();
        assertThat(estateLayers).hasSize(7);
        assertThat(AuditOracle.ESTATE_LAYERS)
                .containsOnlyKeys(
                        estateLayers.stream().map(LayerQuery::objectId).toList());
    }

    @Test
    void gatewayEventsShowTheirSitesCurrentName() {
        long gatewayEvents = 0;
        for (RawEvent event : rawEvents) {
            if (event.noun().equals("Gateway") && event.siteId().isPresent()) {
                gatewayEvents++;
                assertThat(dotted(indexedById.get(event.id()), "monitron.site.name"))
                        .as(event.toString())
                        .isEqualTo(estateOracle.siteName(event.siteId().get()).orElseThrow());
            }
        }
        assertThat(gatewayEvents).isPositive();
    }

    private static boolean isEstate(String dataViewId) {
        return dataViewId.equals(SavedObjectChecklist.ESTATE_DATA_VIEW_ID);
    }

    private static String dotted(JsonNode source, String dottedPath) {
        JsonNode node = source;
        for (String step : dottedPath.split("\\.")) {
            node = node.path(step);
        }
        return node.asText("");
    }

    @Test
    void everyLensLayerShowsExactlyTheBucketsOfItsAuditQuestion() {
        SoftAssertions soft = new SoftAssertions();
        int checked = 0;
        for (LayerQuery layer : catalog.layers()) {
            checked++;
            if (isEstate(layer.dataViewId())) {
                continue;
            }
            PanelQuestion question = AuditOracle.layer(layer.objectId());
            if (!fieldsOf(layer).equals(question.fields())) {
                soft.fail(
                        "%s counts by %s, but its audit question is by %s",
                        layer.objectId(), fieldsOf(layer), question.fields());
                continue;
            }
            if (AuditOracle.LOCATED_LAYERS.contains(layer.objectId())) {
                // indexed without a GeoIP database: the query runs and, like the oracle, finds nothing located;
                // the buckets are compared on the located trail
                soft.assertThat(select(question.selects()))
                        .as("%s: located events in the sample trail", layer.objectId())
                        .isEmpty();
                soft.assertThat(LayerBuckets.actual(layer, search(layer.searchBody(AUTO_INTERVAL))))
                        .as("%s [%s] on events indexed without --geoip-db", layer.objectId(), layer.kql())
                        .isEmpty();
                continue;
            }
            List<IndexedEvent> selected = select(question.selects());
            List<String> expected = LayerBuckets.expected(layer, selected, AUTO_INTERVAL);
            List<String> actual = LayerBuckets.actual(layer, search(layer.searchBody(AUTO_INTERVAL)));

            soft.assertThat(selected)
                    .as("%s counts something on the sample data", layer.objectId())
                    .isNotEmpty();
            // a terms bucket leaves out events without a value: the panel would hide them without a trace
            soft.assertThat(withoutBucketValue(layer, selected))
                    .as("%s: events its buckets leave out for lack of a value", layer.objectId())
                    .isEmpty();
            soft.assertThat(actual)
                    .as(
                            "%s [%s]: %s",
                            layer.objectId(),
                            layer.kql(),
                            LayerBuckets.firstDifference(expected, actual).orElse(""))
                    .isNotEmpty()
                    .isEqualTo(expected);
        }
        soft.assertAll();
        assertThat(checked).as("Lens layers checked").isEqualTo(countLensLayers());
        assertThat(AuditOracle.LAYERS)
                .as("audit questions without a Lens layer")
                .containsOnlyKeys(catalog.layers().stream()
                        .filter(layer -> !isEstate(layer.dataViewId()))
                        .map(LayerQuery::objectId)
                        .toList());
    }

    /**
     * The panels on {@code source.geo.*} and {@code source.as.*} against the sample trail's events with public
     * addresses ({@link LocatedTrail}), indexed with the test City and ASN databases into their own indices: the
     * buckets must equal what the test databases say about each address, and no located change may drop out.
     */
    @Test
    void everyLocationPanelShowsExactlyTheBucketsOfItsQuestionOnATrailWithPublicAddresses(@TempDir Path temp)
            throws IOException {
        assertThat(LocatedTrail.location(TestDatabases.LONDON_IPV4).map(LocatedTrail.Location::cityName))
                .contains("London");
        assertThat(LocatedTrail.location(TestDatabases.BERLIN_IPV6).map(LocatedTrail.Location::cityName))
                .contains("Berlin");
        Path trail = LocatedTrail.write(rawEvents, temp.resolve("located"));
        List<RawEvent> located = RawEvent.readMonitronEvents(trail);
        ES.deleteIndices(LOCATED_INDICES);
        ES.deleteIndices(LOCATED_STATE_INDEX);
        ES.deleteIndices(LOCATED_ESTATE_INDEX);
        Map<String, String> env = Map.of("ES_URL", ES.url());
        CliRunner.Result setup = CliRunner.inProcess(
                env, "setup", "--index-prefix", LOCATED_PREFIX, "--estate-index", LOCATED_ESTATE_INDEX);
        assertThat(setup.exitCode()).as(setup.err()).isZero();
        CliRunner.Result index = CliRunner.inProcess(
                env,
                "index",
                "--path",
                trail.toString(),
                "--index-prefix",
                LOCATED_PREFIX,
                "--state-index",
                LOCATED_STATE_INDEX,
                "--estate-index",
                LOCATED_ESTATE_INDEX,
                "--dead-letter",
                temp.resolve("dead-letter").toString(),
                "--geoip-db",
                TestDatabases.city(Files.createDirectories(temp.resolve("geoip")))
                        .toString(),
                "--geoip-db",
                TestDatabases.asn(temp.resolve("geoip")).toString(),
                "--quiet");
        assertThat(index.exitCode()).as(index.out() + index.err()).isZero();
        ES.refresh(LOCATED_INDICES);

        List<LayerQuery> layers = catalog.layers().stream()
                .filter(layer -> AuditOracle.LOCATED_LAYERS.contains(layer.objectId()))
                .toList();
        assertThat(layers)
                .extracting(LayerQuery::objectId)
                .containsExactlyInAnyOrderElementsOf(AuditOracle.LOCATED_LAYERS);
        SoftAssertions soft = new SoftAssertions();
        for (LayerQuery layer : layers) {
            PanelQuestion question = AuditOracle.layer(layer.objectId());
            List<IndexedEvent> selected = located.stream()
                    .filter(question.selects())
                    .map(event -> new IndexedEvent(event, null, estateOracle))
                    .toList();
            List<String> expected = LayerBuckets.expected(layer, selected, AUTO_INTERVAL);
            List<String> actual = LayerBuckets.actual(layer, search(LOCATED_INDICES, layer.searchBody(AUTO_INTERVAL)));

            soft.assertThat(selected)
                    .as("%s counts something on the located trail", layer.objectId())
                    .isNotEmpty();
            soft.assertThat(withoutBucketValue(layer, selected))
                    .as("%s: events its buckets leave out for lack of a value", layer.objectId())
                    .isEmpty();
            soft.assertThat(actual)
                    .as(
                            "%s [%s]: %s",
                            layer.objectId(),
                            layer.kql(),
                            LayerBuckets.firstDifference(expected, actual).orElse(""))
                    .isNotEmpty()
                    .isEqualTo(expected);
        }
        soft.assertAll();

        // the first-seen panel has a user with a second country to show, and leaves unlocated changes out
        List<String> userCountries = LayerBuckets.actual(
                catalog.layer("monitron-lens-user-countries"),
                search(
                        LOCATED_INDICES,
                        catalog.layer("monitron-lens-user-countries").searchBody(AUTO_INTERVAL)));
        Map<String, Set<String>> countriesByUser = new HashMap<>();
        for (String line : userCountries) {
            String user = line.substring("user=".length(), line.indexOf(" | "));
            String country = line.substring(line.indexOf("country=") + "country=".length(), line.indexOf(" | ->"));
            countriesByUser.computeIfAbsent(user, u -> new TreeSet<>()).add(country);
        }
        assertThat(countriesByUser.values()).anyMatch(countries -> countries.size() == 2);
        assertThat(located.stream()
                        .filter(AuditOracle::change)
                        .filter(event -> !AuditOracle.locatedChange(event))
                        .count())
                .as("unlocated changes in the located trail, which the panels must leave out")
                .isPositive();
    }

    @Test
    void theDeletedProjectsPanelCountsEveryProjectDeletionOnce() {
        LayerQuery layer = catalog.layer("monitron-lens-project-deletions");
        long deletions = rawEvents.stream()
                .filter(event -> event.action().equals("DeleteProject"))
                .count();

        long counted = 0;
        for (String line : LayerBuckets.actual(layer, search(layer.searchBody(AUTO_INTERVAL)))) {
            counted += Long.parseLong(line.substring(line.lastIndexOf('=') + 1));
        }

        assertThat(deletions).isPositive();
        assertThat(counted).isEqualTo(deletions);
    }

    private static List<String> fieldsOf(LayerQuery layer) {
        List<String> fields = new ArrayList<>();
        layer.buckets().forEach(bucket -> fields.add(bucket.field()));
        layer.metrics().stream()
                .filter(metric -> metric instanceof UniqueCount)
                .forEach(metric -> fields.add(((UniqueCount) metric).field()));
        return fields;
    }

    private static List<String> withoutBucketValue(LayerQuery layer, List<IndexedEvent> selected) {
        List<String> left = new ArrayList<>();
        for (IndexedEvent event : selected) {
            for (Bucket bucket : layer.buckets()) {
                if (bucket instanceof Terms terms
                        && AuditOracle.field(terms.field()).apply(event).isEmpty()) {
                    left.add(terms.field() + " of " + event.raw());
                }
            }
        }
        return left;
    }

    private static List<IndexedEvent> select(Predicate<RawEvent> question) {
        List<IndexedEvent> selected = new ArrayList<>();
        for (RawEvent event : rawEvents) {
            JsonNode source = indexedById.get(event.id());
            if (question.test(event) && source != null) {
                selected.add(new IndexedEvent(event, source, estateOracle));
            }
        }
        return selected;
    }

    private static JsonNode search(ObjectNode body) {
        return search(INDICES, body);
    }

    private static JsonNode search(String indices, ObjectNode body) {
        HttpResult result = ES.request("POST", "/" + indices + "/_search", body.toString());
        assertThat(result.status()).as(body + " -> " + result.body()).isEqualTo(200);
        return result.json();
    }

    /** Every indexed document by id, paged with search_after on the event id. */
    private static Map<String, JsonNode> fetchAllDocuments() {
        Map<String, JsonNode> documents = new HashMap<>();
        JsonNode last = null;
        while (true) {
            ObjectNode body = JSON.createObjectNode().put("size", 1000);
            body.putObject("query").putObject("match_all");
            body.putArray("sort").addObject().put("event.id", "asc");
            if (last != null) {
                body.set("search_after", last);
            }
            JsonNode hits = search(body).path("hits").path("hits");
            if (hits.isEmpty()) {
                return documents;
            }
            for (JsonNode hit : hits) {
                documents.put(hit.path("_id").asText(), hit.path("_source"));
                last = hit.path("sort");
            }
        }
    }

    /** Whether a document has a non-empty value at a dotted path, as Discover would show it. */
    private static boolean hasValue(JsonNode source, String dottedPath) {
        JsonNode node = source;
        for (String step : dottedPath.split("\\.")) {
            node = node.path(step);
        }
        return !node.isMissingNode() && !node.isNull() && !(node.isArray() && node.isEmpty());
    }

    private static String difference(Set<String> expected, List<String> actual) {
        Set<String> missing = new LinkedHashSet<>(expected);
        actual.forEach(missing::remove);
        Set<String> unexpected = new LinkedHashSet<>(actual);
        unexpected.removeAll(expected);
        if (missing.isEmpty() && unexpected.isEmpty() && actual.size() == expected.size()) {
            return SAME_EVENTS;
        }
        return missing.size() + " missing " + describe(missing) + ", " + unexpected.size() + " unexpected "
                + describe(unexpected) + ", " + (actual.size() - new LinkedHashSet<>(actual).size()) + " repeated";
    }

    private static List<String> describe(Set<String> ids) {
        Map<String, RawEvent> byId = new HashMap<>();
        rawEvents.forEach(event -> byId.put(event.id(), event));
        return ids.stream()
                .limit(5)
                .map(id -> byId.containsKey(id) ? byId.get(id).toString() : id)
                .toList();
    }

    /** Saved objects of a type, counted straight from the NDJSON lines. */
    private static int countObjects(String type) {
        int count = 0;
        for (JsonNode object : ndjsonObjects()) {
            if (object.path("type").asText().equals(type)) {
                count++;
            }
        }
        return count;
    }

    /** Layers of Lens objects plus those of Lens panels stored by value in dashboards, from the NDJSON lines. */
    private static int countLensLayers() {
        int count = 0;
        for (JsonNode object : ndjsonObjects()) {
            String type = object.path("type").asText();
            if (type.equals("lens")) {
                count += layersOf(object.path("attributes"));
            } else if (type.equals("dashboard")) {
                for (JsonNode panel :
                        readJson(object.path("attributes").path("panelsJSON").asText("[]"))) {
                    if (panel.path("type").asText().equals("lens")) {
                        count += layersOf(panel.path("embeddableConfig").path("attributes"));
                    }
                }
            }
        }
        return count;
    }

    private static int layersOf(JsonNode lensAttributes) {
        return lensAttributes
                .path("state")
                .path("datasourceStates")
                .path("formBased")
                .path("layers")
                .size();
    }

    private static List<JsonNode> ndjsonObjects() {
        List<JsonNode> objects = new ArrayList<>();
        for (String line : ndjson.split("\n")) {
            if (!line.isBlank()) {
                objects.add(readJson(line));
            }
        }
        return objects;
    }

    private static JsonNode readJson(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + json, e);
        }
    }
}
