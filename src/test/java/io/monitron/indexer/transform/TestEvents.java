package io.monitron.indexer.transform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.monitron.indexer.model.Document;
import io.monitron.indexer.model.RecordPosition;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** Example events from src/test/resources/events and a transformer with a fixed clock. */
final class TestEvents {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Instant NOW = Instant.parse("2024-06-01T12:00:00.123Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final RecordPosition POSITION = new RecordPosition("trail/file.json.gz", 7);

    private TestEvents() {}

    static ObjectNode load(String name) {
        try (InputStream in = TestEvents.class.getResourceAsStream("/events/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test event " + name);
            }
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode parse(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A minimal valid Monitron event to change field by field. */
    static ObjectNode minimal(String eventName) {
        ObjectNode event = JSON.createObjectNode();
        event.put("eventVersion", "1.09");
        event.put("eventTime", "2024-05-14T09:21:07Z");
        event.put("eventSource", "monitron.amazonaws.com");
        event.put("eventName", eventName);
        event.put("awsRegion", "us-east-1");
        event.put("eventID", "11111111-2222-3333-4444-555555555555");
        event.put("recipientAccountId", "123456789012");
        return event;
    }

    static Document build(ObjectNode event) {
        Transformed result = new CloudTrailTransformer(false, CLOCK).transform(event, null, POSITION);
        if (result instanceof Transformed.Built built) {
            return built.document();
        }
        throw new AssertionError("expected a document, got " + result);
    }

    static JsonNode source(ObjectNode event) {
        return build(event).source();
    }

    /** The value at a dotted path of a nested document, or a missing node. */
    static JsonNode at(JsonNode doc, String dottedPath) {
        JsonNode node = doc;
        for (String part : dottedPath.split("\\.")) {
            node = node.path(part);
        }
        return node;
    }
}
