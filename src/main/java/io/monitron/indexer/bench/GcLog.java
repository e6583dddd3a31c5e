package io.monitron.indexer.bench;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Heap figures read from a JVM's {@code -Xlog:gc,gc+heap+exit} output: the most heap in use when a collection started
 * (the peak the process really reached), the most still in use after one (what it retains), and the heap in use at
 * exit (which counts as a peak too: the last stretch before exit may not have ended in a collection).
 *
 * @param collections the number of collections (pauses) logged
 */
public record GcLog(long peakUsedBytes, long peakRetainedBytes, long usedAtExitBytes, int collections) {
    // G1 "Pause Young (Normal) (G1 Evacuation Pause) 24M->3M(256M) 1.234ms", Serial/Parallel alike
    private static final Pattern PAUSE =
            Pattern.compile("GC\\(\\d+\\) Pause.* (\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");
    // "[gc,heap,exit]  garbage-first heap   total 262144K, used 35190K [0x..."
    private static final Pattern EXIT = Pattern.compile("\\[gc,heap,exit\\s*\\].* heap\\s+total (\\d+)K, used (\\d+)K");

    public static GcLog parse(List<String> lines) {
        long peakUsed = 0;
        long peakRetained = 0;
        long atExit = 0;
        int collections = 0;
        for (String line : lines) {
            Matcher pause = PAUSE.matcher(line);
            if (pause.find()) {
                collections++;
                peakUsed = Math.max(peakUsed, bytes(pause.group(1), pause.group(2)));
                peakRetained = Math.max(peakRetained, bytes(pause.group(3), pause.group(4)));
                continue;
            }
            Matcher exit = EXIT.matcher(line);
            if (exit.find()) {
                atExit = Long.parseLong(exit.group(2)) * 1024;
            }
        }
        return new GcLog(Math.max(peakUsed, atExit), peakRetained, atExit, collections);
    }

    static long bytes(String amount, String unit) {
        long value = Long.parseLong(amount);
        return switch (unit) {
            case "K" -> value << 10;
            case "M" -> value << 20;
            case "G" -> value << 30;
            default -> throw new IllegalArgumentException("unknown unit " + unit);
        };
    }
}
