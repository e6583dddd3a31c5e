package io.monitron.indexer.source.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import io.monitron.indexer.testing.LocalS3;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * The continuous-mode ITs' trail: gzipped log files of Monitron events put in S3Proxy, and the S3 event notifications
 * that name them sent to an ElasticMQ queue in batches of ten, as S3 delivers them.
 */
final class QueuedTrail {
    private QueuedTrail() {}

    /** A stored object: its key, size and ETag (unquoted), for its notification. */
    record Stored(String key, long size, String eTag) {}

    /**
     * Puts a gzipped trail log file holding one {@code ListProjects} event per id, at {@code eventTime}, and returns
     * it as stored.
     */
    static Stored put(LocalS3 s3, String bucket, String key, List<String> ids, String eventTime) {
        StringBuilder records = new StringBuilder("{\"Records\":[");
        for (int e = 0; e < ids.size(); e++) {
            records.append(e == 0 ? "" : ",")
                    .append("{\"eventVersion\":\"1.08\",\"eventSource\":\"monitron.amazonaws.com\",")
                    .append("\"eventName\":\"ListProjects\",\"eventTime\":\"")
                    .append(eventTime)
                    .append("\",\"awsRegion\":\"eu-west-1\",\"recipientAccountId\":\"111122223333\",\"eventID\":\"")
                    .append(ids.get(e))
                    .append("\"}");
        }
        byte[] object = gzip(records.append("]}").toString());
        String eTag = s3.put(bucket, key, object).replace("\"", "");
        return new Stored(key, object.length, eTag);
    }

    /** One {@code ObjectCreated:Put} notification per object, sent ten to a batch; every entry must be accepted. */
    static void notify(SqsClient sqs, String queue, String bucket, List<Stored> objects) {
        List<SendMessageBatchRequestEntry> batch = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            Stored object = objects.get(i);
            batch.add(SendMessageBatchRequestEntry.builder()
                    .id("m" + i)
                    .messageBody(NotificationTest.s3Notification(
                            bucket, object.key(), "ObjectCreated:Put", object.size(), object.eTag()))
                    .build());
            if (batch.size() == 10 || i == objects.size() - 1) {
                List<SendMessageBatchRequestEntry> entries = List.copyOf(batch);
                assertThat(sqs.sendMessageBatch(r -> r.queueUrl(queue).entries(entries))
                                .failed())
                        .isEmpty();
                batch.clear();
            }
        }
    }

    private static byte[] gzip(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
