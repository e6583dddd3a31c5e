package io.monitron.indexer.sink;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;

/**
 * Single requests to the cluster (state, resolved users), sent through the one {@link RetryPolicy}: what the cluster
 * may accept later (429, 5xx, a dropped connection) is retried with backoff; any other answer is the caller's to read.
 */
public final class ClusterRequests {
    private final RestClient client;
    private final RetryPolicy retryPolicy;

    public ClusterRequests(RestClient client, RetryPolicy retryPolicy) {
        this.client = client;
        this.retryPolicy = retryPolicy;
    }

    public Response send(Request request) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                return client.performRequest(request);
            } catch (IOException e) {
                boolean retryable = !(e instanceof ResponseException re)
                        || RetryPolicy.retryableStatus(
                                re.getResponse().getStatusLine().getStatusCode());
                if (!retryable || !retryPolicy.allowsAnotherAfter(attempt)) {
                    throw e;
                }
                try {
                    Thread.sleep(retryPolicy.delayAfter(attempt).toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** What went wrong, for a message: the status and the start of the answer, or the exception. */
    static String describe(IOException e) {
        return e instanceof ResponseException re
                ? "HTTP " + re.getResponse().getStatusLine().getStatusCode() + " " + truncate(responseBody(re))
                : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
    }

    static String responseBody(ResponseException e) {
        try {
            return new String(e.getResponse().getEntity().getContent().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException unreadable) {
            return "";
        }
    }

    private static String truncate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }
}
