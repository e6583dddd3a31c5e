package io.monitron.indexer.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.monitron.indexer.checkpoint.CheckpointedSource;
import io.monitron.indexer.checkpoint.PartitionedCheckpoint;
import io.monitron.indexer.config.ElasticsearchSettings;
import io.monitron.indexer.model.Input;
import io.monitron.indexer.parse.StreamingEventReader;
import io.monitron.indexer.pipeline.IndexRun;
import io.monitron.indexer.port.Listing;
import io.monitron.indexer.sink.DeadLetterFile;
import io.monitron.indexer.sink.ElasticsearchClients;
import io.monitron.indexer.sink.ElasticsearchSink;
import io.monitron.indexer.sink.ElasticsearchStateStore;
import io.monitron.indexer.sink.IndexNames;
import io.monitron.indexer.sink.RetryPolicy;
import io.monitron.indexer.sink.SinkException;
import io.monitron.indexer.source.LocalFileSource;
import io.monitron.indexer.testing.ElasticsearchFixture;
import io.monitron.indexer.testing.IndexedDocuments;
import io.monitron.indexer.transform.CloudTrailTransformer;
import io.monitron.indexer.transform.EventFilter;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Faults between the indexer and the real Elasticsearch, injected by {@link FaultProxy}: whatever happens, a run ends
 * with every document indexed, or fails without marking unacknowledged files done so that a re-run completes exactly.
 */
class FaultsIT {
    private static final ElasticsearchFixture ES = ElasticsearchFixture.shared();
    private static final String PREFIX = "rel-fault";
    private static final String PATTERN = PREFIX + "-*";

    @TempDir
    Path temp;

    @BeforeAll
    static void installTemplate() {
        CliResult setup = InProcessCli.against(ES.url()).run("setup", "--index-prefix", PREFIX);
        assertThat(setup.exitCode()).as(setup.transcript()).isZero();
    }

    @BeforeEach
    void clean() {
        ES.deleteIndices(PATTERN);
    }

    private CliResult index(String esUrl, Path input, String... more) {
        return InProcessCli.against(esUrl).index(temp, PREFIX, input, more);
    }

    private static Set<String> indexed() {
        return IndexedDocuments.ids(ES, PATTERN);
    }

