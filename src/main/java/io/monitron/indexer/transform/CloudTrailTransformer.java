package io.monitron.indexer.transform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.monitron.indexer.model.Document;
import io.monitron.indexer.model.RecordPosition;
import io.monitron.indexer.transform.geo.GeoIpLookup;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Turns a CloudTrail event into the document described in docs/fields.md. Only a missing or unusable
 * {@code eventTime} or {@code eventSource} makes an event invalid; any other field of the wrong type is left out.
 * Thread-safe: holds no per-event state.
 */
public final class CloudTrailTransformer implements EventTransformer {
    static final String MONITRON_SOURCE = "monitron.amazonaws.com";
    private static final int MAX_REASON_VALUE = 200;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> RESPONSE_MESSAGE_KEYS = List.of("message", "Message", "errorMessage");

    private final boolean includeOriginal;
    private final Clock clock;
    private final UserFields users;
    private final GeoIpLookup geoIp;
    private final UserAgentParser userAgents = new UserAgentParser();

    /**
     * A transformer that looks up nothing beyond the event.
     *
     * @param includeOriginal whether to keep the raw event JSON in {@code event.original}
     * @param clock gives {@code event.ingested}
     */
    public CloudTrailTransformer(boolean includeOriginal, Clock clock) {
        this(includeOriginal, clock, Enrichment.none());
    }

    /**
     * @param includeOriginal whether to keep the raw event JSON in {@code event.original}
     * @param clock gives {@code event.ingested}
     * @param enrichment the lookups that add identities (and more) to the event's own fields
     */
    public CloudTrailTransformer(boolean includeOriginal, Clock clock, Enrichment enrichment) {
        this.includeOriginal = includeOriginal;
        this.clock = Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(enrichment, "enrichment");
        this.users = new UserFields(enrichment.identities());
        this.geoIp = enrichment.geoIp().orElse(null);
    }

    @Override
    public Transformed transform(ObjectNode event, String original, RecordPosition position) {
        JsonNode timeNode = event.get("eventTime");
        if (timeNode == null || timeNode.isNull()) {
            return new Transformed.Invalid("eventTime is missing");
        }
        if (!timeNode.isTextual()) {
            return new Transformed.Invalid("eventTime is not a string: " + shorten(JsonText.of(timeNode)));
        }
        Instant time = EventTime.parse(timeNode.textValue());
        if (time == null) {
            return new Transformed.Invalid("eventTime is not an ISO-8601 or SQL-style (yyyy-MM-dd HH:mm:ss) time"
                    + " between 1970 and 2999: " + shorten(timeNode.textValue()));
        }
        JsonNode sourceNode = event.get("eventSource");
        if (sourceNode == null || sourceNode.isNull()) {
            return new Transformed.Invalid("eventSource is missing");
        }
        if (!sourceNode.isTextual() || sourceNode.textValue().isBlank()) {
            return new Transformed.Invalid(
                    "eventSource is not a non-empty string: " + shorten(JsonText.of(sourceNode)));
        }
        String eventSource = sourceNode.textValue();
        String id = DocumentId.of(event);
        ObjectNode doc = build(event, original, position, time, eventSource, id);
        return new Transformed.Built(new Document(id, time, doc, position));
    }

