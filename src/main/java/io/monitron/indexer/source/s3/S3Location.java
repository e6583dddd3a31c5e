package io.monitron.indexer.source.s3;

import io.monitron.indexer.config.ConfigException;

/**
 * A bucket and an optional key prefix, from {@code s3://BUCKET[/PREFIX]}. The prefix is where the trail writes, the
 * part before {@code AWSLogs/}; it is kept without leading or trailing slashes.
 */
public record S3Location(String bucket, String prefix) {
    public S3Location {
        if (bucket.isEmpty()) {
            throw new ConfigException("--s3 needs a bucket name: s3://BUCKET[/PREFIX]");
        }
        prefix = trimSlashes(prefix);
    }

    /** Parses {@code s3://BUCKET[/PREFIX]}; a trailing {@code /AWSLogs} (or below) is not part of the prefix. */
    public static S3Location parse(String uri) {
        if (!uri.startsWith("s3://")) {
            throw new ConfigException("--s3 must look like s3://BUCKET[/PREFIX], got: " + uri);
        }
        String rest = uri.substring("s3://".length());
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String prefix = slash < 0 ? "" : rest.substring(slash + 1);
        // people paste the console path down to AWSLogs/; the walk adds AWSLogs/ itself
        int awsLogs = ("/" + prefix + "/").indexOf("/AWSLogs/");
        if (awsLogs >= 0) {
            prefix = prefix.substring(0, Math.max(0, awsLogs - 1));
        }
        return new S3Location(bucket, prefix);
    }

    /** {@code PREFIX/AWSLogs/}, or {@code AWSLogs/} without a prefix: where the walk starts. */
    String logsRoot() {
        return prefix.isEmpty() ? "AWSLogs/" : prefix + "/AWSLogs/";
    }

    /** {@code s3://bucket/key}. */
    String uriOf(String key) {
        return "s3://" + bucket + "/" + key;
    }

    @Override
    public String toString() {
        return prefix.isEmpty() ? "s3://" + bucket : "s3://" + bucket + "/" + prefix;
    }

    private static String trimSlashes(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && s.charAt(start) == '/') {
            start++;
        }
        while (end > start && s.charAt(end - 1) == '/') {
            end--;
        }
        return s.substring(start, end);
    }
}
