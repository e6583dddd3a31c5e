package io.monitron.indexer.source.sqs;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.monitron.indexer.source.sqs.Notification.Format;
import io.monitron.indexer.source.sqs.Notification.ObjectsNamed;
import io.monitron.indexer.source.sqs.Notification.TestEvent;
import io.monitron.indexer.source.sqs.Notification.Unrecognised;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the message formats of {@link Notification}, as AWS documents them:
 *
 * <ul>
 *   <li>S3 event notifications: {@code {"Records":[{"eventSource":"aws:s3","eventName":"ObjectCreated:Put",
 *       "s3":{"bucket":{"name":...},"object":{"key":...,"size":...,"eTag":...}}}]}}. The key is URL-encoded
 *       ({@code +} is a space); only {@code ObjectCreated:*} records name objects to read.
 *   <li>The same published through SNS: {@code {"Type":"Notification","Message":"<the JSON above, as a string>",
 *       ...}}. SNS raw message delivery sends the inner message alone, which is the first case.
 *   <li>EventBridge: {@code {"source":"aws.s3","detail-type":"Object Created","detail":{"bucket":{"name":...},
 *       "object":{"key":...,"size":...,"etag":...}}}}. The key is taken as it stands (EventBridge's S3 events are
 *       not documented as URL-encoded; trail keys have no characters where it would matter). Other
 *       {@code detail-type}s from S3 name nothing to read.
 *   <li>CloudTrail's SNS notification: {@code {"s3Bucket":...,"s3ObjectKey":["AWSLogs/...json.gz", ...]}} inside the
 *       SNS {@code Message} (or alone, with raw delivery); keys are plain.
 *   <li>S3's test event: {@code {"Service":"Amazon S3","Event":"s3:TestEvent","Bucket":...}}, straight or in SNS.
 * </ul>
 */
final class NotificationParser {
    private static final ObjectMapper JSON = new ObjectMapper();

    private NotificationParser() {}

    static Notification parse(String body) {
        JsonNode root = json(body);
        if (root == null) {
            return new Unrecognised("the message body is not a JSON object");
        }
        if (root.path("Type").isTextual() && root.has("TopicArn")) {
            return snsEnvelope(root);
        }
        return message(root, false);
    }

    private static Notification snsEnvelope(JsonNode envelope) {
        String type = envelope.path("Type").asText();
        if (!type.equals("Notification")) {
            return new Unrecognised("an SNS " + type + " message, not a Notification"
                    + (type.equals("SubscriptionConfirmation")
                            ? " (confirm the subscription, or subscribe the queue with sns subscribe)"
                            : ""));
        }
        JsonNode message = json(envelope.path("Message").asText(""));
        if (message == null) {
            return new Unrecognised("an SNS notification whose Message is not a JSON object");
        }
        return message(message, true);
    }

    private static Notification message(JsonNode root, boolean throughSns) {
        if (root.has("Records")) {
            return s3Records(root.path("Records"), throughSns ? Format.SNS_S3 : Format.S3);
        }
        if (root.has("s3Bucket") || root.has("s3ObjectKey")) {
            return cloudTrail(root);
        }
        if ("aws.s3".equals(root.path("source").asText(null)) && root.has("detail-type")) {
            return eventBridge(root);
        }
        if ("s3:TestEvent".equals(root.path("Event").asText(null))) {
            return new TestEvent(root.path("Bucket").asText(""));
        }
        return new Unrecognised(
                throughSns
                        ? "an SNS notification whose Message is neither an S3 nor a CloudTrail notification"
                        : "neither an S3, SNS, EventBridge nor CloudTrail notification");
    }

    private static Notification s3Records(JsonNode records, Format format) {
        if (!records.isArray()) {
            return new Unrecognised("Records is not an array");
        }
        List<NamedObject> objects = new ArrayList<>();
        int other = 0;
        for (JsonNode record : records) {
            JsonNode bucket = record.path("s3").path("bucket").path("name");
            JsonNode object = record.path("s3").path("object");
            if (!bucket.isTextual() || !object.path("key").isTextual()) {
                return new Unrecognised("a Records entry without s3.bucket.name and s3.object.key");
            }
            if (!"aws:s3".equals(record.path("eventSource").asText())
                    || !record.path("eventName").asText().startsWith("ObjectCreated:")) {
                other++;
                continue;
            }
            String key;
            try {
                key = URLDecoder.decode(object.path("key").asText(), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return new Unrecognised("an object key that is not URL-encoded: "
                        + object.path("key").asText());
            }
            objects.add(new NamedObject(bucket.asText(), key, eTag(object.path("eTag")), size(object.path("size"))));
        }
        return new ObjectsNamed(format, objects, other);
    }

    private static Notification eventBridge(JsonNode event) {
        if (!"Object Created".equals(event.path("detail-type").asText())) {
            return new ObjectsNamed(Format.EVENTBRIDGE, List.of(), 1);
        }
        JsonNode bucket = event.path("detail").path("bucket").path("name");
        JsonNode object = event.path("detail").path("object");
        if (!bucket.isTextual() || !object.path("key").isTextual()) {
            return new Unrecognised(
                    "an EventBridge Object Created event without detail.bucket.name and" + " detail.object.key");
        }
        NamedObject named = new NamedObject(
                bucket.asText(), object.path("key").asText(), eTag(object.path("etag")), size(object.path("size")));
        return new ObjectsNamed(Format.EVENTBRIDGE, List.of(named), 0);
    }

    private static Notification cloudTrail(JsonNode message) {
        JsonNode bucket = message.path("s3Bucket");
        JsonNode keys = message.path("s3ObjectKey");
        if (!bucket.isTextual() || !keys.isArray()) {
            return new Unrecognised("a CloudTrail notification without an s3Bucket string and an s3ObjectKey array");
        }
        List<NamedObject> objects = new ArrayList<>();
        for (JsonNode key : keys) {
            if (!key.isTextual()) {
                return new Unrecognised("a CloudTrail notification with an s3ObjectKey entry that is not a string");
            }
            objects.add(new NamedObject(bucket.asText(), key.asText(), Optional.empty(), -1));
        }
        return new ObjectsNamed(Format.CLOUDTRAIL, objects, 0);
    }

    private static Optional<String> eTag(JsonNode node) {
        return node.isTextual() && !node.asText().isEmpty()
                ? Optional.of(node.asText().replace("\"", ""))
                : Optional.empty();
    }

    private static long size(JsonNode node) {
        return node.canConvertToLong() && node.asLong() >= 0 ? node.asLong() : -1;
    }

    /** The body as a JSON object, or null. */
    private static JsonNode json(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            return node != null && node.isObject() ? node : null;
        } catch (JacksonException e) {
            return null;
        }
    }
}