    private ObjectNode build(
            ObjectNode event, String original, RecordPosition position, Instant time, String eventSource, String id) {
        ObjectNode doc = NODES.objectNode();
        doc.put("@timestamp", time.toString());

        String eventName = Lenient.text(event, "eventName");
        boolean monitron = eventSource.equalsIgnoreCase(MONITRON_SOURCE);
        String action = eventName == null ? null : monitron ? MonitronAction.withoutPrefix(eventName) : eventName;
        MonitronAction monitronAction = monitron && eventName != null ? MonitronAction.classify(eventName) : null;

        String errorCode = Lenient.text(event, "errorCode");
        String errorMessage = Lenient.text(event, "errorMessage");
        boolean failed = errorCode != null || errorMessage != null;

        // event.*
        ObjectNode ev = doc.putObject("event");
        ev.put("id", id);
        JsonNodes.putText(ev, "action", action);
        ev.put("provider", eventSource);
        ev.put("kind", "event");
        Categorization categorization = monitronAction != null
                ? monitronAction.categorization()
                : Categorization.forOtherService(eventSource, action);
        if (!categorization.categories().isEmpty()) {
            strings(ev.putArray("category"), categorization.categories());
        }
        strings(ev.putArray("type"), categorization.types());
        ev.put("outcome", failed ? "failure" : "success");
        ev.put("dataset", "monitron.cloudtrail");
        ev.put("module", "aws");
        ev.put("ingested", clock.instant().truncatedTo(ChronoUnit.MILLIS).toString());
        if (includeOriginal) {
            ev.put("original", original != null ? original : JsonText.of(event));
        }

        // cloud.*
        ObjectNode identity = Lenient.object(event, "userIdentity");
        String recipientAccount = Lenient.text(event, "recipientAccountId");
        String account = recipientAccount != null ? recipientAccount : Lenient.text(identity, "accountId");
        ObjectNode cloud = doc.putObject("cloud");
        cloud.put("provider", "aws");
        JsonNodes.putText(cloud, "region", Lenient.text(event, "awsRegion"));
        if (account != null) {
            cloud.putObject("account").put("id", account);
        }
        cloud.putObject("service").put("name", serviceName(eventSource));

        // aws.cloudtrail.* (user identity first: user.* needs it)
        ObjectNode cloudtrail = doc.putObject("aws").putObject("cloudtrail");
        ObjectNode identityOut = cloudtrail.putObject("user_identity");
        UserIdentityFields.Caller caller = UserIdentityFields.write(identity, identityOut);
        JsonNodes.removeIfEmpty(cloudtrail, "user_identity");
        writeCloudTrail(event, cloudtrail);
        if ("ConsoleLogin".equals(eventName)) {
            ConsoleLogin.write(event, cloudtrail);
        }

        // Monitron entities come before user.*: the target user is user.target and a related user
        EntityExtractor.Entities entities =
                monitronAction != null ? EntityExtractor.extract(event, monitronAction) : null;

        // user.*, group.*, source.*, related.*
        UserFields.Who who = users.decide(caller, event, eventSource, eventName, entities);
        UserFields.write(doc, who);
        String sourceAddress = Lenient.text(event, "sourceIPAddress");
        SourceAddress sourceParts = SourceAddress.of(sourceAddress);
        if (sourceAddress != null) {
            ObjectNode source = doc.putObject("source");
            source.put("address", sourceAddress);
            JsonNodes.putText(source, "ip", sourceParts.ip());
            JsonNodes.putText(source, "domain", sourceParts.domain());
            if (geoIp != null && sourceParts.ip() != null) {
                SourceGeoFields.write(source, geoIp.lookup(sourceParts.ip()));
            }
        }
        if (!who.related().isEmpty() || sourceParts.ip() != null) {
            ObjectNode related = doc.putObject("related");
            UserFields.writeRelated(related, who.related());
            if (sourceParts.ip() != null) {
                related.putArray("ip").add(sourceParts.ip());
            }
        }

        // tls.*
        TlsFields.write(Lenient.object(event, "tlsDetails"), doc);

        // user_agent.*, client
        String userAgent = Lenient.text(event, "userAgent");
        ClientClassifier.Client client = ClientClassifier.classify(
                userAgent,
                Lenient.text(identity, "type"),
                Lenient.text(identity, "invokedBy"),
                Lenient.bool(event, "sessionCredentialFromConsole"));
        if (userAgent != null) {
            ObjectNode ua = doc.putObject("user_agent");
            ua.put("original", userAgent);
            // the Monitron app and AWS CLI/SDK agents keep the classifier's reading; the rules know browsers and tools
            boolean ownReading = client.type().equals(ClientClassifier.MOBILE_APP)
                    || client.type().equals(ClientClassifier.CLI_SDK);
            UserAgentParser.Parsed parsed = ownReading
                    ? new UserAgentParser.Parsed(
                            client.name(), client.version(), client.osName(), client.osVersion(), null)
                    : userAgents.parse(userAgent);
            JsonNodes.putText(ua, "name", parsed.name());
            JsonNodes.putText(ua, "version", parsed.version());
            if (parsed.osName() != null) {
                ObjectNode os = ua.putObject("os");
                os.put("name", parsed.osName());
                JsonNodes.putText(os, "version", parsed.osVersion());
            }
            if (parsed.deviceName() != null) {
                ua.putObject("device").put("name", parsed.deviceName());
            }
        }

        // error.*
        if (failed) {
            String message = errorMessage != null ? errorMessage : responseMessage(event);
            if (errorCode != null || message != null) {
                ObjectNode error = doc.putObject("error");
                JsonNodes.putText(error, "code", errorCode);
                JsonNodes.putText(error, "message", message);
            }
        }

        // log.*
        if (position != null) {
            ObjectNode file = doc.putObject("log").putObject("file");
            JsonNodes.putText(file, "path", position.source());
            file.put("record", position.record());
            if (position.redrivenFrom() != null) {
                // not under log.file: that is ECS's, and stays the input the event was first read from
                cloudtrail.put("redriven_from", position.redrivenFrom().source());
            }
        }

        // monitron.*
        if (monitronAction != null) {
            writeMonitron(doc.putObject("monitron"), monitronAction, entities, client);
        }
        return doc;
    }

