package io.monitron.indexer.parse;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.monitron.indexer.model.RecordPosition;
import io.monitron.indexer.model.Rejection;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Records everything a reader reports, for assertions. */
final class CollectingListener implements RecordListener {
    final List<ObjectNode> events = new ArrayList<>();
    final List<RecordPosition> eventPositions = new ArrayList<>();
    /** Each event's original text, as the reader passed it (null entries allowed). */
    final List<String> originals = new ArrayList<>();

    final List<Rejection> rejections = new ArrayList<>();
    final List<SkipReason> skipped = new ArrayList<>();
    /** What the reader returned, for tests that keep it. */
    long recordsSplit;

    private final Predicate<String> prefilter;
    /** Where records of interest may lie; null: everywhere. */
    private final NeedleSearch interesting;

    CollectingListener() {
        this(raw -> true);
    }

    CollectingListener(Predicate<String> prefilter) {
        this.prefilter = prefilter;
        this.interesting = null;
    }

    /**
     * A listener interested, like the indexer's, only in records holding {@code needle} (or a unicode escape), and in
     * records without an {@code eventSource} (to have them rejected).
     */
    CollectingListener(String needle) {
        this.interesting = NeedleSearch.of(List.of(needle), true);
        this.prefilter = raw -> {
            byte[] bytes = raw.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            return interesting.foundIn(bytes, 0, bytes.length) || !raw.contains("\"eventSource\"");
        };
    }

    @Override
    public java.util.Optional<NeedleSearch> possibleMatches() {
        return java.util.Optional.ofNullable(interesting);
    }

    @Override
    public void onEvent(ObjectNode event, String original, RecordPosition position) {
        events.add(event);
        originals.add(original);
        eventPositions.add(position);
    }

    @Override
    public void onRejected(Rejection rejection) {
        rejections.add(rejection);
    }

    @Override
    public void onSkipped(RecordPosition position, SkipReason reason) {
        skipped.add(reason);
    }

    @Override
    public boolean mightMatch(byte[] utf8, int offset, int length, int sourceOffset, int sourceLength) {
        return prefilter.test(new String(utf8, offset, length, java.nio.charset.StandardCharsets.UTF_8));
    }

    List<String> eventIds() {
        return events.stream().map(e -> e.path("eventID").asText()).toList();
    }
}
