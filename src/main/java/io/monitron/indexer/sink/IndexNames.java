package io.monitron.indexer.sink;

import io.monitron.indexer.config.ConfigException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

/**
 * Chooses the index of a document from its event time alone: {@code PREFIX-YYYY.MM} (UTC). Nothing in an event's
 * content can choose another name, and the same event always lands in the same index.
 */
public final class IndexNames {
    public static final String DEFAULT_PREFIX = "monitron-cloudtrail";
    private static final Pattern VALID_PREFIX = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,199}");
    private static final DateTimeFormatter MONTH =
            DateTimeFormatter.ofPattern("yyyy.MM").withZone(ZoneOffset.UTC);

    private final String prefix;

    public IndexNames(String prefix) {
        if (!VALID_PREFIX.matcher(prefix).matches() || prefix.contains("..")) {
            throw new ConfigException("index prefix must be lowercase letters, digits, '-', '_' or '.', starting with a"
                    + " letter or digit: " + prefix);
        }
        this.prefix = prefix;
    }

    public String prefix() {
        return prefix;
    }

    /** The index pattern the template applies to and the Kibana data view reads. */
    public String pattern() {
        return prefix + "-*";
    }

    public String templateName() {
        return prefix;
    }

    public String indexFor(Instant eventTime) {
        return prefix + "-" + MONTH.format(eventTime);
    }
}
