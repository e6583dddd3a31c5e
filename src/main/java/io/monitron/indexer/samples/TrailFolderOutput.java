package io.monitron.indexer.samples;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes batches as CloudTrail log files in a trail bucket layout, {@code {"Records":[...]}} on one line, and keeps
 * each account and region's digest chain. Only one log file is open at a time.
 */
final class TrailFolderOutput implements EventOutput {
    static final String TRAIL_NAME = "management-events";

    private final Path root;
    private final String organizationId;
    private final boolean gzip;
    private final ObjectMapper mapper;
    private final SeededRandom random;
    private final String bucket;
    private final String keyFingerprint;
    private final Map<String, DigestChain> chains = new LinkedHashMap<>();

    private HashedFile file;
    private JsonGenerator records;
    private String key;
    private DigestChain chain;
    private Instant delivered;
    private Instant oldest;
    private Instant newest;
    private long files;
    private long bytes;

    /**
     * @param random used for file name suffixes and digest signatures only, so that the events themselves do not
     *     depend on the layout
     */
    TrailFolderOutput(
            Path root,
            String organizationId,
            String bucketOwner,
            boolean gzip,
            ObjectMapper mapper,
            SeededRandom random) {
        this.root = root;
        this.organizationId = organizationId;
        this.gzip = gzip;
        this.mapper = mapper;
        this.random = random;
        this.bucket = "aws-cloudtrail-logs-" + bucketOwner + "-" + random.hex(8);
        this.keyFingerprint = random.hex(32);
    }

    @Override
    public void beginFile(String accountId, String region, Instant delivered) throws IOException {
        TrailLocation location = new TrailLocation(organizationId, accountId, region, TRAIL_NAME);
        this.chain = chains.computeIfAbsent(
                accountId + "/" + region,
                k -> new DigestChain(location, root, bucket, keyFingerprint, gzip, random, mapper.getFactory()));
        this.key = location.logFile(delivered, random.alphanumeric(16), gzip);
        this.delivered = delivered;
        this.oldest = null;
        this.newest = null;
        this.file = new HashedFile(root.resolve(key), gzip);
        this.records = mapper.getFactory().createGenerator(file.stream());
        records.writeStartObject();
        records.writeArrayFieldStart("Records");
    }

    @Override
    public void write(ObjectNode event, ApiCall call) throws IOException {
        Instant time = Instant.parse(event.get("eventTime").asText());
        oldest = oldest == null || time.isBefore(oldest) ? time : oldest;
        newest = newest == null || time.isAfter(newest) ? time : newest;
        mapper.writeTree(records, event);
    }

    @Override
    public void endFile() throws IOException {
        records.writeEndArray();
        records.writeEndObject();
        records.close();
        file.close();
        files++;
        bytes += file.bytesOnDisk();
        long digestBytes = chain.add(key, file.sha256Hex(), delivered, oldest, newest);
        if (digestBytes > 0) {
            files++;
            bytes += digestBytes;
        }
        file = null;
    }

    @Override
    public long files() {
        return files;
    }

    @Override
    public long bytes() {
        return bytes;
    }

    @Override
    public void close() throws IOException {
        if (file != null) {
            endFile();
        }
        for (DigestChain digestChain : chains.values()) {
            long digestBytes = digestChain.flush();
            if (digestBytes > 0) {
                files++;
                bytes += digestBytes;
            }
        }
    }
}
