package io.monitron.indexer.source.lookup;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.monitron.indexer.model.Input;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import software.amazon.awssdk.services.cloudtrail.model.Event;
import software.amazon.awssdk.services.cloudtrail.model.Resource;

/**
 * One page of LookupEvents results. {@link #open()} gives it in the API's own response shape,
 * {@code {"Events":[{"EventId":...,"CloudTrailEvent":"<the event as a JSON string>"}, ...]}}, which the event reader
 * unwraps. The page's events are held in memory (at most 50).
 */
public final class LookupPage implements Input {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String location;
    private final List<Event> events;

    LookupPage(String location, List<Event> events) {
        this.location = location;
        this.events = List.copyOf(events);
    }

    /** {@code lookup-events:REGION:START..END#pageN}. */
    @Override
    public String location() {
        return location;
    }

    /** The number of events and the first and last event ids: a page of the same window with other events differs. */
    @Override
    public String version() {
        if (events.isEmpty()) {
            return "0";
        }
        return events.size() + ":" + events.get(0).eventId() + ".."
                + events.get(events.size() - 1).eventId();
    }

    @Override
    public long size() {
        return -1;
    }

    public List<Event> events() {
        return events;
    }

    @Override
    public InputStream open() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator json = JSON.getFactory().createGenerator(bytes)) {
            json.writeStartObject();
            json.writeArrayFieldStart("Events");
            for (Event event : events) {
                json.writeStartObject();
                field(json, "EventId", event.eventId());
                field(json, "EventName", event.eventName());
                field(json, "ReadOnly", event.readOnly());
                field(json, "AccessKeyId", event.accessKeyId());
                field(
                        json,
                        "EventTime",
                        event.eventTime() == null ? null : event.eventTime().toString());
                field(json, "EventSource", event.eventSource());
                field(json, "Username", event.username());
                if (event.hasResources()) {
                    json.writeArrayFieldStart("Resources");
                    for (Resource resource : event.resources()) {
                        json.writeStartObject();
                        field(json, "ResourceType", resource.resourceType());
                        field(json, "ResourceName", resource.resourceName());
                        json.writeEndObject();
                    }
                    json.writeEndArray();
                }
                field(json, "CloudTrailEvent", event.cloudTrailEvent());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        return new ByteArrayInputStream(bytes.toByteArray());
    }

    private static void field(JsonGenerator json, String name, String value) throws IOException {
        if (value != null) {
            json.writeStringField(name, value);
        }
    }

    @Override
    public String toString() {
        return location;
    }
}