    private static void writeCloudTrail(ObjectNode event, ObjectNode cloudtrail) {
        JsonNodes.putText(cloudtrail, "event_version", Lenient.text(event, "eventVersion"));
        JsonNodes.putText(cloudtrail, "event_type", Lenient.text(event, "eventType"));
        JsonNodes.putText(cloudtrail, "event_category", Lenient.text(event, "eventCategory"));
        JsonNodes.putText(cloudtrail, "event_name", Lenient.text(event, "eventName"));
        JsonNodes.putText(cloudtrail, "request_id", Lenient.text(event, "requestID"));
        JsonNodes.putText(cloudtrail, "shared_event_id", Lenient.text(event, "sharedEventID"));
        JsonNodes.putText(cloudtrail, "recipient_account_id", Lenient.text(event, "recipientAccountId"));
        JsonNodes.putText(cloudtrail, "vpc_endpoint_id", Lenient.text(event, "vpcEndpointId"));
        JsonNodes.putText(cloudtrail, "vpc_endpoint_account_id", Lenient.text(event, "vpcEndpointAccountId"));
        putBoolean(cloudtrail, "read_only", Lenient.bool(event, "readOnly"));
        putBoolean(cloudtrail, "management_event", Lenient.bool(event, "managementEvent"));
        putBoolean(cloudtrail, "session_credential_from_console", Lenient.bool(event, "sessionCredentialFromConsole"));

        ObjectNode tls = Lenient.object(event, "tlsDetails");
        if (tls != null) {
            ObjectNode tlsOut = cloudtrail.putObject("tls_details");
            JsonNodes.putText(tlsOut, "tls_version", Lenient.text(tls, "tlsVersion"));
            JsonNodes.putText(tlsOut, "cipher_suite", Lenient.text(tls, "cipherSuite"));
            JsonNodes.putText(tlsOut, "client_provided_host_header", Lenient.text(tls, "clientProvidedHostHeader"));
            JsonNodes.removeIfEmpty(cloudtrail, "tls_details");
        }

        JsonNode resources = event.get("resources");
        if (resources != null && resources.isArray() && !resources.isEmpty()) {
            ObjectNode resourcesOut = cloudtrail.putObject("resources");
            ArrayNode arns = NODES.arrayNode();
            ArrayNode types = NODES.arrayNode();
            ArrayNode accounts = NODES.arrayNode();
            for (JsonNode resource : resources) {
                addIfPresent(arns, Lenient.text(resource, "ARN"));
                addIfPresent(types, Lenient.text(resource, "type"));
                addIfPresent(accounts, Lenient.text(resource, "accountId"));
            }
            setIfNotEmpty(resourcesOut, "arn", arns);
            setIfNotEmpty(resourcesOut, "type", types);
            setIfNotEmpty(resourcesOut, "account_id", accounts);
            JsonNodes.removeIfEmpty(cloudtrail, "resources");
        }

        ObjectNode flattened = cloudtrail.putObject("flattened");
        copyPayload(event, "requestParameters", "request_parameters", cloudtrail, flattened);
        copyPayload(event, "responseElements", "response_elements", cloudtrail, flattened);
        copyPayload(event, "additionalEventData", "additional_event_data", cloudtrail, flattened);
        copyPayload(event, "serviceEventDetails", "service_event_details", cloudtrail, flattened);
        if (flattened.isEmpty()) {
            cloudtrail.remove("flattened");
        } else {
            // keep the display text fields before the searchable copies, for people reading _source
            cloudtrail.set("flattened", cloudtrail.remove("flattened"));
        }
    }

