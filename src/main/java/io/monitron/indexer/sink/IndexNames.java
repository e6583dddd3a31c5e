package io.monitron.indexer.sink;

import io.monitron.indexer.config.ConfigException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Chooses the index of a document from its event time alone: {@code PREFIX-YYYY.MM} (UTC), or {@code PREFIX-YYYY}
 * with yearly indices. Nothing in an event's content can choose another name, and the same event always lands in the
 * same index. Both forms match the template's pattern {@code PREFIX-*}.
 *
 * <p>Monthly indices suit a steady trail; sparse history spread over years (one event a month over 30 years makes 360
 * monthly indices, each with its shard, until the cluster's shard limit refuses more) suits yearly ones. Changing the
 * granularity of existing data writes the same events into other indices: re-index into a new prefix instead.
 */
public final class IndexNames {
    public static final String DEFAULT_PREFIX = "monitron-cloudtrail";
    private static final Pattern VALID_PREFIX = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,199}");

    /** How much time one index covers. */
    public enum Granularity {
        /** {@code PREFIX-YYYY.MM}: the default. */
        MONTH(DateTimeFormatter.ofPattern("yyyy.MM").withZone(ZoneOffset.UTC)),
        /** {@code PREFIX-YYYY}: for sparse history spread over many years. */
        YEAR(DateTimeFormatter.ofPattern("yyyy").withZone(ZoneOffset.UTC));

        private final DateTimeFormatter format;

        Granularity(DateTimeFormatter format) {
            this.format = format;
        }

        /**
         * {@code month} or {@code year}, any case, as {@code --index-granularity} takes it.
         *
         * @throws ConfigException otherwise
         */
        public static Granularity of(String text) {
            return switch (text.strip().toLowerCase(Locale.ROOT)) {
                case "month" -> MONTH;
                case "year" -> YEAR;
                default -> throw new ConfigException("--index-granularity must be month or year, got: " + text);
            };
        }
    }

    private final String prefix;
    private final Granularity granularity;

    /** Monthly indices under {@code prefix}. */
    public IndexNames(String prefix) {
        this(prefix, Granularity.MONTH);
    }

    public IndexNames(String prefix, Granularity granularity) {
        if (!VALID_PREFIX.matcher(prefix).matches() || prefix.contains("..")) {
            throw new ConfigException("index prefix must be lowercase letters, digits, '-', '_' or '.', starting with a"
                    + " letter or digit: " + prefix);
        }
        this.prefix = prefix;
        this.granularity = granularity;
    }

    public String prefix() {
        return prefix;
    }

    public Granularity granularity() {
        return granularity;
    }

    /** The index pattern the template applies to and the Kibana data view reads: monthly and yearly indices alike. */
    public String pattern() {
        return prefix + "-*";
    }

    public String templateName() {
        return prefix;
    }

    public String indexFor(Instant eventTime) {
        return prefix + "-" + granularity.format.format(eventTime);
    }
}
