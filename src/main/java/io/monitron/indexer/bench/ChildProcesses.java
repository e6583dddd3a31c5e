package io.monitron.indexer.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The indexer processes of one {@code sqs} part run, watched until they end: their time limit, exit codes and the CPU
 * time they used (sampled while they run, so the last few milliseconds before each exit are missed).
 */
final class ChildProcesses {
    private static final long POLL_MILLIS = 50;

    private final String label;
    private final List<Process> processes;
    private final long startNanos;
    private final Duration timeout;
    private final Path logs;
    private final long[] cpuNanos;

    /**
     * @param processes named {@code LABEL-p1}, {@code LABEL-p2} ... in {@code logs}
     * @param startNanos when the clock started ({@link System#nanoTime()}), before the first process
     */
    ChildProcesses(String label, List<Process> processes, long startNanos, Duration timeout, Path logs) {
        this.label = label;
        this.processes = List.copyOf(processes);
        this.startNanos = startNanos;
        this.timeout = timeout;
        this.logs = logs;
        this.cpuNanos = new long[processes.size()];
    }

    int count() {
        return processes.size();
    }

    boolean anyAlive() {
        return processes.stream().anyMatch(Process::isAlive);
    }

    Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    /** Samples the CPU times, then waits up to 50 ms for a process to end. Past the time limit, kills them all. */
    void waitAWhile() {
        for (int i = 0; i < processes.size(); i++) {
            int p = i;
            processes
                    .get(i)
                    .info()
                    .totalCpuDuration()
                    .ifPresent(cpu -> cpuNanos[p] = Math.max(cpuNanos[p], cpu.toNanos()));
        }
        if (elapsed().compareTo(timeout) > 0) {
            processes.forEach(Process::destroyForcibly);
            throw new BenchmarkException(label + ": not done within " + timeout + "; see the logs in " + logs);
        }
        for (Process process : processes) {
            if (process.isAlive()) {
                try {
                    process.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    processes.forEach(Process::destroy);
                    Thread.currentThread().interrupt();
                    throw new BenchmarkException("interrupted in " + label, e);
                }
                return;
            }
        }
    }

    /** Waits for every process to end and checks that each exited 0. */
    void awaitEnd() {
        while (anyAlive()) {
            waitAWhile();
        }
        for (int i = 0; i < processes.size(); i++) {
            int exit = processes.get(i).exitValue();
            if (exit != 0) {
                throw new BenchmarkException(label + ": the indexer exited with " + exit + "; see "
                        + logs.resolve(label + "-p" + (i + 1) + ".log"));
            }
        }
    }

    /** The CPU time all processes used, as last sampled. */
    Duration cpu() {
        long sum = 0;
        for (long nanos : cpuNanos) {
            sum += nanos;
        }
        return Duration.ofNanos(sum);
    }
}
