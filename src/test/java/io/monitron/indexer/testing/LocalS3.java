package io.monitron.indexer.testing;

import java.net.URI;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;

/** S3Proxy in this JVM over an in-memory blob store, checking AWS V4 signatures with fixed test keys. */
public final class LocalS3 implements AutoCloseable {
    public static final String ACCESS_KEY = "local-access-key";
    public static final String SECRET_KEY = "local-secret-key";

    private final BlobStoreContext context;
    private final S3Proxy proxy;

    public LocalS3() throws Exception {
        this(ACCESS_KEY, SECRET_KEY);
    }

    /** Accepts only requests signed with these keys. */
    public LocalS3(String accessKey, String secretKey) throws Exception {
        context = ContextBuilder.newBuilder("transient")
                .credentials(accessKey, secretKey)
                .build(BlobStoreContext.class);
        proxy = S3Proxy.builder()
                .blobStore(context.getBlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
                .build();
        proxy.start(); // returns once Jetty is started
    }

    public int port() {
        return proxy.getPort();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port());
    }

    public void createBucket(String bucket) {
        blobs().createContainerInLocation(null, bucket);
    }

    /** Stores the object and returns its ETag as S3 lists it (quoted). */
    public String put(String bucket, String key, byte[] content) {
        BlobStore blobs = blobs();
        return blobs.putBlob(
                bucket,
                blobs.blobBuilder(key)
                        .payload(content)
                        .contentLength(content.length)
                        .build());
    }

    private BlobStore blobs() {
        return context.getBlobStore();
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
        context.close();
    }
}
