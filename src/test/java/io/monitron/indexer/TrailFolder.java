package io.monitron.indexer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/** Writes CloudTrail log files in the trail's delivery layout, for integration tests. */
final class TrailFolder {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm'Z'").withZone(ZoneOffset.UTC);

    private final Path root;

    TrailFolder(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    /** A Monitron or other event, with the fields the transform needs. */
    static ObjectNode event(String id, String source, String name, Instant time, String account, String region) {
        ObjectNode e = JSON.createObjectNode();
        e.put("eventVersion", "1.08");
        ObjectNode identity = e.putObject("userIdentity");
        identity.put("type", "IAMUser");
        identity.put("principalId", "AIDAEXAMPLE" + account.substring(0, 4));
        identity.put("arn", "arn:aws:iam::" + account + ":user/alice");
        identity.put("accountId", account);
        identity.put("userName", "alice");
        e.put("eventTime", time.toString());
        e.put("eventSource", source);
        e.put("eventName", name);
        e.put("awsRegion", region);
        e.put("sourceIPAddress", "203.0.113.7");
        e.put("userAgent", "aws-cli/2.15.0 Python/3.11");
        e.putObject("requestParameters").put("Name", "plant-" + id);
        e.putNull("responseElements");
        e.put("requestID", "req-" + id);
        e.put("eventID", id);
        e.put("readOnly", name.startsWith("Get") || name.startsWith("List"));
        e.put("eventType", "AwsApiCall");
        e.put("managementEvent", true);
        e.put("recipientAccountId", account);
        return e;
    }

    /** Writes one gzipped log file holding {@code events}, named for its account, region and stamp. */
    Path logFile(String account, String region, Instant stamp, String unique, List<ObjectNode> events) {
        Path dir = root.resolve("AWSLogs/" + account + "/CloudTrail/" + region + "/" + DAY.format(stamp));
        Path file =
                dir.resolve(account + "_CloudTrail_" + region + "_" + STAMP.format(stamp) + "_" + unique + ".json.gz");
        ObjectNode body = JSON.createObjectNode();
        ArrayNode records = body.putArray("Records");
        events.forEach(records::add);
        try {
            Files.createDirectories(dir);
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
                JSON.writeValue(out, body);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** A digest file, which a run must skip and count. */
    Path digestFile(String account, String region, Instant stamp) {
        Path dir = root.resolve("AWSLogs/" + account + "/CloudTrail-Digest/" + region + "/" + DAY.format(stamp));
        Path file = dir.resolve(
                account + "_CloudTrail-Digest_" + region + "_trail_" + region + "_" + STAMP.format(stamp) + ".json.gz");
        try {
            Files.createDirectories(dir);
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
                out.write(
                        ("{\"awsAccountId\":\"" + account + "\",\"digestStartTime\":\"" + stamp + "\",\"logFiles\":[]}")
                                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    static List<ObjectNode> list(ObjectNode... events) {
        return new ArrayList<>(List.of(events));
    }
}
