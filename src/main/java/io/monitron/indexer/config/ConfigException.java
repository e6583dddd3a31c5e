package io.monitron.indexer.config;

/** The settings cannot work as given (exit code 2). The message says what to change. */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
