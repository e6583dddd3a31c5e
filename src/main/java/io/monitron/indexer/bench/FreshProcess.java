package io.monitron.indexer.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToLongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A contender that is a whole new process each run, as users run the tool: started, timed until it exits, with the
 * CPU time of the process and everything it waited for (bash's {@code times}), optionally pinned to some cores with
 * {@code taskset}. Its standard output goes to a file that {@code counter} reads after the run.
 */
final class FreshProcess implements Contender {
    private static final Pattern TIMES = Pattern.compile("(\\d+)m([\\d.]+)s\\s+(\\d+)m([\\d.]+)s");

    private final String name;
    private final List<String> command;
    private final Map<String, String> environment;
    private final Optional<String> cores;
    private final Path workDir;
    private final ToLongFunction<Path> counter;
    private final Runnable prepare;
    private Duration lastCpu;

    /**
     * @param command the program and its arguments (run directly, or a {@code bash -c} script for a pipeline)
     * @param environment variables added to this JVM's environment for the child
     * @param cores a {@code taskset -c} core list, or empty to run anywhere
     * @param counter reads what the run counted from its standard output file
     * @param prepare done before each run, untimed (e.g. deleting indices)
     */
    FreshProcess(
            String name,
            List<String> command,
            Map<String, String> environment,
            Optional<String> cores,
            Path workDir,
            ToLongFunction<Path> counter,
            Runnable prepare) {
        this.name = name;
        this.command = List.copyOf(command);
        this.environment = Map.copyOf(environment);
        this.cores = cores;
        this.workDir = workDir;
        this.counter = counter;
        this.prepare = prepare;
    }

    /** {@code bash -c script}: for pipelines of shell tools. */
    static List<String> shell(String script) {
        return List.of("bash", "-c", script);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void prepare() {
        prepare.run();
    }

    @Override
    public long run() {
        String slug = name.replaceAll("[^A-Za-z0-9]+", "-");
        Path stdout = workDir.resolve("fresh-" + slug + ".out");
        Path stderr = workDir.resolve("fresh-" + slug + ".err");
        Path times = workDir.resolve("fresh-" + slug + ".times");
        List<String> wrapped = new ArrayList<>(List.of(
                "bash",
                "-c",
                // the command's exit status is kept; times prints this shell's children's user and system CPU
                "\"$@\"; s=$?; times > \"$MCI_BENCH_TIMES\"; exit $s",
                "bash"));
        cores.ifPresent(list -> wrapped.addAll(List.of("taskset", "-c", list)));
        wrapped.addAll(command);
        ProcessBuilder builder =
                new ProcessBuilder(wrapped).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        // the contender's settings are exactly what it is given: none of the user's own Elasticsearch, AWS or launcher
        // variables leak into it (credentials for another server, other JIT options)
        builder.environment()
                .keySet()
                .removeIf(name -> name.startsWith("ES_") || name.startsWith("AWS_") || name.startsWith("MCI_"));
        // the launcher runs the benchmark's own Java, as the plain java -jar contenders do
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().putAll(environment);
        builder.environment().put("MCI_BENCH_TIMES", times.toString());
        Process process = null;
        try {
            process = builder.start();
            process.getOutputStream().close();
            int exit = process.waitFor();
            if (exit != 0) {
                throw new BenchmarkException(name + " exited with " + exit + "; see " + stderr);
            }
            lastCpu = childCpu(Files.readString(times, StandardCharsets.UTF_8));
            return counter.applyAsLong(stdout);
        } catch (IOException e) {
            throw new BenchmarkException("cannot run " + name + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new BenchmarkException("interrupted while running " + name, e);
        }
    }

    @Override
    public Optional<Duration> ownCpuOfLastRun() {
        return Optional.ofNullable(lastCpu);
    }

    /** The children's user + system time from bash's {@code times} (its second line). */
    static Duration childCpu(String timesOutput) {
        String[] lines = timesOutput.strip().split("\n");
        Matcher m = TIMES.matcher(lines[lines.length - 1]);
        if (lines.length < 2 || !m.find()) {
            throw new BenchmarkException("cannot read the CPU time from bash's times: " + timesOutput);
        }
        double seconds = Integer.parseInt(m.group(1)) * 60
                + Double.parseDouble(m.group(2))
                + Integer.parseInt(m.group(3)) * 60
                + Double.parseDouble(m.group(4));
        return Duration.ofNanos(Math.round(seconds * 1e9));
    }
}
