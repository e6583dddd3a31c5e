package io.monitron.indexer.samples;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;

/**
 * Writes every event as one line of newline-delimited EventBridge envelopes, as a rule with a Firehose or log
 * target delivers them: {@code {"version":"0","id","detail-type":"AWS API Call via CloudTrail","source":"aws.monitron",
 * "account","time","region","resources":[],"detail":{event}}}.
 */
final class EventBridgeOutput implements EventOutput {
    static final String FILE_NAME = "eventbridge";

    private final ObjectMapper mapper;
    private final HashedFile file;
    private final JsonGenerator out;

    EventBridgeOutput(Path directory, boolean gzip, ObjectMapper mapper) throws IOException {
        this.mapper = mapper;
        this.file = new HashedFile(directory.resolve(FILE_NAME + (gzip ? ".ndjson.gz" : ".ndjson")), gzip);
        this.out = mapper.getFactory().createGenerator(file.stream());
        // one envelope a line: the newline is written explicitly, so no separator between root values
        out.setRootValueSeparator(null);
    }

    @Override
    public void beginFile(String accountId, String region, Instant delivered) {}

    @Override
    public void write(ObjectNode event, ApiCall call) throws IOException {
        String eventId = event.get("eventID").asText();
        out.writeStartObject();
        out.writeStringField("version", "0");
        // derived from the event id, so the envelope adds no randomness of its own
        out.writeStringField(
                "id",
                UUID.nameUUIDFromBytes(eventId.getBytes(StandardCharsets.UTF_8)).toString());
        out.writeStringField(
                "detail-type",
                "AwsConsoleSignIn".equals(call.eventType())
                        ? "AWS Console Sign In via CloudTrail"
                        : "AWS API Call via CloudTrail");
        out.writeStringField("source", "aws." + call.eventSource().replace(".amazonaws.com", ""));
        out.writeStringField("account", event.get("recipientAccountId").asText());
        out.writeStringField("time", event.get("eventTime").asText());
        out.writeStringField("region", event.get("awsRegion").asText());
        out.writeArrayFieldStart("resources");
        out.writeEndArray();
        out.writeFieldName("detail");
        mapper.writeTree(out, event);
        out.writeEndObject();
        out.writeRaw('\n');
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
        out.close();
        file.close();
    }
}
