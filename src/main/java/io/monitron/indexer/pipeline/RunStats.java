package io.monitron.indexer.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.monitron.indexer.port.PassOver;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** The figures of one run; thread-safe counters, read once at the end for the summary. */
public final class RunStats {
    // inputs
    /** Inputs the source handed over (read, failed, digest, Insight, or left when the run stopped). */
    public final LongAdder inputsHandedOver = new LongAdder();

    public final LongAdder filesRead = new LongAdder();
    public final LongAdder filesUnchanged = new LongAdder();
    public final LongAdder filesDigest = new LongAdder();
    public final LongAdder filesInsight = new LongAdder();
    public final LongAdder filesEmpty = new LongAdder();
    /** Files whose end, after the last place a wanted event could lie, was searched but not split into records. */
    public final LongAdder filesTailNotSplit = new LongAdder();

    public final LongAdder filesWithRejections = new LongAdder();
    public final LongAdder filesFailed = new LongAdder();
    public final LongAdder bytesRead = new LongAdder();
    // records and events
    public final LongAdder records = new LongAdder();
    public final LongAdder recordsSkipped = new LongAdder();
    public final LongAdder eventsMatched = new LongAdder();
    public final LongAdder eventsIndexed = new LongAdder();
    public final LongAdder eventsAlreadyIndexed = new LongAdder();
    public final LongAdder recordsRejected = new LongAdder();
    public final LongAdder eventsRejectedByElasticsearch = new LongAdder();
    public final LongAdder eventsFailed = new LongAdder();

    /** Inputs a source passed over for a reason other than digest, Insight or already done. */
    private final Map<PassOver, LongAdder> passedOver = new EnumMap<>(PassOver.class);

    private volatile Duration elapsed = Duration.ZERO;

    {
        for (PassOver reason : PassOver.values()) {
            passedOver.put(reason, new LongAdder());
        }
    }

    void passedOver(PassOver reason) {
        passedOver.get(reason).increment();
    }

    /** E.g. {@code , 3 not read (2 not an input name, 1 not a regular file)}; empty when none. */
    private String passedOverText() {
        StringBuilder text = new StringBuilder();
        long total = 0;
        for (Map.Entry<PassOver, LongAdder> e : passedOver.entrySet()) {
            long n = e.getValue().sum();
            if (n > 0) {
                text.append(total == 0 ? "" : ", ").append(n).append(' ').append(describe(e.getKey()));
                total += n;
            }
        }
        return total == 0 ? "" : ", " + total + " not read (" + text + ")";
    }

    private static String describe(PassOver reason) {
        return reason.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }

    void elapsed(Duration elapsed) {
        this.elapsed = elapsed;
    }

    public Duration elapsed() {
        return elapsed;
    }

    /** Records and documents that went to the dead-letter place. */
    public long deadLettered() {
        return recordsRejected.sum() + eventsRejectedByElasticsearch.sum();
    }

    public double eventsPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds <= 0 ? 0 : records.sum() / seconds;
    }

    /** Input bytes (as stored: compressed for gzip files) read per second. */
    public double bytesPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds <= 0 ? 0 : bytesRead.sum() / seconds;
    }

    public ObjectNode toJson() {
        ObjectNode root = new ObjectMapper().createObjectNode();
        ObjectNode files = root.putObject("files");
        files.put("read", filesRead.sum());
        files.put("skipped_unchanged", filesUnchanged.sum());
        files.put("skipped_digest", filesDigest.sum());
        files.put("skipped_insight", filesInsight.sum());
        files.put("empty", filesEmpty.sum());
        files.put("tail_not_split", filesTailNotSplit.sum());
        files.put("with_rejections", filesWithRejections.sum());
        files.put("failed", filesFailed.sum());
        files.put("bytes_read", bytesRead.sum());
        ObjectNode notRead = files.putObject("not_read");
        passedOver.forEach((reason, n) -> {
            if (n.sum() > 0) {
                notRead.put(reason.name().toLowerCase(java.util.Locale.ROOT), n.sum());
            }
        });
        ObjectNode events = root.putObject("events");
        events.put("seen", records.sum());
        events.put("skipped", recordsSkipped.sum());
        events.put("matched", eventsMatched.sum());
        events.put("indexed", eventsIndexed.sum());
        events.put("already_indexed", eventsAlreadyIndexed.sum());
        events.put("rejected", recordsRejected.sum());
        events.put("rejected_by_elasticsearch", eventsRejectedByElasticsearch.sum());
        events.put("failed", eventsFailed.sum());
        events.put("dead_lettered", deadLettered());
        root.put("seconds", elapsed.toMillis() / 1000.0);
        root.put("events_per_second", Math.round(eventsPerSecond()));
        root.put("bytes_per_second", Math.round(bytesPerSecond()));
        return root;
    }

    /** Whether the source found nothing at all to read: no input handed over, none done by earlier runs. */
    public boolean foundNothing() {
        return inputsHandedOver.sum() == 0 && filesUnchanged.sum() == 0;
    }

    /** What the summary calls documents that reached the output. */
    public enum Delivery {
        INDEXED("indexed"),
        DRY_RUN("would be indexed"),
        WRITTEN("written");

        private final String words;

        Delivery(String words) {
            this.words = words;
        }
    }

    public String toText() {
        return toText(Delivery.INDEXED);
    }

    /**
     * The summary. <em>seen</em> counts the records split and looked at: in each file, up to its last record that could
     * be a wanted event; the rest of the file is searched, not split (the files where that happened are counted).
     */
    public String toText(Delivery delivery) {
        return String.format(
                java.util.Locale.ROOT,
                "files: %d read (%d searched past their last possible match without splitting records), %d unchanged"
                        + " (skipped), %d digest, %d insight, %d empty, %d with rejected records, %d failed%s%n"
                        + "events: %d seen (records split up to each file's last possible match), %d matched, %d "
                        + delivery.words
                        + ", %d already indexed, %d dead-lettered (%d rejected records, %d refused by Elasticsearch), %d"
                        + " failed%n"
                        + "time: %.1f s, %,.0f events seen/s, %,.1f MB/s read",
                filesRead.sum(),
                filesTailNotSplit.sum(),
                filesUnchanged.sum(),
                filesDigest.sum(),
                filesInsight.sum(),
                filesEmpty.sum(),
                filesWithRejections.sum(),
                filesFailed.sum(),
                passedOverText(),
                records.sum(),
                eventsMatched.sum(),
                eventsIndexed.sum(),
                eventsAlreadyIndexed.sum(),
                deadLettered(),
                recordsRejected.sum(),
                eventsRejectedByElasticsearch.sum(),
                eventsFailed.sum(),
                elapsed.toMillis() / 1000.0,
                eventsPerSecond(),
                bytesPerSecond() / 1e6);
    }
}
