package io.monitron.indexer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.monitron.indexer.testing.CliRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * URLs holding a password, parsable or not, given on the command line or in the environment: the command stops with
 * exit 2, names where the URL came from, and prints no part of the user info. Nothing is contacted.
 */
class UrlCredentialsCliTest {
    /** Passwords that make a URL unparsable (space, quote, percent, bar), an at sign, a comma, and a plain one. */
    private static final String[] PASSWORDS = {
        "s3cret PW", "s3cret\"PW", "s3cret%PW", "s3cret|PW", "s3cret@PW", "s3cret,PW", "s3cretPW"
    };

    @TempDir
    Path temp;

    private static void assertNoLeak(CliRunner.Result result, String origin) {
        String printed = result.out() + result.err();
        assertThat(result.exitCode()).as(printed).isEqualTo(ExitCodes.USAGE);
        assertThat(printed)
                .contains(origin)
                .doesNotContain("s3cret")
                .doesNotContain("PW@")
                .doesNotContain("admin");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6})
    void anElasticsearchUrlFromTheEnvironmentIsNeverEchoed(int which) {
        String url = "http://admin:" + PASSWORDS[which] + "@localhost:9200";

        CliRunner.Result result = CliRunner.inProcess(Map.of("ES_URL", url), "setup");

        assertNoLeak(result, "ES_URL");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6})
    void anElasticsearchUrlOnTheCommandLineIsNeverEchoed(int which) {
        String url = "http://admin:" + PASSWORDS[which] + "@localhost:9200";

        CliRunner.Result result = CliRunner.inProcess(Map.of(), "setup", "--es-url", url);

        assertNoLeak(result, "--es-url");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6})
    void aKibanaUrlIsNeverEchoed(int which) {
        String url = "http://admin:" + PASSWORDS[which] + "@localhost:5601";

        assertNoLeak(CliRunner.inProcess(Map.of("KIBANA_URL", url), "setup", "--skip-template"), "KIBANA_URL");
        assertNoLeak(CliRunner.inProcess(Map.of(), "setup", "--skip-template", "--kibana-url", url), "--kibana-url");
    }

    @Test
    void aPasswordFileThatIsAFolderSaysSo() {
        CliRunner.Result result = CliRunner.inProcess(
                Map.of(
                        "ES_URL",
                        "http://localhost:9200",
                        "ES_USERNAME",
                        "elastic",
                        "ES_PASSWORD_FILE",
                        temp.toString()),
                "setup");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err())
                .contains("cannot read the secret file " + temp + " (ES_PASSWORD_FILE): it is a folder, not a file");
    }

    @Test
    void aPasswordFileWithSpacesAroundThePasswordIsNotStripped() throws Exception {
        Path file = Files.writeString(temp.resolve("password"), "  pw  \n");

        assertThat(ElasticsearchOptions.secret(file, new Environment(Map.of()), "ES_PASSWORD_FILE", "ES_PASSWORD")
                        .orElseThrow()
                        .reveal())
                .isEqualTo("  pw  ");
    }
}