    @Test
    void unreachableAtStartExitsOneWithOneClearLineAndMarksNothingDone() {
        Path trail = temp.resolve("trail");
        Set<String> expected = Events.trailFolder(trail, 3, 5, "u");
        String closedPort;
        try (FaultProxy proxy = FaultProxy.forwardingTo(ES.url())) {
            closedPort = proxy.url();
        }

        CliResult down = index(closedPort, trail);

        assertThat(down.exitCode()).isEqualTo(1);
        assertThat(down.err().strip())
                .startsWith("error: cannot reach Elasticsearch at " + closedPort)
                .doesNotContain("\n");
        CliResult up = index(ES.url(), trail);
        assertThat(up.exitCode()).as(up.transcript()).isZero();
        assertThat(up.files("read"))
                .as("nothing was marked done by the failed run")
                .isEqualTo(3);
        assertThat(indexed()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "whole bulk requests answered {0}, single items 429")
    @ValueSource(ints = {429, 503})
    void pushBackIsRetriedAndNothingIsLostOrDuplicated(int status) {
        Path trail = temp.resolve("trail");
        Set<String> expected = Events.trailFolder(trail, 8, 40, "p");
        try (FaultProxy proxy =
                FaultProxy.forwardingTo(ES.url()).rejectEveryNthBulk(3, status).failEveryNthItemOnce(7)) {

            CliResult run = index(proxy.url(), trail, "--bulk-actions", "25", "--concurrency", "1");

            assertThat(run.exitCode()).as(run.transcript()).isZero();
            assertThat(proxy.injectedFaults()).isGreaterThan(10);
            assertThat(run.events("indexed")).isEqualTo(expected.size());
            assertThat(run.events("already_indexed")).isZero();
            assertThat(run.events("failed")).isZero();
        }
        assertThat(indexed()).isEqualTo(expected);
        assertThat(IndexedDocuments.count(ES, PATTERN)).isEqualTo(expected.size());
    }

    @Test
    void outageMidRunIsRiddenOutByBulkAndStateRequestsAlike() {
        Path trail = temp.resolve("trail");
        Set<String> expected = Events.trailFolder(trail, 10, 30, "o");
        CliResult run;
        try (FaultProxy proxy = FaultProxy.forwardingTo(ES.url()).outageAfterBulk(3, Duration.ofSeconds(3))) {
            run = index(proxy.url(), trail, "--bulk-actions", "20", "--concurrency", "1");
            assertThat(proxy.outages()).isEqualTo(1);
            assertThat(proxy.bulkRequests())
                    .as("requests went through after the outage")
                    .isGreaterThan(3);
        }
        // within the default retry budget (about 2.5 minutes) a 3-second outage is ridden out, by bulk requests and
        // state reads and writes alike (one retry policy for everything that talks to the cluster)
        assertThat(run.exitCode()).as(run.transcript()).isZero();
        assertThat(indexed()).isEqualTo(expected);
        assertThat(IndexedDocuments.count(ES, PATTERN)).isEqualTo(expected.size());

        CliResult again = index(ES.url(), trail);
        assertThat(again.exitCode()).as(again.transcript()).isZero();
        assertThat(indexed()).isEqualTo(expected);
        assertThat(IndexedDocuments.count(ES, PATTERN)).isEqualTo(expected.size());
    }

    @Test
    void retriesThatRunOutFailTheRunWithoutMarkingUnacknowledgedFilesDone() throws IOException {
        Path trail = temp.resolve("trail");
        Set<String> expected = Events.trailFolder(trail, 10, 20, "g");
        // as IndexConfiguration scopes --path inputs indexed under another prefix than the default
        String scope =
                "path:" + trail.toAbsolutePath().normalize() + " -> " + PREFIX + " sources=monitron.amazonaws.com";
        RetryPolicy shortBudget = new RetryPolicy(3, Duration.ofMillis(50), Duration.ofMillis(200));
        try (FaultProxy proxy = FaultProxy.forwardingTo(ES.url()).outageAfterBulk(2, null);
                RestClient stateClient =
                        RestClient.builder(HttpHost.create(ES.url())).build();
                DeadLetterFile deadLetters = new DeadLetterFile(temp.resolve("dl.ndjson"), Clock.systemUTC())) {
            var client = ElasticsearchClients.create(new ElasticsearchSettings(
                    List.of(URI.create(proxy.url())),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    false));
            ElasticsearchStateStore store = new ElasticsearchStateStore(
                    stateClient, ElasticsearchStateStore.DEFAULT_INDEX, RetryPolicy.DEFAULT, Clock.systemUTC());
            ElasticsearchSink sink = new ElasticsearchSink(
                    client,
                    new IndexNames(PREFIX),
                    new ElasticsearchSink.BulkSettings(20, 5L * 1024 * 1024, 1, Duration.ofSeconds(1)),
                    shortBudget,
                    false,
                    deadLetters);
            IndexRun run = IndexRun.reading(CheckpointedSource.of(
                            new LocalFileSource(List.of(trail)),
                            new PartitionedCheckpoint(store, scope, Duration.ofHours(48), Optional.empty(), false)))
                    .with(
                            new StreamingEventReader(),
                            EventFilter.monitronOnly(),
                            new CloudTrailTransformer(true, Clock.systemUTC()))
                    .into(sink, deadLetters)
                    .concurrency(1)
                    .build();

            assertThatThrownBy(run::run)
                    .isInstanceOf(SinkException.class)
                    .hasMessageContaining("after 3 attempts")
                    .hasMessageContaining("a re-run will pick it up");
            sink.close();
            client._transport().close();

            // every file the state calls done has all its documents in Elasticsearch
            PartitionedCheckpoint state =
                    new PartitionedCheckpoint(store, scope, Duration.ofHours(48), Optional.empty(), false);
            Set<String> present = indexed();
            List<Input> inputs =
                    new LocalFileSource(List.of(trail)).inputs(Listing.IGNORE).toList();
            int done = 0;
            for (int f = 0; f < inputs.size(); f++) {
                Input input = inputs.get(f);
                if (state.isDone(input)) {
                    done++;
                    assertThat(present).as(input.location()).containsAll(idsOfFile(input.location()));
                }
            }
            assertThat(done).as("files marked done").isLessThan(inputs.size());

            // the re-run reads exactly the files not marked done and completes the set
            CliResult again = index(ES.url(), trail);
            assertThat(again.exitCode()).as(again.transcript()).isZero();
            assertThat(again.files("read")).isEqualTo(inputs.size() - done);
        }
        assertThat(indexed()).isEqualTo(expected);
        assertThat(IndexedDocuments.count(ES, PATTERN)).isEqualTo(expected.size());
    }

    /** The Monitron ids {@link Events#trailFolder} wrote into one file, from its unique name part {@code _fN}. */
    private static Set<String> idsOfFile(String location) {
        String name = Path.of(location).getFileName().toString();
        int f = Integer.parseInt(name.substring(name.lastIndexOf("_f") + 2, name.indexOf(".json")));
        Set<String> ids = new TreeSet<>();
        for (int e = 0; e < 20; e++) {
            ids.add("g-" + f + "-" + e);
        }
        return ids;
    }

    @Test
    void documentTheMappingRejectsIsDeadLetteredWithTheReasonAndTheRestIndexed() {
        // a month index whose mapping cannot take the document: event.action as a strict number
        assertThat(ES.request(
                                "PUT",
                                "/" + PREFIX + "-2026.11",
                                "{\"settings\":{\"index.mapping.ignore_malformed\":false},\"mappings\":{\"properties\":"
                                        + "{\"event\":{\"properties\":{\"action\":{\"type\":\"long\","
                                        + "\"ignore_malformed\":false}}}}}}")
                        .isSuccessful())
                .isTrue();
        ObjectNode refused =
                Events.event("refused", Events.MONITRON, "CreateProject", Instant.parse("2026-11-02T08:00:00Z"));
        Path file = Events.write(
                temp.resolve("mixed.json"),
                Events.utf8(Events.records(List.of(Events.monitron("kept-1"), refused, Events.monitron("kept-2")))));

        CliResult run = index(ES.url(), file);

        assertThat(run.exitCode()).as(run.transcript()).isEqualTo(3);
        assertThat(indexed()).containsExactly("kept-1", "kept-2");
        assertThat(run.events("rejected_by_elasticsearch")).isEqualTo(1);
        List<JsonNode> entries = run.deadLetters();
        assertThat(entries).hasSize(1);
        JsonNode entry = entries.get(0);
        assertThat(entry.path("source").asText()).isEqualTo(file.toString());
        assertThat(entry.path("record").asLong()).isEqualTo(2);
        assertThat(entry.path("reason").asText())
                .contains("Elasticsearch rejected the document (HTTP 400)")
                .contains("event.action");
        assertThat(entry.path("raw").asText()).contains("\"eventID\":\"refused\"");
    }

    @Test
    void aWriteBlockedIndexIsRetriedNotDeadLetteredAndTheRunCompletesOnceItIsLifted() throws Exception {
        Path trail = temp.resolve("trail");
        Set<String> expected = Events.trailFolder(trail, 3, 10, "w");
        String month = PREFIX + "-2026.10";
        assertThat(ES.request("PUT", "/" + month, "{\"settings\":{\"index.blocks.write\":true}}")
                        .isSuccessful())
                .isTrue();
        CliResult run;
        try (FaultProxy proxy = FaultProxy.forwardingTo(ES.url())) {
            java.util.concurrent.CompletableFuture<CliResult> running =
                    java.util.concurrent.CompletableFuture.supplyAsync(
                            () -> index(proxy.url(), trail, "--concurrency", "1"));
            // a refused bulk and its retry have reached the cluster
            assertThat(proxy.awaitBulkRequests(2, Duration.ofSeconds(60)))
                    .as("the blocked bulk was retried")
                    .isTrue();
            assertThat(ES.request("PUT", "/" + month + "/_settings", "{\"index.blocks.write\":false}")
                            .isSuccessful())
                    .isTrue();
            run = running.get(3, java.util.concurrent.TimeUnit.MINUTES);
        }
        assertThat(run.exitCode()).as(run.transcript()).isZero();
        assertThat(run.events("dead_lettered")).isZero();
        assertThat(indexed()).isEqualTo(expected);
    }

    static Map<String, String> env(String url) {
        return Map.of("ES_URL", url);
    }
}
