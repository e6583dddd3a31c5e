package io.monitron.indexer.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The geoip part's arithmetic, on fixed inputs: nothing here depends on timing. */
class GeoIpPartTest {

    @Test
    void costPerEventIsTheDifferenceOfBestRunsLessTheStartupDifference() {
        GeoIpPart.Figures startup = GeoIpPart.Figures.of(
                List.of(new GeoIpPart.Run(1_000_000_000L, 900_000_000L)),
                List.of(new GeoIpPart.Run(1_200_000_000L, 1_000_000_000L)),
                0);
        GeoIpPart.Figures figures = GeoIpPart.Figures.of(
                List.of(
                        new GeoIpPart.Run(9_000_000_000L, 12_000_000_000L),
                        new GeoIpPart.Run(8_000_000_000L, 13_000_000_000L)),
                List.of(
                        new GeoIpPart.Run(8_500_000_000L, 12_300_000_000L),
                        new GeoIpPart.Run(9_500_000_000L, 12_100_000_000L)),
                100_000);

        assertThat(figures.difference(true)).isEqualTo(100_000_000L);
        assertThat(figures.nanosPerEvent(true)).isEqualTo(1_000.0);
        assertThat(figures.nanosPerEvent(false)).isEqualTo(5_000.0);
        assertThat(figures.nanosPerEventAfter(startup, true)).isEqualTo(0.0);
        assertThat(figures.ratio(true)).isEqualTo(12_100.0 / 12_000.0);
        assertThat(startup.nanosPerEvent(true)).isNaN();
    }
}
