package io.monitron.indexer.source.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.monitron.indexer.testing.CliRunner;
import io.monitron.indexer.testing.ElasticsearchFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code index --lookup-events} end to end: the real CloudTrail SDK client against a local server speaking the
 * CloudTrail JSON 1.1 wire format, the real Elasticsearch, and the Event History state across two runs.
 */
class LookupEventsIndexIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ElasticsearchFixture ES = ElasticsearchFixture.shared();
    private static final String REGION = "eu-west-1";

    @TempDir
    static Path temp;

    @BeforeAll
    static void credentials() {
        System.setProperty("aws.accessKeyId", "local-access");
        System.setProperty("aws.secretAccessKey", "local-secret");
    }

    @AfterAll
    static void clear() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    @Test
    void secondRunAsksFromTheNewestEventOfTheFirstWithOverlapAndAddsOnlyNewEvents() throws Exception {
        ES.deleteIndices("it-lookup-*");
        ES.deleteIndices("it-lookup-state");
        Map<String, String> env = Map.of("ES_URL", ES.url());
        assertThat(CliRunner.inProcess(env, "setup", "--index-prefix", "it-lookup")
                        .exitCode())
                .isZero();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant t1 = now.minus(Duration.ofDays(3));
        Instant t2 = now.minus(Duration.ofDays(2));
        Instant t3 = now.minus(Duration.ofDays(1));
        Instant t4 = now.minus(Duration.ofHours(1));
        try (LocalCloudTrail cloudTrail = new LocalCloudTrail()) {
            // run 1: newest first, two pages
            cloudTrail.answer(200, page("token-2", event("e3", t3), event("e2", t2)));
            cloudTrail.answer(200, page(null, event("e1", t1)));
            var first = CliRunner.inProcess(env, args(cloudTrail));
            assertThat(first.exitCode()).as(first.err()).isZero();
            assertThat(ids()).containsExactly("e1", "e2", "e3");
            assertThat(cloudTrail.received).hasSize(2);
            assertThat(cloudTrail.received.get(1).body().path("NextToken").asText())
                    .isEqualTo("token-2");

            // run 2: a new event, and the newest of run 1 again (the overlap)
            cloudTrail.answer(200, page(null, event("e4", t4), event("e3", t3)));
            var second = CliRunner.inProcess(env, args(cloudTrail));
            assertThat(second.exitCode()).as(second.err()).isZero();
            JsonNode request = cloudTrail.received.get(2).body();
            assertThat(request.path("StartTime").asLong())
                    .isEqualTo(t3.minus(Duration.ofMinutes(15)).getEpochSecond());
            assertThat(request.at("/LookupAttributes/0/AttributeValue").asText())
                    .isEqualTo("monitron.amazonaws.com");
            assertThat(ids()).containsExactly("e1", "e2", "e3", "e4");
        }
    }

    private static String[] args(LocalCloudTrail cloudTrail) {
        return new String[] {
            "index",
            "--lookup-events",
            "--region",
            REGION,
            "--aws-region",
            REGION,
            "--cloudtrail-endpoint",
            cloudTrail.endpoint().toString(),
            "--index-prefix",
            "it-lookup",
            "--state-index",
            "it-lookup-state",
            "--dead-letter",
            temp.resolve("dl").toString(),
            "--quiet"
        };
    }

    private static Set<String> ids() {
        ES.refresh("it-lookup-2*");
        JsonNode hits = ES.request(
                        "POST", "/it-lookup-2*/_search", "{\"size\":100,\"_source\":false,\"track_total_hits\":true}")
                .json()
                .path("hits");
        Set<String> ids = new TreeSet<>();
        hits.path("hits").forEach(h -> ids.add(h.path("_id").asText()));
        assertThat(hits.path("total").path("value").asInt()).isEqualTo(ids.size());
        return ids;
    }

    private static ObjectNode event(String id, Instant time) {
        return LocalCloudTrail.event(id, time, REGION);
    }

    private static String page(String nextToken, ObjectNode... events) {
        return LocalCloudTrail.page(nextToken, events);
    }
}
