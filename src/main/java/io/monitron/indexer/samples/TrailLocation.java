package io.monitron.indexer.samples;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Where CloudTrail puts one account's files for one region inside a trail bucket:
 * {@code AWSLogs/[o-ORG/]ACCOUNT/CloudTrail/REGION/YYYY/MM/DD/ACCOUNT_CloudTrail_REGION_YYYYMMDDTHHMMZ_UNIQUE.json.gz}
 * and {@code AWSLogs/[o-ORG/]ACCOUNT/CloudTrail-Digest/REGION/YYYY/MM/DD/
 * ACCOUNT_CloudTrail-Digest_REGION_TRAIL_REGION_YYYYMMDDTHHMMSSZ.json.gz}.
 */
record TrailLocation(String organizationId, String accountId, String region, String trailName) {
    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MINUTE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SECOND =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    /** The key of a log file delivered at {@code delivered}, relative to the bucket root. */
    String logFile(Instant delivered, String unique, boolean gzip) {
        return prefix("CloudTrail") + DAY.format(delivered) + "/" + accountId + "_CloudTrail_" + region + "_"
                + MINUTE.format(delivered) + "_" + unique + extension(gzip);
    }

    /** The key of a digest file ending at {@code end}, relative to the bucket root. */
    String digestFile(Instant end, boolean gzip) {
        return prefix("CloudTrail-Digest") + DAY.format(end) + "/" + accountId + "_CloudTrail-Digest_" + region + "_"
                + trailName + "_" + region + "_" + SECOND.format(end) + extension(gzip);
    }

    private String prefix(String kind) {
        return "AWSLogs/" + (organizationId == null ? "" : organizationId + "/") + accountId + "/" + kind + "/" + region
                + "/";
    }

    private static String extension(boolean gzip) {
        return gzip ? ".json.gz" : ".json";
    }
}
