package io.monitron.indexer.source.s3;

import io.monitron.indexer.model.Input;
import java.io.IOException;
import java.io.InputStream;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * One object of a trail bucket. Location and state key are {@code s3://bucket/key}, the version is its ETag. Each
 * {@link #open()} streams the body with its own GET (safe to call from several threads) and resumes it after
 * broken connections; see {@link ResumingObjectStream}.
 */
public final class S3ObjectInput implements Input {
    private final S3Client s3;
    private final S3Location location;
    private final String key;
    private final String eTag;
    private final long size;
    private final ResumePolicy resume;

    S3ObjectInput(S3Client s3, S3Location location, String key, String eTag, long size, ResumePolicy resume) {
        this.s3 = s3;
        this.location = location;
        this.key = key;
        this.eTag = eTag == null ? "" : eTag;
        this.size = size;
        this.resume = resume;
    }

    /**
     * The object {@code key} of {@code bucket} as a notification names it, with its ETag (quoted or not; empty when
     * unknown) and size: the same location, state key and version as the same object listed by {@link
     * S3TrailSource}, so batch and continuous runs share their state.
     */
    public static S3ObjectInput of(S3Client s3, String bucket, String key, String eTag, long size) {
        return new S3ObjectInput(s3, new S3Location(bucket, ""), key, eTag, size, ResumePolicy.DEFAULT);
    }

    /** The object key. */
    public String key() {
        return key;
    }

    @Override
    public String location() {
        return location.uriOf(key);
    }

    @Override
    public String version() {
        return eTag.replace("\"", "");
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public InputStream open() throws IOException {
        return ResumingObjectStream.open(s3, location, key, eTag, size, resume);
    }

    @Override
    public String toString() {
        return location();
    }
}
