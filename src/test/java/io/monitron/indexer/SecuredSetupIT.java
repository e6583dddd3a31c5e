package io.monitron.indexer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.monitron.indexer.cli.Environment;
import io.monitron.indexer.cli.Main;
import io.monitron.indexer.sink.IndexNames;
import io.monitron.indexer.sink.IndexerRole;
import io.monitron.indexer.testing.Credentials;
import io.monitron.indexer.testing.ElasticsearchFixture;
import io.monitron.indexer.testing.HttpResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The secured setup against the real Elasticsearch with security on (basic auth): the indexer role from {@code
 * indexer-role.json}, held by a user of the file realm (the test cluster has no native realm; the role and user API
 * calls of {@code setup} are checked by {@code SetupAgainstLocalServerSpeakingElasticsearchSecurityApiTest}), the
 * template installed by {@code setup} as the admin, and {@code index} run as that least-privileged user.
 */
class SecuredSetupIT {
    private static final ElasticsearchFixture ES = ElasticsearchFixture.secured();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PREFIX = "secured-setup-it";
    private static final String STATE_INDEX = "secured-setup-state";
    private static final String ROLE = "secured_setup_it_indexer";
    private static final Path SAMPLES = Path.of("samples/trail");

    private static Credentials indexer;

    @TempDir
    Path temp;

    record Result(int exitCode, String out, String err) {}

    private static Result cli(Credentials as, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(
                args,
                new Environment(Map.of("ES_URL", ES.url(), "ES_USERNAME", as.username(), "ES_PASSWORD", as.password())),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @BeforeAll
    static void setUpAsAdmin() {
        Main.doNotHandleSignals();
        ES.deleteIndices(PREFIX + "-*");
        ES.deleteIndices(STATE_INDEX);
        ES.createRole(
                ROLE, IndexerRole.bundled(new IndexNames(PREFIX), STATE_INDEX).json());
        indexer = ES.createUser(ROLE, "secured-setup-it-password", ROLE);

        Result setup = cli(ES.admin(), "setup", "--index-prefix", PREFIX);
        assertThat(setup.exitCode()).as(setup.err()).isZero();
        assertThat(setup.out()).contains("index template " + PREFIX);
    }

    private List<String> index(Path summary, String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "index",
                "--path",
                SAMPLES.toString(),
                "--index-prefix",
                PREFIX,
                "--state-index",
                STATE_INDEX,
                "--dead-letter",
                temp.resolve("dead-letter").toString(),
                "--summary-json",
                summary.toString()));
        args.addAll(List.of(extra));
        return args;
    }

    private static long documents() {
        ES.refresh(PREFIX + "-*");
        return ES.request("GET", "/" + PREFIX + "-*/_count", null)
                .json()
                .path("count")
                .asLong();
    }

    private static JsonNode events(Path summary) throws IOException {
        return JSON.readTree(Files.readString(summary)).path("events");
    }

    @Test
    void theLeastPrivilegedUserIndexesTheSamplesRerunsAndMaySearchAndDeleteItsState() throws IOException {
        Path first = temp.resolve("first.json");
        Result run = cli(indexer, index(first).toArray(String[]::new));

        assertThat(run.exitCode()).as(run.err()).isZero();
        long indexed = events(first).path("indexed").asLong();
        assertThat(indexed).isPositive();
        assertThat(documents()).isEqualTo(indexed);
        assertThat(ES.request("GET", "/" + STATE_INDEX + "/_count", null)
                        .json()
                        .path("count")
                        .asLong())
                .as("state saved in the state index")
                .isPositive();

        Path second = temp.resolve("second.json");
        Result rerun = cli(indexer, index(second).toArray(String[]::new));
        assertThat(rerun.exitCode()).as(rerun.err()).isZero();
        assertThat(events(second).path("indexed").asLong()).isZero();

        // --reset-state uses _delete_by_query, which the test cluster's minimal distribution lacks (no reindex
        // module); what it needs of the role, searching and deleting state documents, is checked directly
        HttpResult search = ES.requestAs(indexer, "POST", "/" + STATE_INDEX + "/_search", "{\"size\":1}");
        assertThat(search.status()).as(search.body()).isEqualTo(200);
        String stateId =
                search.json().path("hits").path("hits").get(0).path("_id").asText();
        HttpResult deleted = ES.requestAs(
                indexer,
                "DELETE",
                "/" + STATE_INDEX + "/_doc/" + URLEncoder.encode(stateId, StandardCharsets.UTF_8),
                null);
        assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);
    }

    @Test
    void theLeastPrivilegedUserIsRefusedOutsideItsIndicesAndCannotManageTheCluster() {
        String doc = "{\"message\":\"not yours\"}";
        assertThat(ES.requestAs(indexer, "PUT", "/other-" + PREFIX + "/_doc/1", doc))
                .extracting(HttpResult::status)
                .isEqualTo(403);
        assertThat(ES.requestAs(indexer, "PUT", "/monitron-cloudtrail-2026.10/_doc/1", doc))
                .as("the default indices are not this role's")
                .extracting(HttpResult::status)
                .isEqualTo(403);
        assertThat(ES.requestAs(indexer, "PUT", "/_index_template/" + PREFIX, "{\"index_patterns\":[\"x-*\"]}"))
                .extracting(HttpResult::status)
                .isEqualTo(403);
        assertThat(ES.requestAs(indexer, "DELETE", "/" + PREFIX + "-2026.10", null))
                .extracting(HttpResult::status)
                .isEqualTo(403);
        assertThat(ES.requestAs(indexer, "DELETE", "/" + STATE_INDEX, null))
                .extracting(HttpResult::status)
                .isEqualTo(403);
        assertThat(ES.requestAs(indexer, "GET", "/_security/user", null))
                .extracting(HttpResult::status)
                .isEqualTo(403);
        assertThat(ES.requestAs(indexer, "GET", "/_index_template/" + PREFIX, null))
                .as("reading the template is allowed: index checks it before writing")
                .extracting(HttpResult::status)
                .isEqualTo(200);
    }

    @Test
    void setupAsTheIndexerUserIsRefusedWithTheHttpStatus() {
        Result setup = cli(indexer, "setup", "--index-prefix", PREFIX);

        assertThat(setup.exitCode()).isEqualTo(1);
        assertThat(setup.err()).contains("HTTP 403");
        assertThat(setup.err()).doesNotContain(indexer.password());
    }
}
