package io.monitron.indexer.transform;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Parses the ISO-8601 times CloudTrail writes ({@code 2024-03-01T12:34:56Z}, sometimes with fractions or an offset),
 * and the SQL-style UTC times that Athena, CloudTrail Lake and SIEM exports write ({@code 2024-03-01 12:34:56}, with
 * up to nine fraction digits, no zone). Times outside 1970..2999 are refused: they would name absurd indices and
 * usually mean a corrupt record.
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
        Instant plain = plainUtc(text);
        if (plain != null) {
            return plain;
        }
        if (isSqlStyle(text)) {
            try {
                return LocalDateTime.parse(text.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
            } catch (DateTimeException invalidDate) {
                return null;
            }
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

    /**
     * What CloudTrail nearly always writes, {@code 2024-03-01T12:34:56Z}, read digit by digit (the general parsers cost
     * more than the rest of a document); null for any other shape or an invalid date, which the general parsers then
     * judge.
     */
    private static Instant plainUtc(String t) {
        if (t.length() != 20
                || t.charAt(4) != '-'
                || t.charAt(7) != '-'
                || t.charAt(10) != 'T'
                || t.charAt(13) != ':'
                || t.charAt(16) != ':'
                || t.charAt(19) != 'Z') {
            return null;
        }
        int year = digits(t, 0, 4);
        int month = digits(t, 5, 2);
        int day = digits(t, 8, 2);
        int hour = digits(t, 11, 2);
        int minute = digits(t, 14, 2);
        int second = digits(t, 17, 2);
        if ((year | month | day | hour | minute | second) < 0) {
            return null;
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException outOfRange) {
            return null; // e.g. a leap second: left to the general parser
        }
    }

    /** {@code yyyy-MM-dd HH:mm:ss} with an optional {@code .} and 1..9 digits: exactly that, nothing more. */
    private static boolean isSqlStyle(String t) {
        int length = t.length();
        if (length < 19
                || length == 20
                || length > 29
                || t.charAt(4) != '-'
                || t.charAt(7) != '-'
                || t.charAt(10) != ' '
                || t.charAt(13) != ':'
                || t.charAt(16) != ':') {
            return false;
        }
        if ((digits(t, 0, 4)
                        | digits(t, 5, 2)
                        | digits(t, 8, 2)
                        | digits(t, 11, 2)
                        | digits(t, 14, 2)
                        | digits(t, 17, 2))
                < 0) {
            return false;
        }
        return length == 19 || (t.charAt(19) == '.' && digits(t, 20, length - 20) >= 0);
    }

    /** The decimal number in {@code t[from, from + count)}, or -1 when a character is not a digit. */
    private static int digits(String t, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
