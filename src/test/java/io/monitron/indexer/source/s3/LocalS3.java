package io.monitron.indexer.source.s3;

import java.net.URI;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;

/** S3Proxy in this JVM over an in-memory blob store, checking AWS V4 signatures with fixed test keys. */
final class LocalS3 implements AutoCloseable {
    static final String ACCESS_KEY = "local-access-key";
    static final String SECRET_KEY = "local-secret-key";

    private final BlobStoreContext context;
    private final S3Proxy proxy;

    LocalS3() throws Exception {
        this(ACCESS_KEY, SECRET_KEY);
    }

    /** Accepts only requests signed with these keys. */
    LocalS3(String accessKey, String secretKey) throws Exception {
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

    int port() {
        return proxy.getPort();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + port());
    }

    void createBucket(String bucket) {
        blobs().createContainerInLocation(null, bucket);
    }

    void put(String bucket, String key, byte[] content) {
        BlobStore blobs = blobs();
        blobs.putBlob(
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
