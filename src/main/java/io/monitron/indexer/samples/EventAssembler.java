package io.monitron.indexer.samples;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.function.UnaryOperator;

/** Turns a call into a CloudTrail event, with the fields in the order CloudTrail writes them. */
final class EventAssembler {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final SeededRandom random;
    private final EventIds ids;
    private final UnaryOperator<String> addresses;

    /**
     * @param addresses turns a caller's (documentation) address into the event's {@code sourceIPAddress}
     */
    EventAssembler(SeededRandom random, EventIds ids, UnaryOperator<String> addresses) {
        this.random = random;
        this.ids = ids;
        this.addresses = addresses;
    }

    ObjectNode assemble(ApiCall call, Instant time, String region, String recipientAccountId) {
        Caller caller = call.caller();
        ObjectNode event = JSON.objectNode();
        event.put("eventVersion", eventVersion(call.eventSource()));
        event.set("userIdentity", caller.principal().userIdentity(time));
        event.put("eventTime", time.toString());
        event.put("eventSource", call.eventSource());
        event.put("eventName", call.eventName());
        event.put("awsRegion", region);
        event.put("sourceIPAddress", addresses.apply(caller.sourceAddress()));
        event.put("userAgent", caller.client().userAgent());
        if (call.failure() != null) {
            event.put("errorCode", call.failure().code());
            event.put("errorMessage", call.failure().message());
        }
        event.set("requestParameters", call.requestParameters() == null ? JSON.nullNode() : call.requestParameters());
        event.set("responseElements", call.responseElements() == null ? JSON.nullNode() : call.responseElements());
        if (call.additionalEventData() != null) {
            event.set("additionalEventData", call.additionalEventData());
        }
        if (!"AwsConsoleSignIn".equals(call.eventType())) {
            event.put("requestID", requestId(call.eventSource()));
        }
        // the random stream still advances as it did when ids were drawn from it, so the rest of a corpus stays the
        // same for its seed; the id itself comes from the settings and the sequence (unique across corpora)
        random.uuid();
        event.put("eventID", ids.next());
        event.put("readOnly", call.readOnly());
        if (call.resources() != null) {
            event.set("resources", call.resources());
        }
        event.put("eventType", call.eventType());
        event.put("managementEvent", true);
        event.put("recipientAccountId", recipientAccountId);
        event.put("eventCategory", "Management");
        if (caller.overTls()) {
            boolean tls13 = random.chance(0.85);
            event.putObject("tlsDetails")
                    .put("tlsVersion", tls13 ? "TLSv1.3" : "TLSv1.2")
                    .put("cipherSuite", tls13 ? "TLS_AES_128_GCM_SHA256" : "ECDHE-RSA-AES128-GCM-SHA256")
                    .put("clientProvidedHostHeader", host(call, region));
        }
        if (caller.fromConsole()) {
            event.put("sessionCredentialFromConsole", "true");
        }
        return event;
    }

    private static String eventVersion(String eventSource) {
        return switch (eventSource) {
            case "s3.amazonaws.com", "ec2.amazonaws.com" -> "1.10";
            case "monitron.amazonaws.com", "signin.amazonaws.com", "sts.amazonaws.com" -> "1.09";
            default -> "1.08";
        };
    }

    private String requestId(String eventSource) {
        return eventSource.equals("s3.amazonaws.com") ? random.hex(16).toUpperCase() : random.uuid();
    }

    private static String host(ApiCall call, String region) {
        if (call.requestParameters() != null && call.requestParameters().has("Host")) {
            return call.requestParameters().get("Host").asText();
        }
        String service = call.eventSource().replace(".amazonaws.com", "");
        return switch (service) {
            case "iam" -> "iam.amazonaws.com";
            case "signin" -> "signin.aws.amazon.com";
            default -> service + "." + region + ".amazonaws.com";
        };
    }
}
