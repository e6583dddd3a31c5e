package io.monitron.indexer.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * One S3 event notification per object, in the form S3 sends straight to an SQS queue ({@code s3:ObjectCreated:Put},
 * the key URL-encoded, size and bare ETag), cut into SendMessageBatch requests of at most ten entries.
 */
final class S3Notifications {
    /** SQS's most entries per SendMessageBatch. */
    static final int BATCH = 10;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private S3Notifications() {}

    /**
     * An object in the bucket as its notification names it.
     *
     * @param eTag as S3 sends it in notifications: without the quotes it lists it with
     */
    record StoredObject(String key, long size, String eTag) {}

    static List<List<SendMessageBatchRequestEntry>> batches(String bucket, List<StoredObject> objects, Instant time) {
        List<List<SendMessageBatchRequestEntry>> batches = new ArrayList<>();
        List<SendMessageBatchRequestEntry> batch = new ArrayList<>();
        for (StoredObject object : objects) {
            batch.add(SendMessageBatchRequestEntry.builder()
                    .id(Integer.toString(batch.size()))
                    .messageBody(body(bucket, object, time))
                    .build());
            if (batch.size() == BATCH) {
                batches.add(List.copyOf(batch));
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            batches.add(List.copyOf(batch));
        }
        return batches;
    }

    static String body(String bucket, StoredObject object, Instant time) {
        ObjectNode record = MAPPER.createObjectNode()
                .put("eventVersion", "2.1")
                .put("eventSource", "aws:s3")
                .put("awsRegion", "eu-west-1")
                .put("eventTime", time.toString())
                .put("eventName", "ObjectCreated:Put");
        record.putObject("userIdentity").put("principalId", "AWS:AROABENCHMARK:regionalDeliverySession");
        ObjectNode s3 = record.putObject("s3").put("s3SchemaVersion", "1.0").put("configurationId", "benchmark");
        s3.putObject("bucket").put("name", bucket).put("arn", "arn:aws:s3:::" + bucket);
        s3.putObject("object")
                .put("key", encodeKey(object.key()))
                .put("size", object.size())
                .put("eTag", object.eTag());
        ObjectNode body = MAPPER.createObjectNode();
        body.putArray("Records").add(record);
        return body.toString();
    }

    /** As S3 writes keys in notifications: form-encoded (a space as {@code +}), the slashes left as they are. */
    static String encodeKey(String key) {
        return URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/");
    }
}
