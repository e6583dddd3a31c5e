package io.monitron.indexer.transform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EventTimeTest {
    @Test
    void readsCloudTrailTimesAndRefusesWhatIsNotATimeInRange() {
        assertThat(EventTime.parse("2026-10-01T10:00:00Z")).isEqualTo(Instant.parse("2026-10-01T10:00:00Z"));
        assertThat(EventTime.parse("2026-10-01T10:00:00.123456Z")).isEqualTo(Instant.parse("2026-10-01T10:00:00.123Z"));
        assertThat(EventTime.parse("2026-10-31T23:30:00-02:00")).isEqualTo(Instant.parse("2026-11-01T01:30:00Z"));
        assertThat(EventTime.parse("2016-12-31T23:59:60Z")).as("a leap second").isNotNull();
        assertThat(EventTime.parse("2026-02-30T10:00:00Z")).isNull();
        assertThat(EventTime.parse("1969-12-31T23:59:59Z")).isNull();
        assertThat(EventTime.parse("3000-01-01T00:00:00Z")).isNull();
        assertThat(EventTime.parse("2026-1a-01T10:00:00Z")).isNull();
        assertThat(EventTime.parse("")).isNull();
    }

    @Test
    void readsSqlStyleTimesAsUtcWithUpToNanoseconds() {
        assertThat(EventTime.parse("2024-01-01 00:00:00")).isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
        assertThat(EventTime.parse("2024-01-01 12:34:56.7")).isEqualTo(Instant.parse("2024-01-01T12:34:56.700Z"));
        assertThat(EventTime.parse("2024-01-01 12:34:56.123456789"))
                .as("nanoseconds, truncated to what a date field keeps")
                .isEqualTo(Instant.parse("2024-01-01T12:34:56.123Z"));
        assertThat(EventTime.parse(" 2024-01-01 12:34:56 ")).isEqualTo(Instant.parse("2024-01-01T12:34:56Z"));
    }

    @Test
    void refusesSqlStyleTextThatIsNotATime() {
        assertThat(EventTime.parse("2024-02-30 00:00:00")).as("no such day").isNull();
        assertThat(EventTime.parse("2024-01-01 24:00:00")).isNull();
        assertThat(EventTime.parse("2024-01-01 00:00:00."))
                .as("a dot without digits")
                .isNull();
        assertThat(EventTime.parse("2024-01-01 00:00:00.1234567890"))
                .as("ten fraction digits")
                .isNull();
        assertThat(EventTime.parse("2024-01-01 00:00")).isNull();
        assertThat(EventTime.parse("2024-01-01 00:00:00 UTC")).isNull();
        assertThat(EventTime.parse("2024-01-01  0:00:00")).isNull();
        assertThat(EventTime.parse("1969-12-31 23:59:59")).as("before 1970").isNull();
    }

    @Test
    void theDigitByDigitPathAgreesWithTheGeneralParsers() {
        long seed = 20261125L;
        SplittableRandom random = new SplittableRandom(seed);
        for (int round = 0; round < 20_000; round++) {
            String text = String.format(
                    "%04d-%02d-%02dT%02d:%02d:%02dZ",
                    random.nextInt(1960, 3010),
                    random.nextInt(0, 14),
                    random.nextInt(0, 33),
                    random.nextInt(0, 26),
                    random.nextInt(0, 61),
                    random.nextInt(0, 62));
            assertThat(EventTime.parse(text)).as("seed %d: %s", seed, text).isEqualTo(reference(text));
        }
    }

    /** The general parsers alone, with the same range and precision. */
    private static Instant reference(String text) {
        Instant instant;
        try {
            instant = Instant.parse(text);
        } catch (DateTimeException notUtc) {
            try {
                instant = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                        .toInstant();
            } catch (DateTimeException unparseable) {
                return null;
            }
        }
        if (instant.isBefore(Instant.parse("1970-01-01T00:00:00Z"))
                || !instant.isBefore(Instant.parse("3000-01-01T00:00:00Z"))) {
            return null;
        }
        return instant.truncatedTo(ChronoUnit.MILLIS);
    }
}
