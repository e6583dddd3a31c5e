package io.monitron.indexer.source.sqs;

import java.net.URI;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;

/** ElasticMQ in this JVM: a real SQS server speaking the AWS JSON and query protocols on a free loopback port. */
final class LocalSqs implements AutoCloseable {
    private final SQSRestServer server;
    private final int port;

    LocalSqs() {
        server = SQSRestServerBuilder.withInterface("127.0.0.1")
                .withDynamicPort()
                .start();
        port = server.waitUntilStarted().localAddress().getPort();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    @Override
    public void close() {
        server.stopAndWait();
    }
}
