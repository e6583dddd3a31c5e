package io.monitron.indexer.transform;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.monitron.indexer.parse.RecordPosition;

/**
 * Turns one CloudTrail event into one flat, typed document (see docs/fields.md). Thread-safe; never throws for
 * event content: whatever the event holds, the result is a document or an {@link Transformed.Invalid} reason.
 */
public interface EventTransformer {
    Transformed transform(ObjectNode event, RecordPosition position);
}
