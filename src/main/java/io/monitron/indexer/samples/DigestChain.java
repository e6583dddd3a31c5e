package io.monitron.indexer.samples;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The digest files of one account and region: each hour's log files are listed, with their hashes, in a digest file
 * delivered shortly after the hour that also names the previous digest, as CloudTrail's integrity validation chain
 * does. Hours without log files get no digest here (CloudTrail writes empty ones; a sample does not need them). The
 * signatures are random hex, not real signatures.
 */
final class DigestChain {
    private record LogFile(String key, String sha256, Instant oldest, Instant newest) {}

    private final TrailLocation location;
    private final Path root;
    private final String bucket;
    private final String keyFingerprint;
    private final boolean gzip;
    private final SeededRandom random;
    private final JsonFactory json;
    private final List<LogFile> pending = new ArrayList<>();
    private Instant hour;
    private Instant previousEnd;
    private String previousKey;
    private String previousHash;
    private String previousSignature;

    DigestChain(
            TrailLocation location,
            Path root,
            String bucket,
            String keyFingerprint,
            boolean gzip,
            SeededRandom random,
            JsonFactory json) {
        this.location = location;
        this.root = root;
        this.bucket = bucket;
        this.keyFingerprint = keyFingerprint;
        this.gzip = gzip;
        this.random = random;
        this.json = json;
    }

    /** Records a delivered log file; a file of a later hour first closes the digest of the earlier one. */
    long add(String key, String sha256, Instant delivered, Instant oldest, Instant newest) throws IOException {
        Instant fileHour = delivered.truncatedTo(ChronoUnit.HOURS);
        long written = 0;
        if (hour != null && !fileHour.equals(hour)) {
            written = flush();
        }
        hour = fileHour;
        pending.add(new LogFile(key, sha256, oldest, newest));
        return written;
    }

    /** Writes the digest of the pending hour, if any; returns the bytes written. */
    long flush() throws IOException {
        if (pending.isEmpty()) {
            return 0;
        }
        Instant end = hour.plus(Duration.ofHours(1))
                .plusSeconds(Math.floorMod((location.accountId() + location.region()).hashCode(), 600));
        Instant start = previousEnd == null ? hour : previousEnd;
        String key = location.digestFile(end, gzip);
        String signature = random.hex(512);
        HashedFile file = new HashedFile(root.resolve(key), gzip);
        try (file;
                JsonGenerator out = json.createGenerator(file.stream())) {
            out.writeStartObject();
            out.writeStringField("awsAccountId", location.accountId());
            out.writeStringField("digestStartTime", start.toString());
            out.writeStringField("digestEndTime", end.toString());
            out.writeStringField("digestS3Bucket", bucket);
            out.writeStringField("digestS3Object", key);
            out.writeStringField("digestPublicKeyFingerprint", keyFingerprint);
            out.writeStringField("digestSignatureAlgorithm", "SHA256withRSA");
            out.writeStringField(
                    "newestEventTime", pending.get(pending.size() - 1).newest().toString());
            out.writeStringField("oldestEventTime", pending.get(0).oldest().toString());
            out.writeStringField("previousDigestS3Bucket", previousKey == null ? null : bucket);
            out.writeStringField("previousDigestS3Object", previousKey);
            out.writeStringField("previousDigestHashValue", previousHash);
            out.writeStringField("previousDigestHashAlgorithm", previousKey == null ? null : "SHA-256");
            out.writeStringField("previousDigestSignature", previousSignature);
            out.writeArrayFieldStart("logFiles");
            for (LogFile logFile : pending) {
                out.writeStartObject();
                out.writeStringField("s3Bucket", bucket);
                out.writeStringField("s3Object", logFile.key());
                out.writeStringField("hashValue", logFile.sha256());
                out.writeStringField("hashAlgorithm", "SHA-256");
                out.writeStringField("newestEventTime", logFile.newest().toString());
                out.writeStringField("oldestEventTime", logFile.oldest().toString());
                out.writeEndObject();
            }
            out.writeEndArray();
            out.writeEndObject();
        }
        pending.clear();
        previousEnd = end;
        previousKey = key;
        previousHash = file.sha256Hex();
        previousSignature = signature;
        return file.bytesOnDisk();
    }
}
