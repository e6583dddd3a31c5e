package io.monitron.indexer.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.monitron.indexer.testing.ElasticsearchFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Event content is data, never control: it cannot choose an index outside {@code PREFIX-YYYY.MM}, a document id other
 * than its own, or a file outside the dead-letter folder. And the API key is sent as {@code Authorization: ApiKey}.
 */
class InputIsDataIT {
    private static final ElasticsearchFixture ES = ElasticsearchFixture.shared();
    private static final String PREFIX = "rel-data";

    @TempDir
    Path temp;

    @BeforeAll
    static void installTemplate() {
        CliResult setup = InProcessCli.against(ES.url()).run("setup", "--index-prefix", PREFIX);
        assertThat(setup.exitCode()).as(setup.transcript()).isZero();
    }

    @Test
    void eventContentCannotChooseTheIndexOrADeadLetterPath() throws IOException {
        ES.deleteIndices(PREFIX + "-*");
        ES.deleteIndices("evil*");
        List<String> records = new ArrayList<>();
        ObjectNode hostile = Events.monitron("../../evil/_bulk?x=\n{\"index\":{\"_index\":\"evil\"}}");
        hostile.put("_index", "evil");
        hostile.put("_id", "evil-id");
        hostile.put("index", "evil");
        hostile.put("eventTime", "2026-10-31T23:30:00-02:00"); // November in UTC: the index comes from the time
        records.add(hostile.toString());
        ObjectNode pathy = Events.monitron("../../../../tmp/evil-dead-letter");
        pathy.remove("eventSource"); // rejected: goes to the dead-letter place
        pathy.put(
                "userAgent", "monitron.amazonaws.com"); // holds the Monitron source's bytes: examined, not passed over
        records.add(pathy.toString());
        records.add("{\"eventID\":\"../../x\", \"eventSource\": broken, \"u\":\"monitron.amazonaws.com\"}");
        Path work = temp.resolve("work");
        Path deadLetters = work.resolve("dead-letters");
        Files.createDirectories(deadLetters);
        Path input = Events.write(
                temp.resolve("in/hostile.json"), Events.utf8(Events.records(records.toArray(String[]::new))));

        CliResult run = InProcessCli.against(ES.url())
                .run(
                        "index",
                        "--path",
                        input.toString(),
                        "--index-prefix",
                        PREFIX,
                        "--dead-letter",
                        deadLetters.toString(),
                        "--summary-json",
                        work.resolve("summary.json").toString());

        assertThat(run.exitCode()).as(run.transcript()).isEqualTo(3);
        JsonNode indices =
                ES.request("GET", "/_cat/indices?format=json&h=index", null).json();
        List<String> names = new ArrayList<>();
        indices.forEach(i -> names.add(i.path("index").asText()));
        assertThat(names).noneMatch(n -> n.contains("evil"));
        assertThat(names.stream().filter(n -> n.startsWith(PREFIX))).containsExactly(PREFIX + "-2026.11");
        ES.refresh(PREFIX + "-*");
        JsonNode doc = ES.request(
                        "POST",
                        "/" + PREFIX + "-*/_search",
                        "{\"query\":{\"term\":{\"event.id\":\""
                                + hostile.path("eventID")
                                        .asText()
                                        .replace("\n", "\\n")
                                        .replace("\"", "\\\"") + "\"}}}")
                .json();
        assertThat(doc.at("/hits/total/value").asInt()).isEqualTo(1);
        // the only file written is the run's dead-letter file, inside the dead-letter folder
        try (Stream<Path> files = Files.walk(temp)) {
            assertThat(files.filter(Files::isRegularFile)
                            .map(p -> temp.relativize(p).toString()))
                    .allMatch(p -> p.equals("in/hostile.json")
                            || p.equals("work/summary.json")
                            || p.matches("work/dead-letters/dead-letter-[0-9TZ]+-[0-9]+\\.ndjson"))
                    .anyMatch(p -> p.startsWith("work/dead-letters/"));
        }
        assertThat(Path.of("/tmp/evil-dead-letter")).doesNotExist();
    }

    @Test
    void apiKeyFromEnvironmentOrFileIsSentAsApiKeyAuthorization() throws IOException {
        String key = "a2V5LWlkOmtleS1zZWNyZXQ=";
        Path keyFile = Files.writeString(temp.resolve("api-key"), "ZmlsZS1pZDpmaWxlLXNlY3JldA==\n");
        Path input = Events.write(
                temp.resolve("in/one.json"),
                Events.utf8(Events.records(Events.monitron("key-1").toString())));
        try (FaultProxy proxy = FaultProxy.forwardingTo(ES.url())) {
            CliResult fromEnv = new InProcessCli(Map.of("ES_URL", proxy.url(), "ES_API_KEY", key))
                    .index(temp, PREFIX, input, "--full");
            List<String> envHeaders = proxy.authorizationHeaders();
            CliResult fromFile = new InProcessCli(Map.of("ES_URL", proxy.url(), "ES_API_KEY_FILE", keyFile.toString()))
                    .index(temp, PREFIX, input, "--full");

            assertThat(fromEnv.exitCode()).as(fromEnv.transcript()).isZero();
            assertThat(fromFile.exitCode()).as(fromFile.transcript()).isZero();
            assertThat(envHeaders).isNotEmpty().allMatch(h -> h.equals("ApiKey " + key));
            assertThat(proxy.authorizationHeaders()
                            .subList(
                                    envHeaders.size(),
                                    proxy.authorizationHeaders().size()))
                    .isNotEmpty()
                    .allMatch(h -> h.equals("ApiKey ZmlsZS1pZDpmaWxlLXNlY3JldA=="));
        }
    }
}
