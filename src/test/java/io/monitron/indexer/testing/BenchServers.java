package io.monitron.indexer.testing;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The local servers the benchmark's {@code s3} and {@code sqs} parts run against, started in a child JVM from the
 * build's test classpath (S3Proxy and ElasticMQ are test dependencies, not in the product jar).
 *
 * <p>Arguments: {@code [--s3] [--sqs] [--s3-latency-ms N]}. Prints one line per endpoint, {@code s3 URL} (behind a
 * {@link LatencyProxy} when N &gt; 0), {@code s3-direct URL}, {@code sqs URL}, {@code s3-credentials ACCESS SECRET}
 * (the fixed test keys S3Proxy checks), then {@code ready}; stops when its standard input closes.
 */
public final class BenchServers {
    private BenchServers() {}

    public static void main(String[] args) throws Exception {
        boolean s3 = false;
        boolean sqs = false;
        long latencyMillis = 0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--s3" -> s3 = true;
                case "--sqs" -> sqs = true;
                case "--s3-latency-ms" -> latencyMillis = Long.parseLong(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        List<AutoCloseable> running = new ArrayList<>();
        try {
            if (s3) {
                LocalS3 local = new LocalS3();
                running.add(local);
                String direct = local.endpoint().toString();
                String fronted = direct;
                if (latencyMillis > 0) {
                    LatencyProxy proxy = new LatencyProxy(local.port(), latencyMillis);
                    running.add(proxy);
                    fronted = "http://127.0.0.1:" + proxy.port();
                }
                System.out.println("s3 " + fronted);
                System.out.println("s3-direct " + direct);
                System.out.println("s3-credentials " + LocalS3.ACCESS_KEY + " " + LocalS3.SECRET_KEY);
            }
            if (sqs) {
                LocalSqs local = new LocalSqs();
                running.add(local);
                System.out.println("sqs " + local.endpoint());
            }
            System.out.println("ready");
            System.out.flush();
            drain(System.in);
        } finally {
            for (int i = running.size() - 1; i >= 0; i--) {
                running.get(i).close();
            }
        }
        System.exit(0);
    }

    private static void drain(InputStream in) throws IOException {
        byte[] buffer = new byte[256];
        while (in.read(buffer) >= 0) {
            // wait for the parent to close our standard input
        }
    }
}
