package io.monitron.indexer.model;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * What is done in one partition (an account and region of a trail, or the inputs that follow no layout): every input
 * stamped before the {@code watermark}, plus the inputs listed in {@code done} (key → version, with their stamps).
 *
 * @param scope the source this state belongs to (e.g. {@code s3://bucket/prefix}, {@code path:/data/trail})
 * @param partition e.g. {@code 111122223333/eu-west-1}
 * @param watermark inputs stamped strictly before it are done; empty when nothing is known
 * @param done inputs at or after the watermark that are done: key → entry
 * @param concurrencyToken an opaque version of the stored state for optimistic updates, empty when never stored
 */
public record PartitionState(
        String scope,
        String partition,
        Optional<Instant> watermark,
        Map<String, DoneEntry> done,
        Optional<String> concurrencyToken) {

    /** One completed input: its version (size@mtime, an ETag) and its delivery stamp, if it has one. */
    public record DoneEntry(String version, Optional<Instant> stamp) {}
}
