package io.monitron.indexer.reliability;

import io.monitron.indexer.cli.Environment;
import io.monitron.indexer.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs CLI commands inside the test JVM (fast; signal handling left to the JVM) with a given environment. */
final class InProcessCli {
    private final Map<String, String> environment;

    InProcessCli(Map<String, String> environment) {
        Main.doNotHandleSignals();
        this.environment = Map.copyOf(environment);
    }

    static InProcessCli against(String esUrl) {
        return new InProcessCli(Map.of("ES_URL", esUrl));
    }

    CliResult run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(
                args,
                new Environment(environment),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new CliResult(
                code,
                out.toString(StandardCharsets.UTF_8),
                err.toString(StandardCharsets.UTF_8),
                pathAfter(args, "--summary-json"),
                pathAfter(args, "--dead-letter"));
    }

    /** {@code index} with a summary file and a dead-letter file under {@code work}, plus {@code more} options. */
    CliResult index(Path work, String prefix, Path input, String... more) {
        List<String> args = new ArrayList<>(List.of(
                "index",
                "--path",
                input.toString(),
                "--index-prefix",
                prefix,
                "--summary-json",
                work.resolve("summary.json").toString(),
                "--dead-letter",
                work.resolve("dead-letter.ndjson").toString()));
        args.addAll(List.of(more));
        return run(args.toArray(String[]::new));
    }

    static Path pathAfter(String[] args, String option) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(option)) {
                return Path.of(args[i + 1]);
            }
        }
        return null;
    }
}
