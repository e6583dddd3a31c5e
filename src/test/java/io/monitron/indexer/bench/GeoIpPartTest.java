package io.monitron.indexer.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The geoip part's arithmetic and parsing, on fixed inputs: nothing here depends on timing. */
class GeoIpPartTest {

    @Test
    void childCpuIsTheSecondLineOfTimesUserPlusSystem() {
        String times = "0m0.004s 0m0.002s\n1m2.250s 0m0.750s\n";

        assertThat(GeoIpPart.childCpuNanos(times)).isEqualTo(63_000_000_000L);
    }

    @Test
    void unreadableTimesIsABenchmarkError() {
        assertThatThrownBy(() -> GeoIpPart.childCpuNanos("")).isInstanceOf(BenchmarkException.class);
    }

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
