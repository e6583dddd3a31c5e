package io.monitron.indexer.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged CLI ({@code java -jar}, the jar named by the system property {@code indexer.jar}) as a child process
 * with exactly the given environment. Its output goes to files (read once it has ended), so nothing is lost however
 * it ends. Only this class's own process is ever signalled or killed.
 */
final class IndexerProcess implements AutoCloseable {
    private final Process process;
    private final Path out;
    private final Path err;

    private IndexerProcess(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    static IndexerProcess start(Map<String, String> environment, List<String> args) {
        String jar = System.getProperty("indexer.jar", "target/monitron-cloudtrail-indexer.jar");
        if (!Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("no indexer jar at " + jar + ": run the tests through `mvnw verify`");
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-jar", jar));
        command.addAll(args);
        try {
            Path out = Files.createTempFile("indexer-out", ".txt");
            Path err = Files.createTempFile("indexer-err", ".txt");
            ProcessBuilder builder =
                    new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().clear();
            builder.environment().putAll(environment);
            return new IndexerProcess(builder.start(), out, err);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    /** Runs to the end (at most {@code timeout}) and returns what it printed and wrote. */
    static CliResult run(Map<String, String> environment, Duration timeout, String... args) {
        try (IndexerProcess process = start(environment, List.of(args))) {
            return process.await(timeout, args);
        }
    }

    CliResult await(Duration timeout, String... args) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("the indexer did not end within " + timeout + "; stderr:\n" + err());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return new CliResult(
                process.exitValue(),
                read(out),
                err(),
                InProcessCli.pathAfter(args, "--summary-json"),
                InProcessCli.pathAfter(args, "--dead-letter"));
    }

    /** Whether the process ended by itself within {@code time}. */
    boolean awaitEndWithin(Duration time) throws InterruptedException {
        return process.waitFor(time.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** SIGTERM, as a service manager or {@code kill} sends it. */
    void terminate() {
        process.destroy();
    }

    /** SIGKILL: no handler runs, nothing is flushed. */
    void kill() {
        process.destroyForcibly();
    }

    /** Standard error so far. */
    String err() {
        return read(err);
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
        try {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        } catch (IOException e) {
            // temporary files of a test: the OS cleans up what is left
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
