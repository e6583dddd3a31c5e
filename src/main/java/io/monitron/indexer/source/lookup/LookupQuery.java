package io.monitron.indexer.source.lookup;

import java.time.Instant;
import java.util.Optional;

/**
 * What to ask Event History for: one lookup attribute (the API takes only one) and an optional time range.
 *
 * @param attributeKey a LookupEvents attribute key, e.g. {@code EventSource}
 * @param attributeValue its value, e.g. {@code monitron.amazonaws.com}
 * @param from events at or after this time (the index command's {@code --from})
 * @param to events up to this time (the index command's {@code --to}); the API's EndTime is inclusive, the event
 *     filter applies the exclusive bound
 */
public record LookupQuery(String attributeKey, String attributeValue, Optional<Instant> from, Optional<Instant> to) {
    public static final String EVENT_SOURCE = "EventSource";
    public static final String MONITRON = "monitron.amazonaws.com";

    /** Monitron's events ({@code EventSource = monitron.amazonaws.com}) in the range. */
    public static LookupQuery monitron(Optional<Instant> from, Optional<Instant> to) {
        return eventSource(MONITRON, from, to);
    }

    /** The events of one event source in the range. */
    public static LookupQuery eventSource(String eventSource, Optional<Instant> from, Optional<Instant> to) {
        return new LookupQuery(EVENT_SOURCE, eventSource, from, to);
    }
}
