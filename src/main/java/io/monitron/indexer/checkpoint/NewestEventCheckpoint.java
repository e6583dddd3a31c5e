package io.monitron.indexer.checkpoint;

import io.monitron.indexer.model.Input;
import io.monitron.indexer.model.PartitionState;
import io.monitron.indexer.port.CheckpointException;
import io.monitron.indexer.port.StateStore;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The state of Event History (LookupEvents) runs: per region, the newest event time of the last complete run. Pages
 * are never "done" one by one (they shift as new events arrive); instead the next run starts from that time (the
 * source subtracts an overlap), and deterministic ids make the overlap harmless.
 *
 * <p>Event History returns newest events first, so a run that stopped early has read only the newest part: the times
 * are saved only when every page listed in this run was completed, and only for regions the source read to the end.
 */
public final class NewestEventCheckpoint implements Checkpoint {
    private final StateStore store;
    private final String scope;
    private final Map<String, PartitionState> stored = new HashMap<>();
    private Supplier<Map<String, Instant>> newestEventTimes = Map::of;
    /** Inputs listed and not completed yet. */
    private final java.util.concurrent.atomic.AtomicInteger pending = new java.util.concurrent.atomic.AtomicInteger();

    private boolean runComplete;

    public NewestEventCheckpoint(StateStore store, String scope) {
        this.store = store;
        this.scope = scope;
        for (PartitionState state : store.load(scope)) {
            stored.put(state.partition(), state);
        }
    }

    /** Where the newest event times of this run come from (the source, once it has read its regions). */
    public void newestEventTimesFrom(Supplier<Map<String, Instant>> supplier) {
        this.newestEventTimes = supplier;
    }

    /** The newest event time a previous complete run saw in this region. */
    public synchronized Optional<Instant> startAfter(String region) {
        PartitionState state = stored.get(region);
        return state == null ? Optional.empty() : state.watermark();
    }

    @Override
    public boolean isDone(Input input) {
        pending.incrementAndGet();
        return false;
    }

    @Override
    public void markDone(Input input) {
        pending.decrementAndGet();
    }

    /** Until the run ended complete, {@link #save()} writes nothing. */
    @Override
    public synchronized void runEnded(boolean complete) {
        runComplete = complete;
    }

    @Override
    public synchronized void save() {
        if (!runComplete || pending.get() != 0) {
            return;
        }
        for (Map.Entry<String, Instant> e : newestEventTimes.get().entrySet()) {
            PartitionState previous = stored.get(e.getKey());
            if (previous != null
                    && previous.watermark().isPresent()
                    && !e.getValue().isAfter(previous.watermark().get())) {
                continue;
            }
            PartitionState next = new PartitionState(
                    scope,
                    e.getKey(),
                    Optional.of(e.getValue()),
                    Map.of(),
                    previous == null ? Optional.empty() : previous.concurrencyToken());
            Optional<String> token = store.save(next);
            if (token.isEmpty()) {
                // another run saved first; keep the later of the two times
                PartitionState theirs = store.load(scope, e.getKey()).orElse(null);
                if (theirs != null
                        && theirs.watermark().isPresent()
                        && !theirs.watermark().get().isBefore(e.getValue())) {
                    stored.put(e.getKey(), theirs);
                    continue;
                }
                token = store.save(new PartitionState(
                        scope,
                        e.getKey(),
                        Optional.of(e.getValue()),
                        Map.of(),
                        theirs == null ? Optional.empty() : theirs.concurrencyToken()));
                if (token.isEmpty()) {
                    throw new CheckpointException(
                            "could not save the Event History state of " + e.getKey() + ": other runs keep changing it",
                            null);
                }
            }
            stored.put(e.getKey(), new PartitionState(scope, e.getKey(), Optional.of(e.getValue()), Map.of(), token));
        }
    }
}
