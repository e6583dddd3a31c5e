package io.monitron.indexer;

import static io.monitron.indexer.TrailFolder.event;
import static io.monitron.indexer.TrailFolder.list;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.monitron.indexer.cli.Environment;
import io.monitron.indexer.cli.Main;
import io.monitron.indexer.testing.ElasticsearchFixture;
import io.monitron.indexer.testing.HttpResult;
import io.monitron.indexer.testing.IndexedDocuments;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI end to end against the real Elasticsearch: setup, index, re-runs, mappings and aggregations. */
class IndexIT {
    private static final ElasticsearchFixture ES = ElasticsearchFixture.shared();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MONITRON = "monitron.amazonaws.com";
    private static final String A1 = "111122223333";
    private static final String A2 = "444455556666";

    @TempDir
    Path temp;

    record Result(int exitCode, String out, String err) {}

    static Result cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(
                args,
                new Environment(Map.of("ES_URL", ES.url())),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @BeforeAll
    static void installTemplate() {
        Main.doNotHandleSignals();
        Result setup = cli("setup", "--index-prefix", "it-index");
        assertThat(setup.exitCode()).as(setup.err()).isZero();
    }

    /** Two accounts, two regions, two months; Monitron and other events; a digest; one event delivered twice. */
    private Set<String> writeTrail(TrailFolder trail) {
        Set<String> monitronIds = new TreeSet<>();
        Instant t1 = Instant.parse("2026-09-30T23:55:00Z");
        Instant t2 = Instant.parse("2026-10-01T10:00:00Z");
        String[] actions = {
            "CreateProject",
            "AssociateProjectAdminUser",
            "AmazonMonitronApp:CreateSite",
            "AmazonMonitronApp:CreateGateway",
            "AmazonMonitronApp:CreateAsset",
            "AmazonMonitronApp:CreateSensor",
            "AmazonMonitronApp:CreateAssetStateTransition",
            "TagResource",
            "DeleteProject",
            "ListProjects"
        };
        int n = 0;
        for (String account : List.of(A1, A2)) {
            for (String region : List.of("us-east-1", "eu-west-1")) {
                for (Instant stamp : List.of(t1, t2)) {
                    List<ObjectNode> events = new ArrayList<>();
                    for (String action : actions) {
                        String id = "m-" + (++n);
                        monitronIds.add(id);
                        events.add(event(id, MONITRON, action, stamp.plusSeconds(n % 60), account, region));
                        events.add(event("o-" + n, "ec2.amazonaws.com", "DescribeInstances", stamp, account, region));
                    }
                    trail.logFile(account, region, stamp, "u" + n, events);
                }
                trail.digestFile(account, region, t2);
            }
        }
        // CloudTrail may deliver an event twice: same eventID in another file
        trail.logFile(
                A1,
                "us-east-1",
                t2.plusSeconds(300),
                "dup",
                list(event("m-1", MONITRON, "CreateProject", t1, A1, "us-east-1")));
        return monitronIds;
    }

    private static Set<String> ids(String pattern) {
        return IndexedDocuments.ids(ES, pattern);
    }

    private static JsonNode summary(Path file) throws IOException {
        return JSON.readTree(Files.readString(file));
    }

    @Test
    void indexesATrailFolderToExactlyTheExpectedDocumentsAndReRunsAddNothing() throws IOException {
        ES.deleteIndices("it-index-*");
        TrailFolder trail = new TrailFolder(temp.resolve("trail"));
        Set<String> expected = writeTrail(trail);
        Path summary = temp.resolve("summary.json");

        JsonNode s1 = indexWithSummary(trail, summary);
        assertThat(ids("it-index-*")).isEqualTo(expected);
        assertThat(s1.path("events").path("indexed").asLong()).isEqualTo(expected.size());
        assertThat(s1.path("events").path("already_indexed").asLong()).isEqualTo(1); // the duplicate delivery
        assertThat(s1.path("files").path("skipped_digest").asLong()).isEqualTo(4);
        assertThat(ES.request("GET", "/_cat/indices/it-index-*?h=index&s=index", null)
                        .body()
                        .trim()
                        .split("\\s+"))
                .containsExactly("it-index-2026.09", "it-index-2026.10");

        // the same folder again: the state says every file is done
        JsonNode s2 = indexWithSummary(trail, summary);
        assertThat(s2.path("files").path("read").asLong()).isZero();
        assertThat(s2.path("files").path("skipped_unchanged").asLong()).isEqualTo(9);
        assertThat(ids("it-index-*")).isEqualTo(expected);

        // --full reads everything again and changes nothing
        JsonNode s3 = indexWithSummary(trail, summary, "--full");
        assertThat(s3.path("events").path("indexed").asLong()).isZero();
        assertThat(s3.path("events").path("already_indexed").asLong()).isEqualTo(expected.size() + 1);
        assertThat(ids("it-index-*")).isEqualTo(expected);

        // a file delivered late into a day already processed is picked up, and only it
        trail.logFile(
                A2,
                "eu-west-1",
                Instant.parse("2026-10-01T10:00:00Z"),
                "aaa-late",
                list(event(
                        "m-late",
                        MONITRON,
                        "AmazonMonitronApp:DeleteSensor",
                        Instant.parse("2026-10-01T10:03:00Z"),
                        A2,
                        "eu-west-1")));
        JsonNode s4 = indexWithSummary(trail, summary);
        assertThat(s4.path("files").path("read").asLong()).isEqualTo(1);
        Set<String> withLate = new TreeSet<>(expected);
        withLate.add("m-late");
        assertThat(ids("it-index-*")).isEqualTo(withLate);

        // --reset-state forgets what was done: every file is read again, nothing changes in the index
        JsonNode s5 = indexWithSummary(trail, summary, "--reset-state");
        assertThat(s5.path("files").path("read").asLong()).isEqualTo(10);
        assertThat(s5.path("events").path("indexed").asLong()).isZero();
        assertThat(ids("it-index-*")).isEqualTo(withLate);
    }

    @Test
    void documentsCarryTheMonitronMeaning() {
        ES.deleteIndices("it-index-*");
        TrailFolder trail = new TrailFolder(temp.resolve("one"));
        ObjectNode deletion =
                event("d-1", MONITRON, "DeleteProject", Instant.parse("2026-10-02T08:00:00Z"), A1, "eu-west-1");
        deletion.put("errorCode", "AccessDenied");
        deletion.put("errorMessage", "User is not authorized");
        trail.logFile(A1, "eu-west-1", Instant.parse("2026-10-02T08:00:00Z"), "x", list(deletion));
        Result run = cli(
                "index",
                "--path",
                trail.root().toString(),
                "--index-prefix",
                "it-index",
                "--dead-letter",
                temp.resolve("dl").toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        ES.refresh("it-index-*");
        JsonNode doc =
                ES.request("GET", "/it-index-2026.10/_doc/d-1", null).json().path("_source");
        assertThat(doc.at("/event/action").asText()).isEqualTo("DeleteProject");
        assertThat(doc.at("/event/outcome").asText()).isEqualTo("failure");
        assertThat(doc.at("/error/code").asText()).isEqualTo("AccessDenied");
        assertThat(doc.at("/monitron/operation").asText()).isEqualTo("delete");
        assertThat(doc.at("/monitron/project/name").asText()).isEqualTo("plant-d-1");
        assertThat(doc.at("/cloud/account/id").asText()).isEqualTo(A1);
        assertThat(doc.at("/log/file/path").asText()).endsWith(".json.gz");
        JsonNode found = ES.request(
                        "POST",
                        "/it-index-*/_search",
                        "{\"query\":{\"bool\":{\"filter\":[{\"term\":{\"monitron.project.name\":\"plant-d-1\"}},"
                                + "{\"term\":{\"event.outcome\":\"failure\"}},{\"term\":{\"source.ip\":"
                                + "\"203.0.113.0/24\"}}]}}}")
                .json();
        assertThat(found.at("/hits/total/value").asInt()).isEqualTo(1);
    }

    @Test
    void fieldTypesInElasticsearchAreThoseTheFieldReferenceStates() throws IOException {
        ES.deleteIndices("it-index-*");
        indexTrailFolder("types");
        Map<String, String> documented = FieldsDocTest.documentedFields(Files.readAllLines(Path.of("docs/fields.md")));
        JsonNode mapping = ES.request("GET", "/it-index-2026.10/_mapping", null)
                .json()
                .path("it-index-2026.10")
                .path("mappings");
        Map<String, String> actual = new TreeMap<>();
        flatten(mapping.path("properties"), "", actual);
        assertThat(actual).isEqualTo(documented);
        assertThat(mapping.path("dynamic").asText()).isEqualTo("false");
    }

    @Test
    void termsAggregationsWorkOnEveryAggregatableField() throws IOException {
        ES.deleteIndices("it-index-*");
        indexTrailFolder("aggs");
        ES.refresh("it-index-*");
        Map<String, String> documented = FieldsDocTest.documentedFields(Files.readAllLines(Path.of("docs/fields.md")));
        JsonNode template = JSON.readTree(IndexIT.class.getResourceAsStream("/index-template.json"));
        Map<String, JsonNode> mappings = new TreeMap<>();
        leafMappings(template.at("/template/mappings/properties"), "", mappings);
        int checked = 0;
        for (Map.Entry<String, String> field : documented.entrySet()) {
            String type = field.getValue();
            JsonNode mapping = mappings.get(field.getKey());
            boolean aggregatable =
                    Set.of("keyword", "ip", "boolean", "date", "long").contains(type)
                            && mapping.path("doc_values").asBoolean(true);
            if (!aggregatable) {
                continue;
            }
            HttpResult result = ES.request(
                    "POST",
                    "/it-index-*/_search",
                    "{\"size\":0,\"aggs\":{\"a\":{\"terms\":{\"field\":\"" + field.getKey() + "\"}}}}");
            assertThat(result.status())
                    .as(field.getKey() + ": " + result.body())
                    .isEqualTo(200);
            checked++;
        }
        assertThat(checked).isGreaterThan(50);
        JsonNode actions = ES.request(
                        "POST",
                        "/it-index-*/_search",
                        "{\"size\":0,\"aggs\":{\"a\":{\"terms\":{\"field\":\"event.action\",\"size\":50}}}}")
                .json()
                .at("/aggregations/a/buckets");
        List<String> keys = new ArrayList<>();
        actions.forEach(b -> keys.add(b.path("key").asText()));
        assertThat(keys)
                .contains("CreateSensor", "CreateProject", "DeleteProject")
                .doesNotContain("DescribeInstances");
    }

    @Test
    void indexRefusesToRunWithoutTheTemplateAndSaysWhatToDo() {
        Result run = cli("index", "--path", temp.toString(), "--index-prefix", "it-notemplate");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("run `setup` first");
    }

    @Test
    void elasticsearchUnreachableIsExitOneWithOneClearLine() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(
                new String[] {"index", "--path", temp.toString()},
                new Environment(Map.of("ES_URL", "http://127.0.0.1:1")),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8).strip())
                .startsWith("error: cannot reach Elasticsearch at http://127.0.0.1:1")
                .doesNotContain("\n");
    }

