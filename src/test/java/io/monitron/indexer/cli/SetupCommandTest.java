package io.monitron.indexer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.monitron.indexer.testing.CliRunner;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code setup} as a user meets it before anything works: its help, and a Kibana that is not there. */
class SetupCommandTest {
    @Test
    void helpNamesEveryKibanaEnvironmentVariable() {
        CliRunner.Result result = CliRunner.inProcess(Map.of(), "setup", "--help");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out())
                .contains(
                        "KIBANA_URL",
                        "KIBANA_USERNAME",
                        "KIBANA_PASSWORD",
                        "KIBANA_PASSWORD_FILE",
                        "KIBANA_API_KEY",
                        "KIBANA_API_KEY_FILE",
                        "KIBANA_CA_CERT",
                        "KIBANA_SYSTEM_PASSWORD",
                        "KIBANA_SYSTEM_PASSWORD_FILE");
    }

    @Test
    void aKibanaThatIsNotListeningIsNamedWithTheCauseAndTheWaitOption() throws IOException {
        String url = "http://127.0.0.1:" + closedPort();

        CliRunner.Result result = CliRunner.inProcess(Map.of(), "setup", "--skip-template", "--kibana-url", url);

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.COULD_NOT_RUN);
        assertThat(result.err())
                .contains("cannot reach Kibana at " + url + " (connection refused)")
                .contains("--kibana-wait")
                .doesNotContain("null");
    }

    /** A port nothing listens on: one the system just handed out, closed again. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
