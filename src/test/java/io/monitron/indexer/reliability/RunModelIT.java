package io.monitron.indexer.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.monitron.indexer.testing.ElasticsearchFixture;
import io.monitron.indexer.testing.IndexedDocuments;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a run produced, as the state knows it, and failures that stop a run cleanly and before side effects. */
class RunModelIT {
    private static final ElasticsearchFixture ES = ElasticsearchFixture.shared();
    private static final String PREFIX = "rel-model";
    private static final String PATTERN = PREFIX + "-*";
    private static final String OTHER_ACCOUNT = "444455556666";

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

    private CliResult index(Path input, String... more) {
        return InProcessCli.against(ES.url()).index(temp, PREFIX, input, more);
    }

    /** One file with an event of each of two accounts. */
    private Path twoAccounts() {
        ObjectNode other = Events.monitron("b-1");
        other.put("recipientAccountId", OTHER_ACCOUNT);
        return Events.write(
                temp.resolve("trail/two-accounts.json"),
                Events.utf8(Events.records(List.of(Events.monitron("a-1"), other))));
    }

    @Test
    void aWiderRunAfterANarrowerOneIndexesWhatTheFirstDidNot() {
        Path trail = twoAccounts().getParent();

        CliResult narrow = index(trail, "--account", Events.ACCOUNT);
        assertThat(narrow.exitCode()).as(narrow.transcript()).isZero();
        assertThat(IndexedDocuments.ids(ES, PATTERN)).containsExactly("a-1");

        CliResult other = index(trail, "--account", OTHER_ACCOUNT);
        assertThat(other.exitCode()).as(other.transcript()).isZero();
        assertThat(other.files("read"))
                .as("the file is not done for this selection")
                .isEqualTo(1);
        assertThat(IndexedDocuments.ids(ES, PATTERN)).containsExactlyInAnyOrder("a-1", "b-1");

        CliResult again = index(trail, "--account", OTHER_ACCOUNT);
        assertThat(again.files("read")).as("an identical run reads nothing").isZero();
        assertThat(again.files("skipped_unchanged")).isEqualTo(1);
    }

    @Test
    void resetStateWithAnInvalidOptionChangesNothing() {
        Path trail = twoAccounts().getParent();
        assertThat(index(trail).exitCode()).isZero();

        CliResult invalid = index(trail, "--reset-state", "--since", "not-a-time");
        assertThat(invalid.exitCode()).as(invalid.transcript()).isEqualTo(2);

        CliResult again = index(trail);
        assertThat(again.files("skipped_unchanged"))
                .as("the state was not reset")
                .isEqualTo(1);
        assertThat(again.files("read")).isZero();
    }

    @Test
    void setupRejectsABadKibanaUrlBeforeInstallingAnything() {
        CliResult setup = InProcessCli.against(ES.url())
                .run("setup", "--index-prefix", "rel-untouched", "--kibana-url", "localhost:5601");

        assertThat(setup.exitCode()).as(setup.transcript()).isEqualTo(2);
        assertThat(setup.err()).contains("--kibana-url");
        assertThat(ES.request("GET", "/_index_template/rel-untouched", null).status())
                .as("no template installed")
                .isEqualTo(404);
    }

    @Test
    void aDeadLetterPlaceThatFailsWhileElasticsearchRefusesDocumentsEndsTheRunPromptly() throws Exception {
        // a month index whose mapping refuses the documents, and a dead-letter path that cannot be created
        assertThat(ES.request(
                                "PUT",
                                "/" + PREFIX + "-2026.10",
                                "{\"mappings\":{\"properties\":{\"event\":{\"properties\":{\"action\":"
                                        + "{\"type\":\"long\",\"ignore_malformed\":false}}}}}}")
                        .isSuccessful())
                .isTrue();
        Path trail = twoAccounts().getParent();
        Path blocker = Files.writeString(temp.resolve("a-file"), "not a folder");
        Path deadLetter = blocker.resolve("dead-letter.ndjson");

        CliResult run = assertTimeoutPreemptively(Duration.ofSeconds(120), () -> InProcessCli.against(ES.url())
                .run(
                        "index",
                        "--path",
                        trail.toString(),
                        "--index-prefix",
                        PREFIX,
                        "--summary-json",
                        temp.resolve("summary.json").toString(),
                        "--dead-letter",
                        deadLetter.toString()));

        assertThat(run.exitCode()).as(run.transcript()).isEqualTo(1);
        assertThat(run.err()).contains("cannot write the dead-letter file " + deadLetter);

        // nothing was marked done: with the dead-letter place fixed, the next run reads the file again
        ES.request("DELETE", "/" + PREFIX + "-2026.10", null);
        CliResult again = index(trail);
        assertThat(again.exitCode()).as(again.transcript()).isZero();
        assertThat(again.files("read")).isEqualTo(1);
        assertThat(IndexedDocuments.ids(ES, PATTERN)).isEqualTo(Set.of("a-1", "b-1"));
    }
}
