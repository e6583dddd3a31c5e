package io.monitron.indexer.transform;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.monitron.indexer.model.RecordPosition;

/**
 * Turns one CloudTrail event into one flat, typed document (see docs/fields.md). Thread-safe; never throws for
 * event content: whatever the event holds, the result is a document or an {@link Transformed.Invalid} reason.
 */
public interface EventTransformer {
    /**
     * @param original the event's JSON text as it stood in the input, kept in {@code event.original}; null to have the
     *     parsed event written back as text instead
     */
    Transformed transform(ObjectNode event, String original, RecordPosition position);
}