    /** The JSON text for display, and a flattened copy that Elasticsearch cannot refuse (see {@link SafeFlattened}). */
    private static void copyPayload(
            ObjectNode event, String field, String target, ObjectNode cloudtrail, ObjectNode flattened) {
        JsonNode value = event.get(field);
        String text = JsonText.display(value);
        if (text == null) {
            return;
        }
        cloudtrail.put(target, text);
        ObjectNode copy = SafeFlattened.copyOf(value);
        if (copy != null) {
            flattened.set(target, copy);
        }
    }

    private static void writeMonitron(
            ObjectNode monitron,
            MonitronAction action,
            EntityExtractor.Entities entities,
            ClientClassifier.Client client) {
        monitron.put("api", action.api());
        if (action.resourceType() != null) {
            monitron.putObject("resource").put("type", action.resourceType());
        }
        JsonNodes.putText(monitron, "operation", action.operation());
        monitron.putObject("client").put("type", client.type());
        for (MonitronEntity entity : MonitronEntity.values()) {
            String value = entities.get(entity);
            if (value == null) {
                continue;
            }
            ObjectNode parent = entity.group == null ? monitron : JsonNodes.child(monitron, entity.group);
            parent.put(entity.leaf, value);
        }
        if (!entities.tagKeys().isEmpty()) {
            strings(JsonNodes.child(monitron, "tag").putArray("keys"), entities.tagKeys());
        }
    }

    /** A failed call may explain itself only in its response. */
    private static String responseMessage(ObjectNode event) {
        ObjectNode response = Lenient.object(event, "responseElements");
        if (response == null) {
            return null;
        }
        for (String key : RESPONSE_MESSAGE_KEYS) {
            String message = Lenient.text(response, key);
            if (message != null) {
                return message;
            }
        }
        return null;
    }

    /** {@code monitron.amazonaws.com} → {@code monitron}. */
    static String serviceName(String eventSource) {
        String lower = eventSource.toLowerCase(Locale.ROOT);
        return lower.endsWith(".amazonaws.com")
                ? lower.substring(0, lower.length() - ".amazonaws.com".length())
                : lower;
    }

    private static String shorten(String value) {
        return value.length() <= MAX_REASON_VALUE ? value : value.substring(0, MAX_REASON_VALUE) + "...";
    }

    private static void strings(ArrayNode array, Iterable<String> values) {
        for (String value : values) {
            array.add(value);
        }
    }

    private static void addIfPresent(ArrayNode values, String value) {
        if (value != null) {
            values.add(value);
        }
    }

    private static void setIfNotEmpty(ObjectNode target, String field, ArrayNode values) {
        if (!values.isEmpty()) {
            target.set(field, values);
        }
    }

    private static void putBoolean(ObjectNode target, String field, Boolean value) {
        if (value != null) {
            target.put(field, value);
        }
    }
}
