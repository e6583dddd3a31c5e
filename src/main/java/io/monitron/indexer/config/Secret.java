package io.monitron.indexer.config;

import java.util.Objects;

/**
 * A password or key. Its {@code toString} never shows the value, so a secret that ends up in a log line, an exception
 * message or a record's string form prints as {@code ****}.
 */
public final class Secret {
    private final String value;

    private Secret(String value) {
        this.value = Objects.requireNonNull(value);
    }

    public static Secret of(String value) {
        return new Secret(value);
    }

    /** The value itself; call only where it is handed to the protocol that needs it. */
    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "****";
    }
}
