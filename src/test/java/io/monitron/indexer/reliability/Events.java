package io.monitron.indexer.reliability;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/** CloudTrail events and files for the reliability tests: well-formed by default, so each test breaks one thing. */
final class Events {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String MONITRON = "monitron.amazonaws.com";
    static final String ACCOUNT = "111122223333";
    static final String REGION = "us-east-1";
    static final Instant OCTOBER = Instant.parse("2026-10-01T10:00:00Z");

    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm'Z'").withZone(ZoneOffset.UTC);

    private Events() {}

    /** A Monitron {@code CreateProject} event at {@code OCTOBER}. */
    static ObjectNode monitron(String id) {
        return event(id, MONITRON, "CreateProject", OCTOBER);
    }

    static ObjectNode event(String id, String source, String name, Instant time) {
        ObjectNode e = JSON.createObjectNode();
        e.put("eventVersion", "1.08");
        ObjectNode identity = e.putObject("userIdentity");
        identity.put("type", "IAMUser");
        identity.put("arn", "arn:aws:iam::" + ACCOUNT + ":user/alice");
        identity.put("accountId", ACCOUNT);
        identity.put("userName", "alice");
        e.put("eventTime", time.toString());
        e.put("eventSource", source);
        e.put("eventName", name);
        e.put("awsRegion", REGION);
        e.put("sourceIPAddress", "203.0.113.7");
        e.put("userAgent", "aws-cli/2.15.0 Python/3.11");
        e.putObject("requestParameters").put("Name", "plant-" + id);
        e.putNull("responseElements");
        e.put("requestID", "req-" + id);
        if (id != null) {
            e.put("eventID", id);
        }
        e.put("readOnly", false);
        e.put("eventType", "AwsApiCall");
        e.put("managementEvent", true);
        e.put("recipientAccountId", ACCOUNT);
        return e;
    }

    /** {@code {"Records":[...]}} with the given elements written verbatim, so a test can put broken JSON in. */
    static String records(String... elements) {
        return "{\"Records\":[" + String.join(",", elements) + "]}";
    }

    static String records(List<ObjectNode> events) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode array = body.putArray("Records");
        events.forEach(array::add);
        return body.toString();
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] gzip(byte[] plain) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(plain);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            bytes.writeBytes(part);
        }
        return bytes.toByteArray();
    }

    static Path write(Path file, byte[] content) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            return Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes {@code files} trail log files 5 minutes apart, each with {@code perFile} Monitron events and as many
     * others, and returns the ids of the Monitron events: the documents a run must end with.
     */
    static java.util.Set<String> trailFolder(Path root, int files, int perFile, String idPrefix) {
        java.util.Set<String> ids = new java.util.TreeSet<>();
        for (int f = 0; f < files; f++) {
            Instant stamp = OCTOBER.plusSeconds(300L * f);
            List<ObjectNode> events = new java.util.ArrayList<>();
            for (int e = 0; e < perFile; e++) {
                String id = idPrefix + "-" + f + "-" + e;
                ids.add(id);
                events.add(event(id, MONITRON, "CreateProject", stamp.plusSeconds(e)));
                events.add(event("other-" + id, "ec2.amazonaws.com", "DescribeInstances", stamp));
            }
            trailFile(root, stamp, "f" + f, events);
        }
        return ids;
    }

    /** Writes a gzipped trail log file in the delivery layout under {@code root}; the stamp names the file. */
    static Path trailFile(Path root, Instant stamp, String unique, List<ObjectNode> events) {
        Path file = root.resolve("AWSLogs/" + ACCOUNT + "/CloudTrail/" + REGION + "/" + DAY.format(stamp) + "/"
                + ACCOUNT + "_CloudTrail_" + REGION + "_" + STAMP.format(stamp) + "_" + unique + ".json.gz");
        return write(file, gzip(utf8(records(events))));
    }
}
