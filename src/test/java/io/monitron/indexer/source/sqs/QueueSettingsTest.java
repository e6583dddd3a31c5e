package io.monitron.indexer.source.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class QueueSettingsTest {
    private static final String QUEUE = "https://sqs.eu-west-1.amazonaws.com/111122223333/trail";

    @Test
    void withoutAnIdleExitReceivesWaitTheFullLongPoll() {
        assertThat(QueueSettings.of(QUEUE).receiveWait()).isEqualTo(QueueSettings.WAIT_TIME);
    }

    @Test
    void anIdleExitShorterThanTheLongPollShortensItToWholeSeconds() {
        QueueSettings settings = QueueSettings.of(QUEUE);

        assertThat(settings.withIdleExit(Optional.of(Duration.ofSeconds(2))).receiveWait())
                .isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.withIdleExit(Optional.of(Duration.ofMillis(1500))).receiveWait())
                .isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.withIdleExit(Optional.of(Duration.ofMillis(200))).receiveWait())
                .as("never a short poll: at least one second")
                .isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void anIdleExitLongerThanTheLongPollLeavesIt() {
        assertThat(QueueSettings.of(QUEUE)
                        .withIdleExit(Optional.of(Duration.ofMinutes(5)))
                        .receiveWait())
                .isEqualTo(QueueSettings.WAIT_TIME);
        assertThat(QueueSettings.of(QUEUE)
                        .withWaitTime(Duration.ofSeconds(5))
                        .withIdleExit(Optional.of(Duration.ofSeconds(8)))
                        .receiveWait())
                .isEqualTo(Duration.ofSeconds(5));
    }
}
