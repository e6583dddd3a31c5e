package io.monitron.indexer.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How the parts that time whole processes start the indexer: through {@code bin/monitron-cloudtrail-indexer}, the
 * documented launch command, beside the jar the benchmark runs from; or as a plain {@code java -jar} of that jar.
 */
record Launcher(Path jar, Path script) {
    static Launcher find() {
        Path jar;
        try {
            jar = Path.of(Launcher.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
        } catch (URISyntaxException | SecurityException e) {
            throw new BenchmarkException("cannot tell where the benchmark runs from: " + e.getMessage());
        }
        if (!Files.isRegularFile(jar) || !jar.toString().endsWith(".jar")) {
            throw new BenchmarkException("this part starts the packaged jar as new processes: run the benchmark with"
                    + " bin/monitron-cloudtrail-indexer (or java -jar target/monitron-cloudtrail-indexer.jar)");
        }
        Path script = jar.toAbsolutePath().getParent().resolveSibling("bin").resolve("monitron-cloudtrail-indexer");
        if (!Files.isExecutable(script)) {
            throw new BenchmarkException("this part times the launcher " + script + ", which is missing");
        }
        return new Launcher(jar, script);
    }

    /** The launcher with these arguments. */
    List<String> command(List<String> args) {
        List<String> command = new ArrayList<>(List.of(script.toString()));
        command.addAll(args);
        return command;
    }

    /** Plain {@code java -jar} with this JVM's java and these arguments. */
    List<String> javaJar(List<String> args) {
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()));
        command.addAll(args);
        return command;
    }

    /**
     * An empty folder for the launcher's class-data-sharing archive ({@code MCI_CACHE_DIR}): the untimed first round
     * makes the archive that the timed rounds map, as a user's first run does.
     */
    Path freshCache(Path workDir, String name) {
        Path cache = workDir.resolve("launcher-cache-" + name);
        try {
            if (Files.isDirectory(cache)) {
                try (var old = Files.list(cache)) {
                    for (Path p : old.toList()) {
                        Files.delete(p);
                    }
                }
            }
            Files.createDirectories(cache);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot empty " + cache, e);
        }
        return cache;
    }
}
