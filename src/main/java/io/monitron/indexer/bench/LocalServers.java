package io.monitron.indexer.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * S3Proxy and ElasticMQ for the benchmark's {@code s3} and {@code sqs} parts, in one child JVM started from the build's
 * test classpath ({@code target/test-classpath.txt}, written by {@code ./mvnw package}): they are test dependencies,
 * not part of the product jar. The child stops when this object is closed (its standard input closes).
 */
public final class LocalServers implements AutoCloseable {
    private static final String MAIN = "io.monitron.indexer.testing.BenchServers";

    private final Process process;
    private final Map<String, String> lines;

    private LocalServers(Process process, Map<String, String> lines) {
        this.process = process;
        this.lines = lines;
    }

    /**
     * Starts S3Proxy (behind a proxy adding {@code s3LatencyMillis} of round trip when above 0) and, if asked, ElasticMQ.
     * Blocks until both listen.
     */
    public static LocalServers start(boolean sqs, long s3LatencyMillis, Path logDir) {
        Path target = buildDirectory();
        Path classpathFile = target.resolve("test-classpath.txt");
        if (!Files.isRegularFile(classpathFile) || !Files.isDirectory(target.resolve("test-classes"))) {
            throw new BenchmarkException("the s3 and sqs parts start S3Proxy and ElasticMQ from the build's test"
                    + " classpath, and " + classpathFile + " or " + target.resolve("test-classes")
                    + " is missing: run ./mvnw package (tests may be skipped) from the repository first");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        command.add("-cp");
        try {
            command.add(target.resolve("test-classes")
                    + java.io.File.pathSeparator
                    + target.resolve("classes")
                    + java.io.File.pathSeparator
                    + Files.readString(classpathFile).trim());
        } catch (IOException e) {
            throw new BenchmarkException("cannot read " + classpathFile + ": " + e.getMessage());
        }
        command.add(MAIN);
        command.add("--s3");
        if (sqs) {
            command.add("--sqs");
        }
        command.add("--s3-latency-ms");
        command.add(Long.toString(s3LatencyMillis));
        Path log = logDir.resolve("bench-servers.log");
        Process process = null;
        try {
            Files.createDirectories(logDir);
            process = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.to(log.toFile()))
                    .start();
            Map<String, String> lines = new HashMap<>();
            BufferedReader out =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = out.readLine()) != null && !line.equals("ready")) {
                int space = line.indexOf(' ');
                if (space > 0) {
                    lines.put(line.substring(0, space), line.substring(space + 1));
                }
            }
            if (line == null) {
                process.waitFor(10, TimeUnit.SECONDS);
                throw new BenchmarkException("the local S3/SQS servers did not start; see " + log);
            }
            Thread drain = new Thread(() -> drain(out), "bench-servers-stdout");
            drain.setDaemon(true);
            drain.start();
            return new LocalServers(process, lines);
        } catch (IOException e) {
            if (process != null) {
                process.destroyForcibly();
            }
            throw new BenchmarkException("cannot start the local S3/SQS servers: " + e.getMessage());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new BenchmarkException("interrupted while starting the local S3/SQS servers");
        }
    }

    /** S3 as the indexer should reach it: behind the added latency, if any. */
    public URI s3() {
        return URI.create(lines.get("s3"));
    }

    /** S3 without the added latency (for uploading the corpus, and for the no-latency baseline). */
    public URI s3Direct() {
        return URI.create(lines.get("s3-direct"));
    }

    /** ElasticMQ; only when started with {@code sqs}. */
    public URI sqs() {
        String url = lines.get("sqs");
        if (url == null) {
            throw new IllegalStateException("started without SQS");
        }
        return URI.create(url);
    }

    /** The fixed test keys S3Proxy checks signatures with: access key id and secret. */
    public List<String> s3Credentials() {
        return List.of(lines.get("s3-credentials").split(" ", 2));
    }

    /** The folder holding the running jar's build: {@code target/}. */
    private static Path buildDirectory() {
        try {
            Path code = Path.of(LocalServers.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            return code.getParent();
        } catch (java.net.URISyntaxException | SecurityException e) {
            throw new BenchmarkException("cannot tell where the benchmark runs from: " + e.getMessage());
        }
    }

    private static void drain(BufferedReader out) {
        try {
            while (out.readLine() != null) {
                // the servers' own chatter
            }
        } catch (IOException e) {
            // the child ended
        }
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
