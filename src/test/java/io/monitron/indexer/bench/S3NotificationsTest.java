package io.monitron.indexer.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.monitron.indexer.bench.S3Notifications.StoredObject;
import io.monitron.indexer.source.sqs.NamedObject;
import io.monitron.indexer.source.sqs.Notification;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

class S3NotificationsTest {
    private static final Instant TIME = Instant.parse("2026-12-04T10:00:00Z");
    private static final String KEY =
            "AWSLogs/111122223333/CloudTrail/eu-west-1/2026/10/01/111122223333_CloudTrail_eu-west-1_20261001T0005Z_a.json.gz";

    private static List<StoredObject> objects(int count) {
        List<StoredObject> objects = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            objects.add(new StoredObject(KEY.replace("_a.", "_" + i + "."), 1000 + i, "etag" + i));
        }
        return objects;
    }

    @Test
    void cutsOneNotificationPerObjectIntoBatchesOfTenWithIdsUniqueInEachBatch() {
        List<List<SendMessageBatchRequestEntry>> batches = S3Notifications.batches("trail", objects(23), TIME);

        assertThat(batches).extracting(List::size).containsExactly(10, 10, 3);
        for (List<SendMessageBatchRequestEntry> batch : batches) {
            Set<String> ids =
                    batch.stream().map(SendMessageBatchRequestEntry::id).collect(Collectors.toSet());
            assertThat(ids).hasSize(batch.size());
        }
        assertThat(S3Notifications.batches("trail", List.of(), TIME)).isEmpty();
    }

    @Test
    void theIndexerReadsEachNotificationAsTheObjectItNames() {
        List<StoredObject> objects = objects(12);
        List<NamedObject> named = new ArrayList<>();
        for (List<SendMessageBatchRequestEntry> batch : S3Notifications.batches("trail", objects, TIME)) {
            for (SendMessageBatchRequestEntry entry : batch) {
                Notification notification = Notification.parse(entry.messageBody());
                assertThat(notification).isInstanceOf(Notification.ObjectsNamed.class);
                named.addAll(((Notification.ObjectsNamed) notification).objects());
            }
        }

        assertThat(named)
                .containsExactlyElementsOf(objects.stream()
                        .map(o -> new NamedObject("trail", o.key(), Optional.of(o.eTag()), o.size()))
                        .toList());
    }

    @Test
    void keysAreUrlEncodedAsS3WritesThemAndDecodeBack() {
        StoredObject odd = new StoredObject("audit logs/AWSLogs/a=b/x+y.json.gz", 5, "e");

        String body = S3Notifications.body("trail", odd, TIME);

        assertThat(body).contains("\"key\":\"audit+logs/AWSLogs/a%3Db/x%2By.json.gz\"");
        assertThat(((Notification.ObjectsNamed) Notification.parse(body)).objects())
                .extracting(NamedObject::key)
                .containsExactly(odd.key());
    }
}
