package io.monitron.indexer.source.sqs;

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
        context = ContextBuilder.newBuilder("transient")
                .credentials(ACCESS_KEY, SECRET_KEY)
                .build(BlobStoreContext.class);
        proxy = S3Proxy.builder()
                .blobStore(context.getBlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        proxy.start(); // returns once Jetty is started
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    void createBucket(String bucket) {
        context.getBlobStore().createContainerInLocation(null, bucket);
    }

    /** Stores the object and returns its ETag as S3 lists it (quoted). */
    String put(String bucket, String key, byte[] content) {
        BlobStore blobs = context.getBlobStore();
        return blobs.putBlob(
                bucket,
                blobs.blobBuilder(key)
                        .payload(content)
                        .contentLength(content.length)
                        .build());
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
        context.close();
    }
}
