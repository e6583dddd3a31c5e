package io.monitron.indexer.kibana;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * Importing saved objects into Kibana failed: Kibana was unreachable, answered with a non-2xx status, or reported
 * errors for some objects. The message says what to do; it never contains credentials.
 */
public class KibanaImportException extends RuntimeException {

    private final OptionalInt status;
    private final transient ImportReport report;

    KibanaImportException(String message, OptionalInt status, ImportReport report, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.report = report;
    }

    /**
     * The same failure with advice only the caller can give (how it may wait for Kibana, say) after the message.
     *
     * @param advice what to do, for the user; never credentials
     */
    public KibanaImportException withAdvice(String advice) {
        KibanaImportException advised =
                new KibanaImportException(getMessage() + "; " + advice, status, report, getCause());
        advised.setStackTrace(getStackTrace());
        return advised;
    }

    /** The HTTP status Kibana answered with, when it answered. */
    public OptionalInt status() {
        return status;
    }

    /** The parsed import response, when Kibana answered 200 but reported object errors. */
    public Optional<ImportReport> report() {
        return Optional.ofNullable(report);
    }
}
