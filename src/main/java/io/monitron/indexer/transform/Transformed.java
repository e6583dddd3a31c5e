package io.monitron.indexer.transform;

import io.monitron.indexer.model.Document;

/** The outcome of transforming one event: a document, or the reason there is none. */
public sealed interface Transformed {
    record Built(Document document) implements Transformed {}

    /** The event cannot become a document (e.g. no parseable eventTime); {@code reason} names the field. */
    record Invalid(String reason) implements Transformed {}
}
