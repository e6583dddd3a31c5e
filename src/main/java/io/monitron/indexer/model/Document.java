package io.monitron.indexer.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * One Elasticsearch document built from one CloudTrail event.
 *
 * @param id the document id: the event's eventID, or a stable hash of the event when it has none
 * @param timestamp the event time; it chooses the index, so an event always lands on the same document
 * @param source the document body
 * @param position where the event came from
 */
public record Document(String id, Instant timestamp, ObjectNode source, RecordPosition position) {}
