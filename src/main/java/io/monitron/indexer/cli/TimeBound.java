package io.monitron.indexer.cli;

import io.monitron.indexer.config.ConfigException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Reads {@code --from}/{@code --to}: a date ({@code 2026-10-01}, UTC) or an instant ({@code 2026-10-01T12:00:00Z},
 * offsets allowed). {@code --from} is inclusive; {@code --to} is exclusive, and a date there means "through the end of
 * that day".
 */
final class TimeBound {
    private TimeBound() {}

    static Instant from(String text, String option) {
        return parse(text, option, false);
    }

    static Instant to(String text, String option) {
        return parse(text, option, true);
    }

    private static Instant parse(String text, String option, boolean endOfDay) {
        try {
            if (text.length() == 10) {
                LocalDate day = LocalDate.parse(text);
                return (endOfDay ? day.plusDays(1) : day)
                        .atStartOfDay(ZoneOffset.UTC)
                        .toInstant();
            }
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new ConfigException(
                    option + " must be a date (2026-10-01) or a date-time (2026-10-01T12:00:00Z), got: " + text);
        }
    }
}
