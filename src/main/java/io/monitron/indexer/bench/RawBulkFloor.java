package io.monitron.indexer.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.apache.http.entity.ByteArrayEntity;
import org.apache.http.entity.ContentType;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;

/**
 * The end-to-end floor: the indexer's documents, already serialized into {@code _bulk} bodies, sent with a fixed number
 * of requests in flight. Counts the documents Elasticsearch created; any item that failed fails the run.
 */
public final class RawBulkFloor implements Contender {
    private static final ContentType NDJSON = ContentType.create("application/x-ndjson");
    private static final JsonFactory JSON = new JsonFactory();
    private static final int MAX_ATTEMPTS = 10;

    private final RestClient rest;
    private final List<BulkBodies.Body> bodies;
    private final int concurrentRequests;
    private final FreshIndices indices;

    RawBulkFloor(RestClient rest, List<BulkBodies.Body> bodies, int concurrentRequests, FreshIndices indices) {
        this.rest = rest;
        this.bodies = List.copyOf(bodies);
        this.concurrentRequests = concurrentRequests;
        this.indices = indices;
    }

    @Override
    public String name() {
        return "raw _bulk (floor)";
    }

    @Override
    public long run() {
        return Workers.sum(bodies, concurrentRequests, this::send);
    }

    @Override
    public void prepare() {
        indices.deleteIndices();
    }

    private long send(BulkBodies.Body body) throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            Request request = new Request("POST", "/_bulk");
            request.setEntity(new ByteArrayEntity(body.bytes(), NDJSON));
            try {
                Response response = rest.performRequest(request);
                try (InputStream in = response.getEntity().getContent()) {
                    return created(in, body.documents());
                }
            } catch (ResponseException e) {
                // the indexer retries 429 with backoff too; anything else is a broken floor
                if (e.getResponse().getStatusLine().getStatusCode() != 429 || attempt == MAX_ATTEMPTS) {
                    throw e;
                }
                Thread.sleep(100L * attempt);
            }
        }
    }

    /** Reads {@code errors} and counts items with status 201; a body with errors fails the floor. */
    static long created(InputStream response, int expected) throws IOException {
        long created = 0;
        boolean errors = false;
        try (JsonParser parser = JSON.createParser(response)) {
            int depth = 0;
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                    depth++;
                } else if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                    depth--;
                } else if (token == JsonToken.FIELD_NAME) {
                    String field = parser.currentName();
                    if (depth == 1 && field.equals("errors")) {
                        errors = parser.nextToken() == JsonToken.VALUE_TRUE;
                    } else if (depth == 4 && field.equals("status")) {
                        // {"items":[{"create":{"status":201}}]}: root object, items array, item, action
                        parser.nextToken();
                        if (parser.getIntValue() == 201) {
                            created++;
                        }
                    }
                }
            }
        }
        if (errors || created != expected) {
            throw new BenchmarkException("the raw _bulk floor created " + created + " of " + expected
                    + " documents" + (errors ? " (errors: true)" : "")
                    + ": the target indices were not fresh or the cluster rejects documents");
        }
        return created;
    }
}
