package io.monitron.indexer.cli;

import java.util.Map;
import java.util.Optional;

/** The process environment, replaceable in tests. Blank values count as unset. */
public record Environment(Map<String, String> variables) {
    public static Environment system() {
        return new Environment(System.getenv());
    }

    public Optional<String> get(String name) {
        String value = variables.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }
}
