package io.monitron.indexer.samples;

import static io.monitron.indexer.samples.GeneratedCorpus.content;
import static io.monitron.indexer.samples.GeneratedCorpus.files;
import static io.monitron.indexer.samples.GeneratedCorpus.isLogFile;
import static io.monitron.indexer.samples.GeneratedCorpus.isMonitron;
import static io.monitron.indexer.samples.GeneratedCorpus.json;
import static io.monitron.indexer.samples.GeneratedCorpus.trailEvents;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrailGeneratorTest {
    // fixed and printed with every failure message, so a failing run can be reproduced
    private static final long SEED = 20261001L;
    private static final List<String> ACCOUNTS = List.of("111122223333", "444455556666");
    private static final List<String> REGIONS = List.of("us-east-1", "eu-west-1");

    private static final Pattern LOG_FILE = Pattern.compile(
            "AWSLogs/(?:(o-[a-z0-9]{10,32})/)?(\\d{12})/CloudTrail/"
                    + "([a-z0-9-]+)/(\\d{4})/(\\d{2})/(\\d{2})/\\2_CloudTrail_\\3_(\\d{8}T\\d{4}Z)_[A-Za-z0-9]{16}\\.json\\.gz");
    private static final Pattern DIGEST_FILE = Pattern.compile("AWSLogs/(?:o-[a-z0-9]{10,32}/)?(\\d{12})/"
            + "CloudTrail-Digest/([a-z0-9-]+)/\\d{4}/\\d{2}/\\d{2}/\\1_CloudTrail-Digest_\\2_[A-Za-z0-9_.-]+_\\2_"
            + "\\d{8}T\\d{6}Z\\.json\\.gz");

    @TempDir
    Path temp;

    private static GeneratorSpec spec(Path out, long events, double share, String organizationId) {
        return new GeneratorSpec(
                out,
                SEED,
                LocalDate.of(2026, 10, 1),
                3,
                events,
                share,
                ACCOUNTS,
                REGIONS,
                organizationId,
                5,
                40,
                true,
                OutputFormat.TRAIL);
    }

    @Test
    void sameSeedWritesSameBytes() throws IOException {
        new TrailGenerator(spec(temp.resolve("a"), 800, 0.3, "o-a1b2c3d4e5")).generate();
        new TrailGenerator(spec(temp.resolve("b"), 800, 0.3, "o-a1b2c3d4e5")).generate();

        TreeMap<String, Path> first = files(temp.resolve("a"));
        TreeMap<String, Path> second = files(temp.resolve("b"));
        assertThat(second.keySet())
                .as("seed %d", SEED)
                .isEqualTo(first.keySet())
                .isNotEmpty();
        for (Map.Entry<String, Path> file : first.entrySet()) {
            assertThat(Files.readAllBytes(second.get(file.getKey())))
                    .as("%s with seed %d", file.getKey(), SEED)
                    .isEqualTo(Files.readAllBytes(file.getValue()));
        }
    }

    @Test
    void anotherSeedWritesOtherEvents() {
        GeneratorSpec base = spec(temp.resolve("a"), 300, 0.3, null);
        new TrailGenerator(base).generate();
        GeneratorSpec other = new GeneratorSpec(
                temp.resolve("b"),
                SEED + 1,
                base.start(),
                base.days(),
                base.events(),
                base.monitronShare(),
                base.accounts(),
                base.regions(),
                null,
                5,
                40,
                true,
                OutputFormat.TRAIL);
        new TrailGenerator(other).generate();

        Set<String> firstIds = eventIds(trailEvents(temp.resolve("a")));
        assertThat(eventIds(trailEvents(temp.resolve("b")))).doesNotContainAnyElementsOf(firstIds);
    }

    @Test
    void everyMonitronActionOccursInAModerateRun() {
        new TrailGenerator(spec(temp, 1000, 0.35, null)).generate();

        Set<String> actions = new TreeSet<>();
        for (JsonNode event : trailEvents(temp)) {
            if (isMonitron(event)) {
                actions.add(event.get("eventName").asText().replace(MonitronAction.APP_PREFIX, ""));
            }
        }
        Set<String> all = new TreeSet<>();
        for (MonitronAction action : MonitronAction.values()) {
            all.add(action.eventName());
        }
        assertThat(all).hasSize(27);
        assertThat(actions).as("Monitron actions with seed %d", SEED).isEqualTo(all);
    }

    @Test
    void monitronShareAndEventCountAreExact() {
        GenerationSummary summary = new TrailGenerator(spec(temp, 5000, 0.02, null)).generate();

        List<JsonNode> events = trailEvents(temp);
        long monitron = events.stream().filter(GeneratedCorpus::isMonitron).count();
        assertThat(events).hasSize(5000);
        assertThat(monitron).as("seed %d", SEED).isEqualTo(100).isEqualTo(summary.monitronEvents());
        assertThat(summary.events()).isEqualTo(5000);
    }

    @Test
    void aboutEightPercentOfMonitronCallsFailWithAMessage() {
        new TrailGenerator(spec(temp, 3000, 0.5, null)).generate();

        List<JsonNode> monitron =
                trailEvents(temp).stream().filter(GeneratedCorpus::isMonitron).toList();
        List<JsonNode> failed =
                monitron.stream().filter(e -> e.has("errorCode")).toList();
        assertThat((double) failed.size() / monitron.size()).as("seed %d", SEED).isBetween(0.05, 0.11);
        assertThat(failed).allSatisfy(e -> {
            assertThat(e.get("errorMessage").asText()).isNotBlank();
            assertThat(e.get("responseElements").isNull()).isTrue();
        });
        assertThat(failed.stream().map(e -> e.get("errorCode").asText()).distinct())
                .contains("AccessDenied", "ValidationException", "ThrottlingException", "ResourceNotFoundException");
    }

    @Test
    void fileNamesFollowTheCloudTrailLayoutAndHoldTheirWindowsEvents() {
        GenerationSummary summary = new TrailGenerator(spec(temp, 1500, 0.2, "o-a1b2c3d4e5")).generate();

        TreeMap<String, Path> files = files(temp);
        assertThat(summary.files()).isEqualTo(files.size());
        long bytes = files.values().stream().mapToLong(p -> p.toFile().length()).sum();
        assertThat(summary.bytes()).isEqualTo(bytes);
        int logFiles = 0;
        for (Map.Entry<String, Path> file : files.entrySet()) {
            String name = file.getKey();
            if (!isLogFile(name)) {
                assertThat(name).matches(DIGEST_FILE);
                continue;
            }
            logFiles++;
            Matcher matcher = LOG_FILE.matcher(name);
            assertThat(matcher.matches()).as(name).isTrue();
            assertThat(matcher.group(1)).isEqualTo("o-a1b2c3d4e5");
            Instant stamp = Instant.parse(
                    matcher.group(7).replaceFirst("(\\d{4})(\\d{2})(\\d{2})T(\\d{2})(\\d{2})Z", "$1-$2-$3T$4:$5:00Z"));
            assertThat(matcher.group(4) + matcher.group(5) + matcher.group(6))
                    .isEqualTo(matcher.group(7).substring(0, 8));
            JsonNode records = json(file.getValue()).get("Records");
            assertThat(records).isNotEmpty();
            for (JsonNode event : records) {
                Instant time = Instant.parse(event.get("eventTime").asText());
                assertThat(time).isBefore(stamp).isAfterOrEqualTo(stamp.minusSeconds(300));
                assertThat(event.get("recipientAccountId").asText()).isEqualTo(matcher.group(2));
                assertThat(event.get("awsRegion").asText()).isEqualTo(matcher.group(3));
            }
        }
        assertThat(logFiles).isGreaterThan(1);
        assertThat(files.keySet()).anyMatch(name -> !isLogFile(name));
    }

    @Test
    void logFilesAreOneLineRecordsDocuments() {
        new TrailGenerator(spec(temp, 200, 0.5, null)).generate();

        files(temp).forEach((name, path) -> {
            if (isLogFile(name)) {
                String text = new String(content(path), java.nio.charset.StandardCharsets.UTF_8);
                assertThat(text)
                        .startsWith("{\"Records\":[{\"eventVersion\":")
                        .endsWith("}]}")
                        .doesNotContain("\n");
            }
        });
    }

    @Test
    void eventsKeepCloudTrailsFieldOrder() {
        new TrailGenerator(spec(temp, 400, 0.5, null)).generate();
        List<String> order = List.of(
                "eventVersion",
                "userIdentity",
                "eventTime",
                "eventSource",
                "eventName",
                "awsRegion",
                "sourceIPAddress",
                "userAgent",
                "errorCode",
                "errorMessage",
                "requestParameters",
                "responseElements",
                "additionalEventData",
                "requestID",
                "eventID",
                "readOnly",
                "resources",
                "eventType",
                "managementEvent",
                "recipientAccountId",
                "eventCategory",
                "tlsDetails",
                "sessionCredentialFromConsole");

        for (JsonNode event : trailEvents(temp)) {
            List<String> fields = new ArrayList<>();
            event.fieldNames().forEachRemaining(fields::add);
            assertThat(fields).isSortedAccordingTo((a, b) -> order.indexOf(a) - order.indexOf(b));
            assertThat(order).containsAll(fields);
        }
    }

    @Test
    void monitronCallersCoverEveryIdentityClientAndAddressKind() {
        new TrailGenerator(spec(temp, 2000, 0.5, null)).generate();

        Set<String> identityTypes = new HashSet<>();
        Set<String> agents = new HashSet<>();
        Set<String> addressKinds = new HashSet<>();
        Set<String> mfa = new HashSet<>();
        boolean console = false;
        for (JsonNode event : trailEvents(temp)) {
            if (!isMonitron(event)) {
                continue;
            }
            JsonNode identity = event.get("userIdentity");
            identityTypes.add(identity.get("type").asText());
            if (identity.get("type").asText().equals("AssumedRole")) {
                mfa.add(identity.at("/sessionContext/attributes/mfaAuthenticated")
                        .asText());
            }
            if (identity.get("type").asText().equals("IdentityCenterUser")) {
                assertThat(identity.at("/onBehalfOf/userId").asText()).isNotBlank();
                assertThat(identity.at("/onBehalfOf/identityStoreArn").asText()).startsWith("arn:aws:identitystore::");
            }
            agents.add(event.get("userAgent").asText());
            String address = event.get("sourceIPAddress").asText();
            addressKinds.add(address.contains(":") ? "ipv6" : Character.isDigit(address.charAt(0)) ? "ipv4" : address);
            console |= event.path("sessionCredentialFromConsole").asText().equals("true");
        }
        assertThat(identityTypes).contains("Root", "AssumedRole", "IAMUser", "IdentityCenterUser", "AWSService");
        assertThat(mfa).contains("true", "false");
        assertThat(agents)
                .contains(Client.MONITRON_ANDROID, Client.MONITRON_IOS, Client.AWS_CLI, Client.BOTO3)
                .anyMatch(agent -> agent.startsWith("Mozilla/5.0"));
        assertThat(addressKinds).contains("ipv4", "ipv6", "AWS Internal");
        assertThat(console).isTrue();
    }

    @Test
    void digestsListEachLogFileWithTheHashOfItsContent() throws NoSuchAlgorithmException {
        new TrailGenerator(spec(temp, 600, 0.2, null)).generate();

        TreeMap<String, Path> files = files(temp);
        Set<String> listed = new HashSet<>();
        for (Map.Entry<String, Path> file : files.entrySet()) {
            if (isLogFile(file.getKey())) {
                continue;
            }
            JsonNode digest = json(file.getValue());
            assertThat(digest.has("Records")).isFalse();
            assertThat(digest.get("digestS3Object").asText()).isEqualTo(file.getKey());
            assertThat(Instant.parse(digest.get("digestStartTime").asText()))
                    .isBefore(Instant.parse(digest.get("digestEndTime").asText()));
            for (JsonNode logFile : digest.get("logFiles")) {
                String key = logFile.get("s3Object").asText();
                assertThat(files).containsKey(key);
                String sha256 = HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(content(files.get(key))));
                assertThat(logFile.get("hashValue").asText()).isEqualTo(sha256);
                listed.add(key);
            }
        }
        assertThat(listed)
                .isEqualTo(new HashSet<>(files.keySet().stream()
                        .filter(GeneratedCorpus::isLogFile)
                        .toList()));
    }

    @Test
    void lookupEventsAndEventBridgeCarryTheSameEventsAsTheTrail() throws IOException {
        GeneratorSpec trail = spec(temp.resolve("trail"), 300, 0.4, null);
        new TrailGenerator(trail).generate();
        GeneratorSpec lookup = new GeneratorSpec(
                temp.resolve("lookup"),
                SEED,
                trail.start(),
                trail.days(),
                trail.events(),
                trail.monitronShare(),
                ACCOUNTS,
                REGIONS,
                null,
                5,
                40,
                false,
                OutputFormat.LOOKUP_EVENTS);
        new TrailGenerator(lookup).generate();
        GeneratorSpec bridge = new GeneratorSpec(
                temp.resolve("bridge"),
                SEED,
                trail.start(),
                trail.days(),
                trail.events(),
                trail.monitronShare(),
                ACCOUNTS,
                REGIONS,
                null,
                5,
                40,
                false,
                OutputFormat.EVENTBRIDGE);
        new TrailGenerator(bridge).generate();

        List<JsonNode> trailEvents = trailEvents(temp.resolve("trail"));
        JsonNode lookupEvents = json(temp.resolve("lookup/lookup-events.json")).get("Events");
        List<JsonNode> fromLookup = new ArrayList<>();
        for (JsonNode entry : lookupEvents) {
            JsonNode event =
                    GeneratedCorpus.JSON.readTree(entry.get("CloudTrailEvent").asText());
            assertThat(entry.get("EventId").asText())
                    .isEqualTo(event.get("eventID").asText());
            assertThat(entry.get("EventName").asText())
                    .isEqualTo(event.get("eventName").asText());
            assertThat(entry.get("ReadOnly").asText()).isIn("true", "false");
            assertThat(entry.get("Resources").isArray()).isTrue();
            fromLookup.add(event);
        }
        List<JsonNode> fromBridge = new ArrayList<>();
        for (String line : Files.readAllLines(temp.resolve("bridge/eventbridge.ndjson"))) {
            JsonNode envelope = GeneratedCorpus.JSON.readTree(line);
            assertThat(envelope.get("version").asText()).isEqualTo("0");
            assertThat(envelope.get("detail-type").asText()).endsWith("via CloudTrail");
            JsonNode detail = envelope.get("detail");
            if (isMonitron(detail)) {
                assertThat(envelope.get("source").asText()).isEqualTo("aws.monitron");
            }
            assertThat(envelope.get("account").asText())
                    .isEqualTo(detail.get("recipientAccountId").asText());
            fromBridge.add(detail);
        }
        // the trail is read folder by folder, the single-file layouts in generation order
        assertThat(byId(fromLookup)).isEqualTo(byId(trailEvents)).hasSize(300);
        assertThat(byId(fromBridge)).isEqualTo(byId(trailEvents));
    }

    @Test
    void rejectsImpossibleSettingsAllAtOnce() {
        assertThatThrownBy(() -> new GeneratorSpec(
                        temp,
                        1,
                        LocalDate.of(2026, 10, 1),
                        0,
                        10,
                        1.5,
                        List.of("12345"),
                        List.of("nowhere"),
                        "org",
                        5,
                        2,
                        true,
                        OutputFormat.TRAIL))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("days")
                .hasMessageContaining("Monitron share")
                .hasMessageContaining("'12345'")
                .hasMessageContaining("'nowhere'")
                .hasMessageContaining("o-a1b2c3d4e5")
                .hasMessageContaining("events per file");
    }

    private static Map<String, JsonNode> byId(List<JsonNode> events) {
        Map<String, JsonNode> byId = new TreeMap<>();
        events.forEach(e -> byId.put(e.get("eventID").asText(), e));
        return byId;
    }

    private static Set<String> eventIds(List<JsonNode> events) {
        Set<String> ids = new HashSet<>();
        events.forEach(e -> ids.add(e.get("eventID").asText()));
        return ids;
    }
}
