package io.monitron.indexer.transform;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Parses the ISO-8601 times CloudTrail writes ({@code 2024-03-01T12:34:56Z}, sometimes with fractions or an offset).
 * Times outside 1970..2999 are refused: they would name absurd indices and usually mean a corrupt record.
 */
final class EventTime {
    private static final Instant MIN =
            OffsetDateTime.of(1970, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC).toInstant();
    private static final Instant END =
            OffsetDateTime.of(3000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC).toInstant();

    private EventTime() {}

    /** The instant, truncated to milliseconds (what an Elasticsearch {@code date} keeps), or {@code null}. */
    static Instant parse(String text) {
        if (text == null) {
            return null;
        }
        Instant instant = parseAny(text.trim());
        if (instant == null || instant.isBefore(MIN) || !instant.isBefore(END)) {
            return null;
        }
        return instant.truncatedTo(ChronoUnit.MILLIS);
    }

    private static Instant parseAny(String text) {
        if (text.isEmpty()) {
            return null;
        }
        try {
            // the common case: UTC with a Z
            return Instant.parse(text);
        } catch (DateTimeException notUtc) {
            try {
                return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                        .toInstant();
            } catch (DateTimeException unparseable) {
                return null;
            }
        }
    }
}
