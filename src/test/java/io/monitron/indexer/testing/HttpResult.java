package io.monitron.indexer.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The outcome of a raw HTTP request made through {@link ElasticsearchFixture#request(String, String, String)}: the
 * status code and the response body as text (empty for responses without a body, e.g. {@code HEAD}).
 */
public record HttpResult(int status, String body) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Whether the status is 2xx. */
    public boolean isSuccessful() {
        return status >= 200 && status < 300;
    }

    /**
     * The body parsed as JSON.
     *
     * @throws IllegalStateException if the body is not JSON, with the body in the message
     */
    public JsonNode json() {
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("response body (HTTP " + status + ") is not JSON: " + body, e);
        }
    }
}
