package io.monitron.indexer.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.monitron.indexer.config.ConfigException;
import java.time.Instant;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class IndexNamesTest {
    private static final Instant MAY_2026 = Instant.parse("2026-05-31T23:59:59Z");

    @Test
    void monthlyByDefaultYearlyWhenAsked() {
        assertThat(new IndexNames("p").indexFor(MAY_2026)).isEqualTo("p-2026.05");
        assertThat(new IndexNames("p", IndexNames.Granularity.MONTH).indexFor(MAY_2026))
                .isEqualTo("p-2026.05");
        assertThat(new IndexNames("p", IndexNames.Granularity.YEAR).indexFor(MAY_2026))
                .isEqualTo("p-2026");
        assertThat(new IndexNames("p", IndexNames.Granularity.YEAR).indexFor(Instant.parse("1996-01-01T00:00:00Z")))
                .isEqualTo("p-1996");
    }

    @Test
    void theTemplatePatternCoversMonthlyAndYearlyIndices() {
        for (IndexNames.Granularity granularity : IndexNames.Granularity.values()) {
            IndexNames names = new IndexNames("monitron-cloudtrail", granularity);
            String regex = Pattern.quote(names.prefix()) + "-.*";
            assertThat(names.pattern()).isEqualTo("monitron-cloudtrail-*");
            assertThat(names.indexFor(MAY_2026)).matches(regex);
        }
    }

    @Test
    void granularityIsReadAsTheOptionTakesIt() {
        assertThat(IndexNames.Granularity.of("year")).isEqualTo(IndexNames.Granularity.YEAR);
        assertThat(IndexNames.Granularity.of(" Month ")).isEqualTo(IndexNames.Granularity.MONTH);
        assertThatThrownBy(() -> IndexNames.Granularity.of("week"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("--index-granularity must be month or year, got: week");
    }
}
