package io.monitron.indexer.source.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.monitron.indexer.port.PassOver;
import org.junit.jupiter.api.Test;

/** The Prometheus names of the queue's meters, as the README's Continuous mode section lists them. */
class QueueMetersTest {
    @Test
    void metersCarryTheNamesTheReadmeDocumentsTaggedWithTheQueueName() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        QueueMeters meters = new QueueMeters(
                registry, "https://sqs.eu-west-1.amazonaws.com/111122223333/trail-notifications", () -> 3);
        meters.received.increment();
        meters.passedOver(PassOver.DIGEST);
        meters.visibleMessages.set(12);

        String scrape = registry.scrape();

        assertThat(scrape)
                .contains("indexer_sqs_messages_received_total{queue=\"trail-notifications\"} 1.0")
                .contains("indexer_sqs_messages_deleted_total{queue=\"trail-notifications\"}")
                .contains("indexer_sqs_messages_released_total{queue=\"trail-notifications\"}")
                .contains("indexer_sqs_messages_failed_total{queue=\"trail-notifications\",reason=\"unrecognised\"}")
                .contains("indexer_sqs_messages_failed_total{queue=\"trail-notifications\",reason=\"not_completed\"}")
                .contains("indexer_sqs_messages_failed_total{queue=\"trail-notifications\",reason=\"receive_limit\"}")
                .contains("indexer_sqs_messages_failed_total{queue=\"trail-notifications\",reason=\"delete_failed\"}")
                .contains("indexer_sqs_objects_total{outcome=\"digest\",queue=\"trail-notifications\"} 1.0")
                .contains("indexer_sqs_objects_total{outcome=\"read\",queue=\"trail-notifications\"}")
                .contains("indexer_sqs_visibility_extensions_total{queue=\"trail-notifications\"}")
                .contains("indexer_sqs_messages_held{queue=\"trail-notifications\"} 3.0")
                .contains("indexer_sqs_message_lag_seconds_max{queue=\"trail-notifications\"}")
                .contains("indexer_sqs_queue_messages_visible{queue=\"trail-notifications\"} 12.0")
                .contains("indexer_sqs_queue_messages_in_flight{queue=\"trail-notifications\"} NaN");
    }
}
