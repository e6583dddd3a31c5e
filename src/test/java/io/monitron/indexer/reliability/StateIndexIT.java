package io.monitron.indexer.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.monitron.indexer.testing.ElasticsearchFixture;
import io.monitron.indexer.testing.HttpResult;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The state index keeps its mapping, and a state the indexer cannot use is reported with what to do. */
class StateIndexIT {
    private static final ElasticsearchFixture ES = ElasticsearchFixture.shared();
    private static final String PREFIX = "rel-state";
    private static final String STATE = "rel-state-index";

    @TempDir
    Path temp;

    @BeforeAll
    static void setUp() {
        CliResult setup = InProcessCli.against(ES.url()).run("setup", "--index-prefix", PREFIX, "--state-index", STATE);
        assertThat(setup.exitCode()).as(setup.transcript()).isZero();
        assertThat(setup.out()).contains("state index template");
    }

    private CliResult index(Path input, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("--state-index", STATE));
        args.addAll(List.of(more));
        return InProcessCli.against(ES.url()).index(temp, PREFIX, input, args.toArray(String[]::new));
    }

    private Path trail() {
        return Events.write(
                        temp.resolve("trail/one.json"), Events.utf8(Events.records(List.of(Events.monitron("s-1")))))
                .getParent();
    }

    private static JsonNode json(HttpResult result) {
        try {
            return Events.JSON.readTree(result.body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aStateIndexDeletedDuringARunComesBackWithItsMappingAndIncrementalRunsKeepWorking() {
        Path trail = trail();
        assertThat(index(trail).exitCode()).isZero();

        // deleted while a run is going: that run's next save re-creates it by writing to it
        ES.request("DELETE", "/" + STATE, null);
        assertThat(ES.request(
                                "PUT",
                                "/" + STATE + "/_doc/probe?refresh=true",
                                "{\"scope\":\"a/b c\",\"partition\":\"p\"}")
                        .isSuccessful())
                .isTrue();

        JsonNode mapping = json(ES.request("GET", "/" + STATE + "/_mapping", null));
        assertThat(mapping.path(STATE)
                        .path("mappings")
                        .path("properties")
                        .path("scope")
                        .path("type")
                        .asText())
                .isEqualTo("keyword");
        assertThat(index(trail).files("read"))
                .as("state lost with the index: read once more")
                .isEqualTo(1);
        assertThat(index(trail).files("read")).as("and remembered again").isZero();
    }

    @Test
    void aStateIndexMappedDynamicallyIsReportedWithWhatToDo() {
        String other = "rel-state-dynamic";
        ES.request("PUT", "/" + other + "/_doc/x?refresh=true", "{\"scope\":\"s\",\"partition\":\"p\"}");

        CliResult run = InProcessCli.against(ES.url()).index(temp, PREFIX, trail(), "--state-index", other);

        assertThat(run.exitCode()).as(run.transcript()).isEqualTo(1);
        assertThat(run.err()).contains("state index " + other).contains("delete the index");
    }

    @Test
    void aStateDocumentOfTheWrongShapeIsNamedAndResetStateRecoversFromIt() {
        Path trail = trail();
        assertThat(index(trail).exitCode()).isZero();
        String scope =
                "path:" + trail.toAbsolutePath().normalize() + " -> " + PREFIX + " sources=monitron.amazonaws.com";
        JsonNode hits = json(ES.request(
                        "POST",
                        "/" + STATE + "/_search",
                        "{\"query\":{\"term\":{\"scope\":" + Events.JSON.valueToTree(scope) + "}}}"))
                .path("hits")
                .path("hits");
        assertThat(hits).isNotEmpty();
        for (JsonNode hit : hits) {
            ObjectNode source = (ObjectNode) hit.path("_source");
            source.put("watermark", 1790000000000L);
            assertThat(ES.request(
                                    "PUT",
                                    "/" + STATE + "/_doc/" + hit.path("_id").asText() + "?refresh=true",
                                    source.toString())
                            .isSuccessful())
                    .isTrue();
        }

        CliResult broken = index(trail);
        assertThat(broken.exitCode()).as(broken.transcript()).isEqualTo(1);
        assertThat(broken.err()).contains("state document").contains(STATE).contains("--reset-state");

        CliResult reset = index(trail, "--reset-state");
        assertThat(reset.exitCode()).as(reset.transcript()).isZero();
        assertThat(reset.files("read")).isEqualTo(1);
        assertThat(index(trail).files("read")).isZero();
    }
}
