package io.monitron.indexer.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * The busy time of all the machine's cores together, from the first line of {@code /proc/stat}: every process counts,
 * Elasticsearch, the local servers and other tenants alike. Empty where there is no {@code /proc/stat}.
 */
final class MachineCpu {
    /** {@code /proc/stat} counts in USER_HZ, 100 a second on Linux. */
    static final double TICKS_PER_SECOND = 100;

    private MachineCpu() {}

    static OptionalLong busyTicks() {
        try {
            return parseBusyTicks(Files.readString(Path.of("/proc/stat")));
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /** user + nice + system + irq + softirq + steal of the {@code cpu} line; not idle, not iowait. */
    static OptionalLong parseBusyTicks(String procStat) {
        for (String line : procStat.split("\n")) {
            if (line.startsWith("cpu ")) {
                String[] f = line.trim().split("\\s+");
                if (f.length < 9) {
                    return OptionalLong.empty();
                }
                long busy = 0;
                for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
                    busy += Long.parseLong(f[i]);
                }
                return OptionalLong.of(busy);
            }
        }
        return OptionalLong.empty();
    }
}