    /** Indexes {@code trail} into {@code it-index} (exit 0 required) and returns the run's summary JSON. */
    private JsonNode indexWithSummary(TrailFolder trail, Path summary, String... extra) throws IOException {
        List<String> args = new ArrayList<>(List.of(
                "index",
                "--path",
                trail.root().toString(),
                "--index-prefix",
                "it-index",
                "--dead-letter",
                temp.resolve("dl").toString(),
                "--summary-json",
                summary.toString()));
        args.addAll(List.of(extra));
        Result run = cli(args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.err()).isZero();
        return summary(summary);
    }

    /** Writes the standard test trail into a folder of its own and indexes it. */
    private void indexTrailFolder(String folder) {
        TrailFolder trail = new TrailFolder(temp.resolve(folder));
        writeTrail(trail);
        Result run = cli(
                "index",
                "--path",
                trail.root().toString(),
                "--index-prefix",
                "it-index",
                "--dead-letter",
                temp.resolve("dl").toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
    }

    private static void flatten(JsonNode properties, String prefix, Map<String, String> into) {
        Map<String, JsonNode> leaves = new TreeMap<>();
        leafMappings(properties, prefix, leaves);
        leaves.forEach((field, mapping) -> into.put(field, mapping.path("type").asText()));
    }

    private static void leafMappings(JsonNode properties, String prefix, Map<String, JsonNode> into) {
        Iterator<Map.Entry<String, JsonNode>> it = properties.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().has("properties")) {
                leafMappings(e.getValue().path("properties"), prefix + e.getKey() + ".", into);
            } else {
                into.put(prefix + e.getKey(), e.getValue());
                // multi-fields (error.message.keyword) are fields of their own in docs/fields.md
                e.getValue()
                        .path("fields")
                        .properties()
                        .forEach(sub -> into.put(prefix + e.getKey() + "." + sub.getKey(), sub.getValue()));
            }
        }
    }
}
