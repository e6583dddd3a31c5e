package io.monitron.indexer.testing;

import io.monitron.indexer.cli.Environment;
import io.monitron.indexer.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs the command line in this JVM (fast, for most tests) or as a separate process (for kills and signals). */
public final class CliRunner {
    private CliRunner() {}

    /** The outcome of an in-process run. */
    public record Result(int exitCode, String out, String err) {}

    public static Result inProcess(Map<String, String> env, String... args) {
        Main.doNotHandleSignals();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(
                args,
                new Environment(env),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The built jar (Failsafe passes its path as the system property {@code indexer.jar}). */
    public static Path jar() {
        String jar = System.getProperty("indexer.jar", "target/monitron-cloudtrail-indexer.jar");
        return Path.of(jar);
    }

    /** Starts {@code java -jar} the indexer with exactly {@code env} added to a clean environment. */
    public static Process start(Map<String, String> env, Path log, List<String> args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-jar");
        command.add(jar().toString());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(k -> k.startsWith("ES_") || k.startsWith("AWS_"));
        builder.environment().putAll(env);
        builder.redirectErrorStream(true);
        File logFile = log.toFile();
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile));
        return builder.start();
    }
}
