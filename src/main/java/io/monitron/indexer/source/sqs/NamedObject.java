package io.monitron.indexer.source.sqs;

import java.util.Optional;

/**
 * An object a notification names, its key decoded as S3 stores it.
 *
 * @param eTag the ETag the notification carries (without quotes), empty when it carries none (CloudTrail's own
 *     notification)
 * @param size the size in bytes the notification carries, or -1
 */
public record NamedObject(String bucket, String key, Optional<String> eTag, long size) {
    /** {@code s3://bucket/key}, as the S3 inputs name their location. */
    public String location() {
        return "s3://" + bucket + "/" + key;
    }

    /** Whether the notification said everything an input needs (ETag and size) without asking S3. */
    boolean complete() {
        return eTag.isPresent() && size >= 0;
    }
}
