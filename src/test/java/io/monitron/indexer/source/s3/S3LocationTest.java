package io.monitron.indexer.source.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.monitron.indexer.config.ConfigException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class S3LocationTest {
    @Test
    void readsBucketAndPrefixWithoutSurroundingSlashes() {
        assertThat(S3Location.parse("s3://bucket")).isEqualTo(new S3Location("bucket", ""));
        assertThat(S3Location.parse("s3://bucket/").logsRoot()).isEqualTo("AWSLogs/");
        S3Location nested = S3Location.parse("s3://bucket/org/trails/");
        assertThat(nested.prefix()).isEqualTo("org/trails");
        assertThat(nested.logsRoot()).isEqualTo("org/trails/AWSLogs/");
        assertThat(nested).hasToString("s3://bucket/org/trails");
    }

    @Test
    void aPathPastedDownIntoAwsLogsKeepsOnlyThePrefixBeforeIt() {
        assertThat(S3Location.parse("s3://bucket/trails/AWSLogs/111122223333/").prefix())
                .isEqualTo("trails");
        assertThat(S3Location.parse("s3://bucket/AWSLogs/").prefix()).isEmpty();
    }

    @Test
    void rejectsWhatIsNotAnS3Uri() {
        assertThatThrownBy(() -> S3Location.parse("bucket/prefix"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("s3://BUCKET[/PREFIX]");
        assertThatThrownBy(() -> S3Location.parse("s3:///prefix")).isInstanceOf(ConfigException.class);
    }

    @Test
    void anExclusiveEndAtMidnightEndsTheScopeOnTheDayBefore() {
        TrailScope scope = TrailScope.of(
                Set.of(),
                Set.of(),
                Optional.of(Instant.parse("2026-10-01T12:00:00Z")),
                Optional.of(Instant.parse("2026-10-03T00:00:00Z")));

        assertThat(scope.firstDay()).contains(LocalDate.parse("2026-10-01"));
        assertThat(scope.lastDay()).contains(LocalDate.parse("2026-10-02"));
        assertThat(TrailScope.of(
                                Set.of(),
                                Set.of(),
                                Optional.empty(),
                                Optional.of(Instant.parse("2026-10-03T00:00:01Z")))
                        .lastDay())
                .contains(LocalDate.parse("2026-10-03"));
    }
}
