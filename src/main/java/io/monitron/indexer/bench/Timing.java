package io.monitron.indexer.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The measured runs of one contender.
 *
 * @param contender the contender's name
 * @param runs the duration of every timed run, in the order run; never empty
 * @param count what the last run counted (see {@link Contender#run})
 * @param cpu the CPU time of every timed run, in the same order: the contender's own processes when it runs outside
 *     this JVM, else this JVM's; empty when not measured
 */
public record Timing(String contender, List<Duration> runs, long count, List<Duration> cpu) {
    public Timing {
        runs = List.copyOf(runs);
        cpu = List.copyOf(cpu);
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("a timing needs at least one run: " + contender);
        }
        if (!cpu.isEmpty() && cpu.size() != runs.size()) {
            throw new IllegalArgumentException("one CPU time per run: " + contender);
        }
    }

    public Timing(String contender, List<Duration> runs, long count) {
        this(contender, runs, count, List.of());
    }

    /** The median CPU time of the runs (the lower middle), or zero when not measured. */
    public double medianCpuSeconds() {
        if (cpu.isEmpty()) {
            return 0;
        }
        List<Duration> sorted = new ArrayList<>(cpu);
        Collections.sort(sorted);
        return sorted.get((sorted.size() - 1) / 2).toNanos() / 1e9;
    }

    /**
     * The fastest run: on a shared machine, noise only ever adds time, so the minimum is the best estimate of the
     * work's own cost. This is the figure the ratios use.
     */
    public Duration best() {
        return Collections.min(runs);
    }

    /** The median run (the lower middle for an even count): shown to judge how noisy the machine was. */
    public Duration median() {
        List<Duration> sorted = new ArrayList<>(runs);
        Collections.sort(sorted);
        return sorted.get((sorted.size() - 1) / 2);
    }

    public double bestSeconds() {
        return best().toNanos() / 1e9;
    }

    public double medianSeconds() {
        return median().toNanos() / 1e9;
    }
}
