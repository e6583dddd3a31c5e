package io.monitron.indexer.kibana;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * A Monitron CloudTrail event as the test oracle sees it: the raw JSON CloudTrail wrote, with the audit facts read
 * straight from CloudTrail's own field names. It deliberately shares no code with the indexer's parse and transform
 * stages, so a query that selects the wrong field, or a transform that fills a field wrongly, disagrees with it.
 *
 * <p>Only what the sample trail contains is interpreted; an identity type the oracle does not know fails loudly
 * rather than being guessed.
 */
record RawEvent(JsonNode json) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MONITRON = "monitron.amazonaws.com";
    private static final String APP_PREFIX = "AmazonMonitronApp:";

    /**
     * Every Monitron event in a CloudTrail folder ({@code AWSLogs/.../CloudTrail/...}, gzipped or plain {@code
     * {"Records":[...]}} files; digests are skipped), once per eventID, in file order.
     */
    static List<RawEvent> readMonitronEvents(Path trailRoot) {
        Map<String, RawEvent> byId = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(trailRoot)) {
            for (Path file : files.filter(RawEvent::isLogFile).sorted().toList()) {
                for (JsonNode record : read(file).path("Records")) {
                    if (MONITRON.equals(record.path("eventSource").asText())) {
                        byId.putIfAbsent(record.path("eventID").asText(), new RawEvent(record));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the trail under " + trailRoot, e);
        }
        return List.copyOf(byId.values());
    }

    private static boolean isLogFile(Path file) {
        String path = file.toString().replace('\\', '/');
        String name = file.getFileName().toString();
        return Files.isRegularFile(file)
                && path.contains("/CloudTrail/")
                && (name.endsWith(".json.gz") || name.endsWith(".json"));
    }

    private static JsonNode read(Path file) throws IOException {
        try (InputStream raw = Files.newInputStream(file);
                InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw) {
            return JSON.readTree(in);
        }
    }

    String id() {
        return json.path("eventID").asText();
    }

    Instant time() {
        return Instant.parse(json.path("eventTime").asText());
    }

    /** The API action: the event name without the app API's prefix. */
    String action() {
        String name = json.path("eventName").asText();
        return name.startsWith(APP_PREFIX) ? name.substring(APP_PREFIX.length()) : name;
    }

    /** The leading capitalised word of the action: Create, Delete, List ... */
    String verb() {
        String action = action();
        int end = 1;
        while (end < action.length() && !Character.isUpperCase(action.charAt(end))) {
            end++;
        }
        return action.substring(0, end);
    }

    /** What the action acts on: the action without its verb (Project, AssetStateTransition, ...). */
    String noun() {
        return action().substring(verb().length());
    }

    /** CloudTrail records an error code or message exactly when the call failed. */
    boolean failed() {
        return present(json.path("errorCode")) || present(json.path("errorMessage"));
    }

    Optional<String> errorCode() {
        return text(json.path("errorCode"));
    }

    Optional<String> errorMessage() {
        return text(json.path("errorMessage"));
    }

    String identityType() {
        return identity().path("type").asText();
    }

    /** CloudTrail writes the MFA flag of a session as the string "true" or "false"; no session means no MFA. */
    boolean mfaUsed() {
        return identity()
                .path("sessionContext")
                .path("attributes")
                .path("mfaAuthenticated")
                .asText()
                .equalsIgnoreCase("true");
    }

    /** Who made the call, as an auditor would name them. */
    Optional<String> actingUser() {
        JsonNode identity = identity();
        return switch (identityType()) {
            case "Root" -> Optional.of("root");
            case "IAMUser" -> text(identity.path("userName"));
            case "AWSService" -> text(identity.path("invokedBy"));
            case "IdentityCenterUser" ->
                text(json.path("additionalEventData").path("UserName"))
                        .or(() -> text(identity.path("userName")))
                        .or(() -> text(identity.path("onBehalfOf").path("userId")));
            case "AssumedRole" -> {
                // arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION: the session names who assumed the role
                String arn = identity.path("arn").asText();
                int at = arn.indexOf(":assumed-role/");
                String roleSession = at >= 0 ? arn.substring(at + ":assumed-role/".length()) : "";
                int slash = roleSession.indexOf('/');
                yield slash > 0 ? Optional.of(roleSession.substring(slash + 1)) : Optional.empty();
            }
            default ->
                throw new IllegalStateException("the oracle does not know identity type " + identityType() + " (event "
                        + id() + "); teach RawEvent.actingUser who acts for it");
        };
    }

    /** The account the event belongs to: the trail's recipient, else the caller's. */
    Optional<String> account() {
        return text(json.path("recipientAccountId")).or(() -> text(identity().path("accountId")));
    }

    String region() {
        return json.path("awsRegion").asText();
    }

    String sourceAddress() {
        return json.path("sourceIPAddress").asText();
    }

    String userAgent() {
        return json.path("userAgent").asText();
    }

    /**
     * The project acted on: {@code projectName} of the app API, {@code ProjectName} or {@code Name} of the project
     * API, or the name in a project ARN the tag API takes.
     */
    Optional<String> project() {
        Optional<String> named = parameter("projectName");
        if (named.isPresent()) {
            return named;
        }
        if (noun().equals("Project") || noun().equals("Projects")) {
            Optional<String> name = parameter("Name");
            if (name.isPresent()) {
                return name;
            }
        }
        return parameter("ResourceArn")
                .filter(arn -> arn.startsWith("arn:") && arn.contains(":monitron:") && arn.contains(":project/"))
                .map(arn -> arn.substring(arn.indexOf(":project/") + ":project/".length()));
    }

    Optional<String> siteId() {
        return parameter("siteId");
    }

    Optional<String> siteName() {
        return parameter("siteName");
    }

    Optional<String> asset() {
        return parameter("assetName");
    }

    /** The state an asset state transition moved the asset to. */
    Optional<String> stateAfter() {
        return parameter("toState");
    }

    /** A request parameter by name, any case (the project API capitalises, the app API does not). */
    private Optional<String> parameter(String name) {
        JsonNode parameters = json.path("requestParameters");
        for (Iterator<Map.Entry<String, JsonNode>> it = parameters.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (entry.getKey().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                return text(entry.getValue());
            }
        }
        return Optional.empty();
    }

    private JsonNode identity() {
        return json.path("userIdentity");
    }

    private static boolean present(JsonNode value) {
        return !value.isMissingNode() && !value.isNull();
    }

    private static Optional<String> text(JsonNode value) {
        return value.isValueNode() && !value.isNull() && !value.asText().isBlank()
                ? Optional.of(value.asText())
                : Optional.empty();
    }

    @Override
    public String toString() {
        return id() + " " + action() + " at " + json.path("eventTime").asText();
    }
}
