package io.monitron.indexer.model;

/**
 * What a path or key in CloudTrail's delivery layout holds, judged by its folders:
 * {@code .../AWSLogs/[o-ORG/]ACCOUNT/CloudTrail/...} log files, {@code CloudTrail-Digest/} digests and
 * {@code CloudTrail-Insight/} Insights files.
 */
public enum TrailPath {
    LOG,
    DIGEST,
    INSIGHT;

    public static TrailPath of(String location) {
        String normalized = location.replace('\\', '/');
        if (normalized.contains("/CloudTrail-Digest/")) {
            return DIGEST;
        }
        if (normalized.contains("/CloudTrail-Insight/")) {
            return INSIGHT;
        }
        return LOG;
    }
}
