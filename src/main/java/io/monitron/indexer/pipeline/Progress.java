package io.monitron.indexer.pipeline;

import io.monitron.indexer.concurrent.DaemonThreads;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows how a run is going: on a terminal, one line redrawn every second (files, events seen, MB/s read, and an ETA once
 * the listing is complete and the total size is known); elsewhere, a log line every 30 seconds; nothing with
 * {@code --quiet}.
 */
public final class Progress implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Progress.class);

    /** How progress is shown. */
    public enum Mode {
        TERMINAL,
        LOG,
        QUIET
    }

    /** Where and how progress is shown; {@link #NONE} shows nothing. */
    public record Display(Mode mode, PrintWriter terminal) {
        public static final Display NONE = new Display(Mode.QUIET, null);

        /** The display that suits this process: the terminal when there is a console, else log lines. */
        public static Display detect(boolean quiet, PrintWriter terminal) {
            return new Display(Progress.detect(quiet), terminal);
        }
    }

    private final RunStats stats;
    private final Mode mode;
    private final PrintWriter terminal;
    /** Inputs handed over that hold nothing to read (digest, Insight): done as soon as listed. */
    private final LongAdder settledUnread = new LongAdder();

    private final long started = System.nanoTime();
    /** Inputs and bytes listed so far, and whether the listing is complete (then they are the totals). */
    final LongAdder listedInputs = new LongAdder();

    final LongAdder listedBytes = new LongAdder();
    private volatile boolean listingComplete;
    private ScheduledExecutorService timer;

    Progress(RunStats stats, Display display) {
        this.stats = stats;
        this.mode = display.terminal() == null ? Mode.QUIET : display.mode();
        this.terminal = display.terminal();
    }

    /** The mode that suits this process: a terminal when there is a console, else log lines. */
    static Mode detect(boolean quiet) {
        if (quiet) {
            return Mode.QUIET;
        }
        return System.console() != null ? Mode.TERMINAL : Mode.LOG;
    }

    void start() {
        if (mode == Mode.QUIET) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(new DaemonThreads("progress"));
        long period = mode == Mode.TERMINAL ? 1 : 30;
        timer.scheduleAtFixedRate(this::show, period, period, TimeUnit.SECONDS);
    }

    void listed(long bytes) {
        listedInputs.increment();
        if (bytes > 0) {
            listedBytes.add(bytes);
        }
    }

    void settledUnread() {
        settledUnread.increment();
    }

    void listingComplete() {
        listingComplete = true;
    }

    /**
     * The current line, e.g. {@code 120/1819 files, 13,200 events seen (2,140 matched, 2,140 indexed), 31.5 MB/s,
     * ETA 0:07}: MB/s of input as stored (what the ETA is computed from; events seen are only those split).
     */
    String line() {
        double seconds = Math.max(1e-3, (System.nanoTime() - started) / 1e9);
        long files = stats.filesRead.sum() + stats.filesFailed.sum() + settledUnread.sum();
        long events = stats.records.sum();
        StringBuilder text = new StringBuilder(String.format(
                Locale.ROOT,
                "%,d%s files, %,d events seen (%,d matched, %,d indexed), %,.1f MB/s",
                files,
                listingComplete ? "/" + String.format(Locale.ROOT, "%,d", toRead()) : "",
                events,
                stats.eventsMatched.sum(),
                stats.eventsIndexed.sum() + stats.eventsAlreadyIndexed.sum(),
                stats.bytesRead.sum() / seconds / 1e6));
        long totalBytes = listedBytes.sum();
        long doneBytes = stats.bytesRead.sum();
        if (listingComplete && totalBytes > 0 && doneBytes > 0 && doneBytes < totalBytes) {
            double rate = doneBytes / seconds;
            text.append(", ETA ").append(format(Duration.ofSeconds((long) ((totalBytes - doneBytes) / rate))));
        }
        return text.toString();
    }

    private long toRead() {
        return listedInputs.sum();
    }

    private void show() {
        try {
            if (mode == Mode.TERMINAL) {
                terminal.print("\r" + line() + "\u001b[K");
                terminal.flush();
            } else {
                LOG.info("progress: {}", line());
            }
        } catch (RuntimeException e) {
            LOG.debug("progress display failed", e);
        }
    }

    private static String format(Duration d) {
        long s = d.getSeconds();
        return s >= 3600
                ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
            if (mode == Mode.TERMINAL) {
                terminal.print("\r\u001b[K");
                terminal.flush();
            }
        }
    }
}
