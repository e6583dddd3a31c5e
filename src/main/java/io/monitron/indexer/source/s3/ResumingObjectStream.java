package io.monitron.indexer.source.s3;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * An object's body that survives broken connections: when reading fails in the middle (a reset, a timeout, a body
 * that ends before its length), the stream GETs the object again from the byte it reached ({@code Range}) and goes
 * on, at most {@link ResumePolicy#maxResumes()} times. Each GET names the object's ETag ({@code If-Match}), so a
 * resumed body can only continue the same object version; an object replaced meanwhile fails the read instead of
 * splicing two versions together.
 *
 * <p>Not thread-safe, like any stream; each {@link S3ObjectInput#open()} makes its own. The one exception: {@link
 * #close()} may be called from another thread to cancel a read in progress (a download given up): it aborts the
 * connection, and the reading thread then fails instead of resuming.
 */
final class ResumingObjectStream extends InputStream {
    private final S3Client s3;
    private final S3Location location;
    private final String key;
    private final String eTag;
    private final long size;
    private final ResumePolicy policy;
    private volatile ResponseInputStream<GetObjectResponse> body;
    private long position;
    private int resumes;
    private volatile boolean closed;

    private ResumingObjectStream(
            S3Client s3, S3Location location, String key, String eTag, long size, ResumePolicy policy) {
        this.s3 = s3;
        this.location = location;
        this.key = key;
        this.eTag = eTag;
        this.size = size;
        this.policy = policy;
    }

    /** GETs the object; fails with an {@link IOException} saying why when it cannot be read at all. */
    static ResumingObjectStream open(
            S3Client s3, S3Location location, String key, String eTag, long size, ResumePolicy policy)
            throws IOException {
        ResumingObjectStream stream = new ResumingObjectStream(s3, location, key, eTag, size, policy);
        stream.body = stream.get(0);
        return stream;
    }

    /** How many times the body was resumed so far. */
    int resumes() {
        return resumes;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n;
        do {
            n = read(one, 0, 1);
        } while (n == 0);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (closed) {
            throw new IOException(location.uriOf(key) + ": stream is closed");
        }
        if (length == 0) {
            return 0;
        }
        while (true) {
            IOException failure;
            try {
                int n = body.read(buffer, offset, length);
                if (n > 0) {
                    position += n;
                    return n;
                }
                if (n < 0 && allReceived()) {
                    return -1;
                }
                failure = new EOFException("the body ended at byte " + position + " of " + size);
            } catch (IOException e) {
                if (closed) {
                    throw new IOException(location.uriOf(key) + ": stream is closed", e);
                }
                if (allReceived()) {
                    // the connection broke after the last byte: nothing is missing
                    return -1;
                }
                failure = e;
            }
            resume(failure);
        }
    }

    private boolean allReceived() {
        return size < 0 || position >= size;
    }

    private void resume(IOException cause) throws IOException {
        abort(body);
        body = null;
        if (closed) {
            throw new IOException(location.uriOf(key) + ": stream is closed", cause);
        }
        if (resumes >= policy.maxResumes()) {
            throw new IOException(
                    location.uriOf(key) + ": the connection broke at byte " + position + " of " + size + " after "
                            + resumes + " resumes (" + cause.getClass().getSimpleName() + ": "
                            + cause.getMessage() + ")",
                    cause);
        }
        resumes++;
        try {
            Thread.sleep(policy.delayBefore(resumes).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while resuming " + location.uriOf(key));
        }
        ResponseInputStream<GetObjectResponse> resumed = get(position);
        body = resumed;
        if (closed) {
            abort(resumed);
            throw new IOException(location.uriOf(key) + ": stream is closed");
        }
    }

    private ResponseInputStream<GetObjectResponse> get(long from) throws IOException {
        GetObjectRequest.Builder request =
                GetObjectRequest.builder().bucket(location.bucket()).key(key);
        if (!eTag.isEmpty()) {
            request.ifMatch(eTag);
        }
        if (from > 0) {
            request.range("bytes=" + from + "-");
        }
        try {
            return s3.getObject(request.build());
        } catch (SdkException e) {
            String what = from > 0 ? "cannot resume at byte " + from : "cannot read";
            throw new IOException(
                    location.uriOf(key) + ": " + what + ": "
                            + S3Errors.describe(
                                    e,
                                    "the indexer needs s3:GetObject, and kms:Decrypt on the trail's"
                                            + " KMS key for SSE-KMS trails"),
                    e);
        }
    }

    private static void abort(ResponseInputStream<GetObjectResponse> stream) {
        if (stream != null) {
            // abort rather than close: closing would drain the rest of a broken body before freeing the connection
            stream.abort();
        }
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        ResponseInputStream<GetObjectResponse> open = body;
        if (open != null) {
            // from another thread, position may lag behind: then the connection is aborted, never drained
            if (allReceived()) {
                open.close();
            } else {
                abort(open);
            }
        }
    }
}
