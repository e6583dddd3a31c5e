package io.monitron.indexer.kibana;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Builds the {@code Authorization} header values Kibana accepts. */
public final class KibanaAuthorization {

    private KibanaAuthorization() {}

    /** HTTP basic authentication for a Kibana (Elasticsearch) user. */
    public static String basic(String username, String password) {
        String pair = username + ":" + password;
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * An Elasticsearch API key.
     *
     * @param encoded the {@code encoded} value Elasticsearch returns when it creates the key (base64 of {@code id:key})
     */
    public static String apiKey(String encoded) {
        return "ApiKey " + encoded;
    }
}
