package io.monitron.indexer.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the indexer as a child JVM with a heap limit and measures its peaks: resident set from {@code VmHWM} in
 * {@code /proc/PID/status} (the kernel's own high-water mark, so sampling it late loses nothing but the very end) and
 * heap from the GC log.
 */
public final class MemoryProbe {
    private static final Pattern HWM = Pattern.compile("(?m)^VmHWM:\\s+(\\d+) kB");
    private static final long SAMPLE_MILLIS = 20;

    /** What one child run used. */
    public record Figures(String label, long events, int exitCode, Duration elapsed, long peakRssBytes, GcLog heap) {}

    private final List<String> jvmOptions;
    private final Path workDir;

    /**
     * @param jvmOptions options for the child, e.g. {@code -Xmx256m}
     * @param workDir where GC logs and dead-letter files go
     */
    public MemoryProbe(List<String> jvmOptions, Path workDir) {
        this.jvmOptions = List.copyOf(jvmOptions);
        this.workDir = workDir;
    }

    /** Runs {@code java OPTIONS -cp CLASSPATH io.monitron.indexer.cli.Main ARGS} to the end. */
    public Figures run(String label, long events, List<String> indexerArgs) {
        Path gcLog = workDir.resolve("gc-" + label.replaceAll("[^A-Za-z0-9.-]+", "_") + ".log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-Xlog:gc,gc+heap+exit:file=" + gcLog);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("io.monitron.indexer.cli.Main");
        command.addAll(indexerArgs);
        try {
            Files.deleteIfExists(gcLog);
            long start = System.nanoTime();
            Process process = new ProcessBuilder(command)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(
                            workDir.resolve("stderr-" + gcLog.getFileName()).toFile())
                    .start();
            Path status = Path.of("/proc", Long.toString(process.pid()), "status");
            long peakRss = 0;
            while (process.isAlive()) {
                peakRss = Math.max(peakRss, readHwm(status).orElse(0L));
                process.waitFor(SAMPLE_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS);
            }
            int exit = process.waitFor();
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            GcLog heap = GcLog.parse(Files.exists(gcLog) ? Files.readAllLines(gcLog) : List.of());
            return new Figures(label, events, exit, elapsed, peakRss, heap);
        } catch (IOException e) {
            throw new BenchmarkException("cannot run the indexer for " + label + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchmarkException("interrupted while measuring " + label, e);
        }
    }

    private static Optional<Long> readHwm(Path status) {
        try {
            return parseHwm(Files.readString(status));
        } catch (IOException e) {
            // the process ended between isAlive and the read
            return Optional.empty();
        }
    }

    /** {@code VmHWM} from a {@code /proc/PID/status} text, in bytes. */
    static Optional<Long> parseHwm(String status) {
        Matcher matcher = HWM.matcher(status);
        return matcher.find() ? Optional.of(Long.parseLong(matcher.group(1)) * 1024) : Optional.empty();
    }
}
