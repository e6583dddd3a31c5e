package io.monitron.indexer.parse;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Records everything a reader reports, for assertions. */
final class CollectingListener implements RecordListener {
    final List<ObjectNode> events = new ArrayList<>();
    final List<RecordPosition> eventPositions = new ArrayList<>();
    final List<Rejection> rejections = new ArrayList<>();
    final List<SkipReason> skipped = new ArrayList<>();
    private final Predicate<String> prefilter;

    CollectingListener() {
        this(raw -> true);
    }

    CollectingListener(Predicate<String> prefilter) {
        this.prefilter = prefilter;
    }

    @Override
    public void onEvent(ObjectNode event, RecordPosition position) {
        events.add(event);
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
    public boolean mightMatch(
            byte[] utf8, int offset, int length, boolean escaped, int sourceOffset, int sourceLength) {
        return prefilter.test(new String(utf8, offset, length, java.nio.charset.StandardCharsets.UTF_8));
    }

    List<String> eventIds() {
        return events.stream().map(e -> e.path("eventID").asText()).toList();
    }
}
