package io.monitron.indexer.bench;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Times contenders in interleaved rounds (A B C, A B C, ...) after one untimed warm-up round, so that a burst of load
 * from elsewhere on the machine hits every contender alike rather than one of them.
 */
public final class Rounds {
    private final int repeats;
    private final boolean warmUp;
    private final PrintWriter log;

    /**
     * @param repeats timed runs per contender (at least 1)
     * @param warmUp whether to run every contender once untimed first (JIT compilation, page cache)
     * @param log where each run's time is reported as it happens
     */
    public Rounds(int repeats, boolean warmUp, PrintWriter log) {
        if (repeats < 1) {
            throw new IllegalArgumentException("repeats must be at least 1: " + repeats);
        }
        this.repeats = repeats;
        this.warmUp = warmUp;
        this.log = log;
    }

    /**
     * The CPU time of this JVM so far (all its threads, not child processes): printed with each run, it shows how much
     * of the machine a contender took for itself, apart from the work of a server or a child process it waits for.
     */
    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    /** Returns one timing per contender, in the contenders' order. */
    public List<Timing> measure(List<? extends Contender> contenders) {
        if (warmUp) {
            for (Contender contender : contenders) {
                log.printf("  warm-up: %s%n", contender.name());
                log.flush();
                contender.prepare();
                contender.run();
            }
        }
        List<List<Duration>> runs = new ArrayList<>();
        List<List<Duration>> cpus = new ArrayList<>();
        long[] counts = new long[contenders.size()];
        contenders.forEach(c -> {
            runs.add(new ArrayList<>());
            cpus.add(new ArrayList<>());
        });
        for (int round = 1; round <= repeats; round++) {
            for (int i = 0; i < contenders.size(); i++) {
                Contender contender = contenders.get(i);
                contender.prepare();
                long cpuStart = processCpuNanos();
                long start = System.nanoTime();
                counts[i] = contender.run();
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                long jvmCpu = processCpuNanos() - cpuStart;
                Optional<Duration> own = contender.ownCpuOfLastRun();
                Duration cpu = own.orElse(Duration.ofNanos(jvmCpu));
                runs.get(i).add(took);
                cpus.get(i).add(cpu);
                log.printf(
                        "  round %d/%d: %-34s %8.3f s  (count %d; %s CPU %.2f s)%n",
                        round,
                        repeats,
                        contender.name(),
                        took.toNanos() / 1e9,
                        counts[i],
                        own.isPresent() ? "its processes'" : "this JVM's",
                        cpu.toNanos() / 1e9);
                log.flush();
            }
        }
        List<Timing> timings = new ArrayList<>();
        for (int i = 0; i < contenders.size(); i++) {
            timings.add(new Timing(contenders.get(i).name(), runs.get(i), counts[i], cpus.get(i)));
        }
        return timings;
    }
}
