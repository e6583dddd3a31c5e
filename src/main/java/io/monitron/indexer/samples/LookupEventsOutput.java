package io.monitron.indexer.samples;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Writes every event into one file shaped like {@code aws cloudtrail lookup-events} output:
 * {@code {"Events":[{"EventId", "EventName", "ReadOnly", "AccessKeyId", "EventTime", "EventSource", "Username",
 * "Resources", "CloudTrailEvent"}]}}, where {@code CloudTrailEvent} is the event as a JSON string. Events are in
 * time order (the real API pages newest first); readers must not depend on either.
 */
final class LookupEventsOutput implements EventOutput {
    static final String FILE_NAME = "lookup-events";

    private final ObjectMapper mapper;
    private final HashedFile file;
    private final JsonGenerator out;

    LookupEventsOutput(Path directory, boolean gzip, ObjectMapper mapper) throws IOException {
        this.mapper = mapper;
        this.file = new HashedFile(directory.resolve(FILE_NAME + (gzip ? ".json.gz" : ".json")), gzip);
        this.out = mapper.getFactory().createGenerator(file.stream()).useDefaultPrettyPrinter();
        out.writeStartObject();
        out.writeArrayFieldStart("Events");
    }

    @Override
    public void beginFile(String accountId, String region, Instant delivered) {}

    @Override
    public void write(ObjectNode event, ApiCall call) throws IOException {
        out.writeStartObject();
        out.writeStringField("EventId", event.get("eventID").asText());
        out.writeStringField("EventName", event.get("eventName").asText());
        out.writeStringField("ReadOnly", event.get("readOnly").asText());
        String accessKey = call.caller()
                .principal()
                .accessKeyId(Instant.parse(event.get("eventTime").asText()));
        if (accessKey != null) {
            out.writeStringField("AccessKeyId", accessKey);
        }
        out.writeStringField("EventTime", event.get("eventTime").asText().replace("Z", "+00:00"));
        out.writeStringField("EventSource", event.get("eventSource").asText());
        out.writeStringField("Username", call.caller().principal().userName());
        out.writeArrayFieldStart("Resources");
        if (call.resources() != null) {
            for (JsonNode resource : call.resources()) {
                out.writeStartObject();
                out.writeStringField("ResourceType", resource.path("type").asText());
                out.writeStringField("ResourceName", resource.path("ARN").asText());
                out.writeEndObject();
            }
        }
        out.writeEndArray();
        out.writeStringField("CloudTrailEvent", mapper.writeValueAsString(event));
        out.writeEndObject();
    }

    @Override
    public void endFile() {}

    @Override
    public long files() {
        return 1;
    }

    @Override
    public long bytes() {
        return file.bytesOnDisk();
    }

    @Override
    public void close() throws IOException {
        out.writeEndArray();
        out.writeEndObject();
        out.writeRaw('\n');
        out.close();
        file.close();
    }
}
