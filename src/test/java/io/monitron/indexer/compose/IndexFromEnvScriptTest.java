package io.monitron.indexer.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code docker/index-from-env.sh} (the indexer service's entrypoint) with a stand-in for the image's launcher
 * that prints its arguments, to check which input the environment selects.
 */
class IndexFromEnvScriptTest {
    private static final Path SCRIPT = Path.of("docker/index-from-env.sh").toAbsolutePath();

    @TempDir
    Path bin;

    @BeforeEach
    void fakeLauncher() throws IOException {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs a POSIX shell");
        Path launcher = bin.resolve("launcher");
        Files.writeString(launcher, "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done\n");
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** The arguments the launcher got, one per element. */
    private List<String> run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("/bin/sh", SCRIPT.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().put("PATH", bin + File.pathSeparator + "/usr/bin:/bin");
        builder.environment().put("INDEXER_LAUNCHER", bin.resolve("launcher").toString());
        builder.environment().putAll(env);
        builder.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process process = builder.start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        return out.lines().toList();
    }

    @Test
    void withoutSettingsIndexesTheBundledSamples() throws Exception {
        assertThat(run(Map.of())).containsExactly("index", "--path", "/samples/trail");
    }

    @Test
    void anS3UrlWinsAndExtraArgumentsFollow() throws Exception {
        assertThat(run(Map.of("S3_URL", "s3://my trail/AWSLogs/", "LOOKUP_EVENTS", "true"), "--full"))
                .containsExactly("index", "--s3", "s3://my trail/AWSLogs/", "--full");
    }

    @Test
    void lookupEventsReadsEventHistoryInTheAwsRegion() throws Exception {
        assertThat(run(Map.of("LOOKUP_EVENTS", "true", "AWS_REGION", "eu-west-1")))
                .containsExactly("index", "--lookup-events", "--region", "eu-west-1");
        assertThat(run(Map.of("LOOKUP_EVENTS", "true"))).containsExactly("index", "--lookup-events");
    }

    @Test
    void anEmptyS3UrlAndLookupEventsFalseMeanTheSamples() throws Exception {
        assertThat(run(Map.of("S3_URL", "", "LOOKUP_EVENTS", "false")))
                .containsExactly("index", "--path", "/samples/trail");
    }
}
