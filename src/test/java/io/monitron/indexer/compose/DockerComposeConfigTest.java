package io.monitron.indexer.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Has docker-compose itself parse and validate {@code docker-compose.yml} (no engine needed). Skipped only when
 * {@code docker-compose} is not installed; {@code .ci/run} installs it, so CI always runs this.
 */
class DockerComposeConfigTest {
    private static final Path ROOT = Path.of("").toAbsolutePath();

    record Run(int exitCode, String output) {}

    @BeforeAll
    static void requireDockerCompose() {
        boolean installed = List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)).stream()
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, "docker-compose")));
        assumeTrue(installed, "docker-compose is not installed (apt-get install docker-compose); .ci/run installs it");
    }

    private static Run compose(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("docker-compose", "--project-directory", ROOT.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true);
        // the file's own defaults, not whatever the developer's shell exports
        for (String name : List.of(
                "ELASTIC_PASSWORD",
                "KIBANA_SYSTEM_PASSWORD",
                "INDEXER_PASSWORD",
                "ES_HEAP",
                "S3_URL",
                "LOOKUP_EVENTS")) {
            builder.environment().remove(name);
        }
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS))
                .as("docker-compose finished")
                .isTrue();
        return new Run(process.exitValue(), output);
    }

    @Test
    void dockerComposeAcceptsTheFile() throws Exception {
        Run run = compose("-f", "docker-compose.yml", "config", "-q");

        assertThat(run.exitCode()).as(run.output()).isZero();
    }

    @Test
    void dockerComposeAcceptsTheFileWithTheExampleSettings() throws Exception {
        Run run = compose("-f", "docker-compose.yml", "--env-file", ".env.example", "config");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output())
                .contains("ELASTIC_PASSWORD: monitron-local-elastic")
                .contains("ES_USERNAME: monitron_indexer")
                .contains("condition: service_completed_successfully");
    }

    @Test
    void theServicesAreTheFourTheReadmeDescribes() throws Exception {
        Run run = compose("-f", "docker-compose.yml", "config", "--services");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output().lines().filter(l -> !l.isBlank()))
                .containsExactlyInAnyOrder("elasticsearch", "setup", "kibana", "indexer");
    }
}
