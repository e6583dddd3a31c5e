package io.monitron.indexer.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.monitron.indexer.testing.ElasticsearchFixture;
import io.monitron.indexer.testing.IndexedDocuments;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Request sizes: {@code --bulk-size-mb} is a strict bound on bulk bodies, and a cluster that refuses a request as too
 * large (HTTP 413, its {@code http.max_content_length}, played by {@link FaultProxy}) gets smaller ones; a single
 * document that still does not fit is dead-lettered and the run goes on.
 */
class LargeRequestsIT {
    private static final ElasticsearchFixture ES = ElasticsearchFixture.shared();
    private static final String PREFIX = "rel-large";
    private static final String PATTERN = PREFIX + "-*";
    private static final int MB = 1024 * 1024;

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

    /** {@code count} Monitron events of about {@code kilobytes} each (a long request parameter), ids {@code prefix-i}. */
    private static List<ObjectNode> events(String prefix, int count, int kilobytes) {
        List<ObjectNode> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ObjectNode event = Events.monitron(prefix + "-" + i);
            ((ObjectNode) event.path("requestParameters")).put("Description", "x".repeat(kilobytes * 1024));
            events.add(event);
        }
        return events;
    }

    private static Set<String> ids(List<ObjectNode> events) {
        Set<String> ids = new TreeSet<>();
        events.forEach(e -> ids.add(e.path("eventID").asText()));
        return ids;
    }

    @Test
    void bulkBodiesNeverExceedTheBulkSize() {
        List<ObjectNode> events = events("big", 40, 60); // 60 KB each, kept twice (event.original): ~4.8 MB
        Path file = Events.write(temp.resolve("big.json"), Events.utf8(Events.records(events)));
        try (FaultProxy proxy = FaultProxy.forwardingTo(ES.url())) {
            CliResult run = InProcessCli.against(proxy.url())
                    .index(temp, PREFIX, file, "--bulk-size-mb", "1", "--concurrency", "1");

            assertThat(run.exitCode()).as(run.transcript()).isZero();
            assertThat(proxy.bulkRequests()).isGreaterThan(3);
            assertThat(proxy.largestBulkBody()).isLessThanOrEqualTo(MB);
        }
        assertThat(IndexedDocuments.ids(ES, PATTERN)).isEqualTo(ids(events));
    }

    @Test
    void aRequestRefusedAsTooLargeIsSplitAndADocumentThatNeverFitsIsDeadLettered() {
        List<ObjectNode> events = new ArrayList<>(events("fits", 12, 40)); // ~80 KB documents
        List<ObjectNode> tooBig = events("huge", 1, 200); // ~400 KB: never fits a 300 KB request
        events.add(5, tooBig.get(0));
        Path file = Events.write(temp.resolve("mixed.json"), Events.utf8(Events.records(events)));
        CliResult run;
        try (FaultProxy proxy = FaultProxy.forwardingTo(ES.url()).refuseBulkBodiesOver(300 * 1024)) {
            run = InProcessCli.against(proxy.url()).index(temp, PREFIX, file, "--concurrency", "1");

            assertThat(proxy.injectedFaults()).as("requests refused with 413").isPositive();
        }
        assertThat(run.exitCode()).as(run.transcript()).isEqualTo(3);
        Set<String> expected = ids(events);
        expected.removeAll(ids(tooBig));
        assertThat(IndexedDocuments.ids(ES, PATTERN)).isEqualTo(expected);
        List<JsonNode> deadLetters = run.deadLetters();
        assertThat(deadLetters).singleElement().satisfies(entry -> {
            assertThat(entry.path("source").asText()).isEqualTo(file.toString());
            assertThat(entry.path("record").asLong()).isEqualTo(6);
            assertThat(entry.path("reason").asText()).contains("HTTP 413").contains("http.max_content_length");
        });
    }
}
