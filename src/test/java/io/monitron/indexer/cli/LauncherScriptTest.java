package io.monitron.indexer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
 * Runs {@code bin/monitron-cloudtrail-indexer} (the documented launch command) against a stand-in Java home whose
 * {@code java} prints its arguments, writes the archive a dump flag names (as the JVM does at exit) and exits with
 * {@code FAKE_EXIT} (or, with {@code FAKE_WAIT}, waits for SIGTERM and exits 130): which JVM options each command gets,
 * when an archive is kept, and that a stop reaches java.
 */
class LauncherScriptTest {
    private static final Path SCRIPT =
            Path.of("bin/monitron-cloudtrail-indexer").toAbsolutePath();

    @TempDir
    Path dir;

    private Path jar;
    private Path cache;

    @BeforeEach
    void fakeJar() throws IOException {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/env")) && Files.isExecutable(Path.of("/bin/bash")));
        jar = Files.writeString(dir.resolve("indexer.jar"), "not really a jar");
        cache = dir.resolve("cache");
    }

    private Path javaHome(int feature) throws IOException {
        Path home = dir.resolve("jdk-" + feature);
        Files.createDirectories(home.resolve("bin"));
        Files.writeString(home.resolve("release"), "JAVA_VERSION=\"" + feature + ".0.2\"\n");
        Path java = home.resolve("bin/java");
        Files.writeString(
                java,
                """
                #!/bin/sh
                for a in "$@"; do
                  printf '%s\\n' "$a"
                  case "$a" in -XX:ArchiveClassesAtExit=*) echo archive > "${a#*=}" ;; esac
                done
                if [ -n "${FAKE_WAIT:-}" ]; then
                  trap 'echo stopped > "$FAKE_WAIT.stopped"; exit 130' TERM
                  touch "$FAKE_WAIT.started"
                  while :; do sleep 0.05; done
                fi
                exit "${FAKE_EXIT:-0}"
                """);
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return home;
    }

    private record Run(int exit, List<String> javaArguments) {}

