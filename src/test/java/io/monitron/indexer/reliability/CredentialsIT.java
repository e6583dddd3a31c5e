package io.monitron.indexer.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.monitron.indexer.testing.Credentials;
import io.monitron.indexer.testing.ElasticsearchFixture;
import io.monitron.indexer.testing.IndexedDocuments;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Credentials against the real Elasticsearch with security on (basic auth through the file realm, a least-privilege
 * user): they come from environment variables or files, and no secret ever shows in what the CLI prints or writes.
 */
class CredentialsIT {
    private static final String PREFIX = "rel-auth";
    private static final String PASSWORD = "Pw-7f3a9c21-indexer-secret";
    private static final String AWS_SECRET = "aws/SECRET+key9d8e7f6a5b4c3d2e1f0a";
    private static final String API_KEY = "VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw==";
    private static ElasticsearchFixture es;
    private static Credentials indexer;

    @TempDir
    Path temp;

    @BeforeAll
    static void createUserAndTemplate() {
        es = ElasticsearchFixture.secured();
        es.createRole(
                "rel_auth_indexer",
                "{\"cluster\":[\"monitor\",\"manage_index_templates\"],\"indices\":[{\"names\":[\"rel-auth-*\","
                        + "\"monitron-indexer-state\",\"monitron-estate\"],\"privileges\":[\"create_index\",\"write\",\"read\","
                        + "\"view_index_metadata\",\"maintenance\"]}]}");
        indexer = es.createUser("rel_auth_indexer_user", PASSWORD, "rel_auth_indexer");
        Map<String, String> admin =
                Map.of("ES_URL", es.url(), "ES_USERNAME", es.adminUsername(), "ES_PASSWORD", es.adminPassword());
        CliResult setup = new InProcessCli(admin).run("setup", "--index-prefix", PREFIX);
        assertThat(setup.exitCode()).as(setup.transcript()).isZero();
    }

    @BeforeEach
    void clean() {
        es.deleteIndices(PREFIX + "-*");
    }

    private Path input(String id) {
        return Events.write(
                temp.resolve(id).resolve("in.json"),
                Events.utf8(Events.records(Events.monitron(id).toString())));
    }

    private static Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>();
        env.put("ES_URL", es.url());
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    @Test
    void basicAuthFromEnvironmentVariables() {
        Path in = input("env-1");
        CliResult run = new InProcessCli(env("ES_USERNAME", indexer.username(), "ES_PASSWORD", PASSWORD))
                .index(in.getParent(), PREFIX, in);

        assertThat(run.exitCode()).as(run.transcript()).isZero();
        assertThat(IndexedDocuments.ids(es, PREFIX + "-*")).containsExactly("env-1");
    }

    @Test
    void basicAuthPasswordFromAFile() throws IOException {
        Path in = input("file-1");
        Path passwordFile = Files.writeString(temp.resolve("password"), PASSWORD + "\n");
        CliResult run = new InProcessCli(
                        env("ES_USERNAME", indexer.username(), "ES_PASSWORD_FILE", passwordFile.toString()))
                .index(in.getParent(), PREFIX, in);

        assertThat(run.exitCode()).as(run.transcript()).isZero();
        assertThat(IndexedDocuments.ids(es, PREFIX + "-*")).containsExactly("file-1");
    }

    @Test
    void wrongPasswordIsExitOneWithWhatToCheck() {
        Path in = input("wrong-1");
        CliResult run = new InProcessCli(env("ES_USERNAME", indexer.username(), "ES_PASSWORD", "not-" + PASSWORD))
                .index(in.getParent(), PREFIX, in);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("refused the credentials (HTTP 401)").contains("ES_USERNAME/ES_PASSWORD");
    }

    @Test
    void noSecretAppearsInAnyOutputOnSuccessOrFailure() throws IOException {
        Path good = input("secret-ok");
        Path bad = Events.write(
                temp.resolve("bad").resolve("in.json"),
                Events.utf8(Events.records(
                        "{\"eventID\": broken", Events.monitron("secret-bad").toString())));
        List<CliResult> runs = new ArrayList<>();
        // success; bad records (dead letters); refused password; refused API key; unreachable; TLS to a plain port
        runs.add(process(good, "ok", "ES_USERNAME", indexer.username(), "ES_PASSWORD", PASSWORD));
        runs.add(process(bad, "bad", "ES_USERNAME", indexer.username(), "ES_PASSWORD", PASSWORD));
        runs.add(process(good, "refused", "ES_USERNAME", indexer.username(), "ES_PASSWORD", PASSWORD + "x"));
        runs.add(process(good, "apikey", "ES_API_KEY", API_KEY));
        runs.add(process(good, "down", "ES_URL", "http://127.0.0.1:1", "ES_USERNAME", "u", "ES_PASSWORD", PASSWORD));
        runs.add(process(
                good,
                "tls",
                "ES_URL",
                es.url().replace("http://", "https://"),
                "ES_USERNAME",
                indexer.username(),
                "ES_PASSWORD",
                PASSWORD));

        assertThat(runs.get(0).exitCode()).as(runs.get(0).transcript()).isZero();
        assertThat(runs.get(1).exitCode()).as(runs.get(1).transcript()).isEqualTo(3);
        assertThat(runs.get(1).err()).contains("[WARN]").contains(bad + " record 1: ");
        assertThat(runs.subList(2, runs.size()))
                .allSatisfy(r -> assertThat(r.exitCode()).as(r.transcript()).isEqualTo(1));
        String basic = Base64.getEncoder()
                .encodeToString((indexer.username() + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        List<String> secrets = List.of(PASSWORD, AWS_SECRET, API_KEY, basic);
        for (CliResult run : runs) {
            for (String secret : secrets) {
                assertThat(run.out()).doesNotContain(secret);
                assertThat(run.err()).doesNotContain(secret);
            }
        }
        // and nothing the runs wrote (summaries, dead letters, state) holds one
        try (Stream<Path> files = Files.walk(temp)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String content = Files.readString(file, StandardCharsets.ISO_8859_1);
                for (String secret : secrets) {
                    assertThat(content).as(file.toString()).doesNotContain(secret);
                }
            }
        }
        assertThat(es.request("POST", "/monitron-indexer-state/_search?size=100", null)
                        .body())
                .doesNotContain(PASSWORD)
                .doesNotContain(API_KEY);
    }

    private CliResult process(Path input, String name, String... pairs) {
        Map<String, String> env = env(pairs);
        env.put("AWS_ACCESS_KEY_ID", "AKIAEXAMPLE");
        env.put("AWS_SECRET_ACCESS_KEY", AWS_SECRET);
        String[] args = {
            "index",
            "--path",
            input.toString(),
            "--index-prefix",
            PREFIX,
            "--summary-json",
            temp.resolve("summary-" + name + ".json").toString(),
            "--dead-letter",
            temp.resolve("dl-" + name).toString()
        };
        return IndexerProcess.run(env, Duration.ofMinutes(2), args);
    }
}
