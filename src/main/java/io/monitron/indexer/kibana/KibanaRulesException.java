package io.monitron.indexer.kibana;

import java.util.OptionalInt;

/**
 * Creating or updating a Kibana alerting rule failed: Kibana was unreachable or answered with a status that is not
 * success. The message names the rule and says what to do; it never contains credentials.
 */
public class KibanaRulesException extends RuntimeException {

    private final OptionalInt status;

    KibanaRulesException(String message, OptionalInt status, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** The HTTP status Kibana answered with, when it answered. */
    public OptionalInt status() {
        return status;
    }
}