    private Run run(Path javaHome, Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(SCRIPT.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().put("PATH", "/usr/bin:/bin");
        builder.environment().put("HOME", dir.toString());
        builder.environment().put("JAVA_HOME", javaHome.toString());
        builder.environment().put("MCI_JAR", jar.toString());
        builder.environment().put("MCI_CACHE_DIR", cache.toString());
        builder.environment().putAll(env);
        builder.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process process = builder.start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), out.lines().toList());
    }

    private List<Path> archives() throws IOException {
        if (!Files.isDirectory(cache)) {
            return List.of();
        }
        try (var files = Files.list(cache)) {
            return files.toList();
        }
    }

    @Test
    void onJava17TheFirstIndexRunDumpsTheArchiveAndLaterRunsMapIt() throws Exception {
        Path jdk = javaHome(17);
        Run first = run(jdk, Map.of(), "index", "--path", "trail");
        assertThat(first.exit()).isZero();
        assertThat(first.javaArguments()).anyMatch(a -> a.startsWith("-XX:ArchiveClassesAtExit=" + cache));
        assertThat(first.javaArguments()).endsWith("-jar", jar.toString(), "index", "--path", "trail");
        List<Path> made = archives();
        assertThat(made).hasSize(1);
        assertThat(made.get(0).getFileName().toString()).endsWith(".jsa"); // moved from its private name

        Run second = run(jdk, Map.of(), "index", "--path", "trail");
        assertThat(second.javaArguments()).contains("-XX:SharedArchiveFile=" + made.get(0));
        assertThat(second.javaArguments()).noneMatch(a -> a.startsWith("-XX:ArchiveClassesAtExit"));
        assertThat(second.javaArguments()).contains("-XX:TieredStopAtLevel=1", "-Xlog:cds=off,cds+dynamic=off");
    }

    @Test
    void everyJavaVersionTakesTheSamePathAndAnArchiveIsMappedBeforeTheFolderIsChecked() throws Exception {
        Path jdk = javaHome(25);
        run(jdk, Map.of(), "index", "--s3", "s3://trail/AWSLogs/");
        List<Path> made = archives();
        assertThat(made).hasSize(1);
        Run again = run(jdk, Map.of(), "index", "--s3", "s3://trail/AWSLogs/");
        assertThat(again.javaArguments()).contains("-XX:SharedArchiveFile=" + made.get(0));
    }

    @Test
    void aFailedFirstRunOrOneThatOnlyAsksForHelpLeavesNoArchive() throws Exception {
        Path jdk = javaHome(17);
        Run failed = run(jdk, Map.of("FAKE_EXIT", "2"), "index", "--path", "nowhere");
        assertThat(failed.exit()).isEqualTo(2);
        assertThat(failed.javaArguments()).anyMatch(a -> a.startsWith("-XX:ArchiveClassesAtExit="));
        assertThat(archives()).isEmpty();
        Run help = run(jdk, Map.of(), "index", "--help");
        assertThat(help.javaArguments()).noneMatch(a -> a.contains("Archive"));
        assertThat(archives()).isEmpty();
    }

    @Test
    void otherCommandsGetNeitherTheArchiveNorTheJitOptionsAndNoHomeMeansNoArchive() throws Exception {
        Path jdk = javaHome(17);
        Run version = run(jdk, Map.of(), "--version");
        assertThat(version.javaArguments()).containsExactly("-jar", jar.toString(), "--version");
        Run benchmark = run(jdk, Map.of(), "benchmark", "--parts", "scan");
        assertThat(benchmark.javaArguments()).doesNotContain("-XX:TieredStopAtLevel=1");
        Run off = run(jdk, Map.of("MCI_CACHE_DIR", "off"), "index", "--path", "trail");
        assertThat(off.javaArguments()).noneMatch(a -> a.contains("Archive")).contains("-XX:TieredStopAtLevel=1");
        assertThat(archives()).isEmpty();
        Run homeless = run(jdk, Map.of("MCI_CACHE_DIR", "", "HOME", ""), "index", "--path", "trail");
        assertThat(homeless.exit()).isZero();
        assertThat(homeless.javaArguments()).noneMatch(a -> a.contains("Archive"));
    }

    @Test
    void theExitCodeAndTheUsersJvmOptionsPassThrough() throws Exception {
        Path jdk = javaHome(17);
        Run failed = run(jdk, Map.of("FAKE_EXIT", "3", "MCI_JAVA_OPTS", "-Xmx256m -Dx=*"), "index", "--path", "t");
        assertThat(failed.exit()).isEqualTo(3);
        assertThat(failed.javaArguments()).contains("-Xmx256m", "-Dx=*");
        Run tiered = run(jdk, Map.of("FAKE_EXIT", "4", "MCI_JIT_OPTS", ""), "index", "--path", "t");
        assertThat(tiered.exit()).isEqualTo(4);
        assertThat(tiered.javaArguments()).doesNotContain("-XX:TieredStopAtLevel=1");
    }

    @Test
    void aStopSentToTheLauncherDuringTheFirstRunReachesJava() throws Exception {
        Path jdk = javaHome(17);
        Path marker = dir.resolve("java");
        ProcessBuilder builder = new ProcessBuilder(SCRIPT.toString(), "index", "--path", "trail");
        builder.environment().clear();
        builder.environment().put("PATH", "/usr/bin:/bin");
        builder.environment().put("JAVA_HOME", jdk.toString());
        builder.environment().put("MCI_JAR", jar.toString());
        builder.environment().put("MCI_CACHE_DIR", cache.toString());
        builder.environment().put("FAKE_WAIT", marker.toString());
        builder.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
        Process launcher = builder.start();
        Path started = dir.resolve("java.started");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.exists(started) && System.nanoTime() < deadline) {
            Thread.onSpinWait(); // waits for a condition (java running), not for a time
        }
        assertThat(started).exists();
        launcher.destroy(); // SIGTERM to the launcher, as a supervisor sends it
        assertThat(launcher.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(launcher.exitValue()).isEqualTo(130);
        assertThat(dir.resolve("java.stopped")).exists();
        assertThat(archives()).as("a cut-short run keeps no archive").isEmpty();
    }
}
