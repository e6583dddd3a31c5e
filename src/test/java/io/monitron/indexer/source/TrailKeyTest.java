package io.monitron.indexer.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.monitron.indexer.model.TrailKey;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TrailKeyTest {
    @Test
    void parsesSingleAccountAndOrganizationKeys() {
        TrailKey single = TrailKey.parse("logs/AWSLogs/111122223333/CloudTrail/eu-west-1/2026/10/01/"
                        + "111122223333_CloudTrail_eu-west-1_20261001T1005Z_abcDEF0123456789.json.gz")
                .orElseThrow();
        assertThat(single.organizationId()).isEmpty();
        assertThat(single.account()).isEqualTo("111122223333");
        assertThat(single.region()).isEqualTo("eu-west-1");
        assertThat(single.stamp()).isEqualTo(Instant.parse("2026-10-01T10:05:00Z"));
        assertThat(single.partition()).isEqualTo("111122223333/eu-west-1");

        TrailKey org = TrailKey.parse("AWSLogs/o-abcdef1234/444455556666/CloudTrail/us-east-1/2026/10/02/"
                        + "444455556666_CloudTrail_us-east-1_20261002T2355Z_x.json.gz")
                .orElseThrow();
        assertThat(org.organizationId()).isEqualTo(Optional.of("o-abcdef1234"));
        assertThat(org.account()).isEqualTo("444455556666");
    }

    @Test
    void rejectsOtherLayouts() {
        assertThat(TrailKey.parse("samples/other-formats/lookup.json")).isEmpty();
        assertThat(TrailKey.parse("AWSLogs/111122223333/CloudTrail-Digest/us-east-1/2026/10/01/"
                        + "111122223333_CloudTrail-Digest_us-east-1_x_us-east-1_20261001T100500Z.json.gz"))
                .isEmpty();
    }
}
