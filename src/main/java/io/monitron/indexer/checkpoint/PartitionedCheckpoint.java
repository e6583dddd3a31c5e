package io.monitron.indexer.checkpoint;

import io.monitron.indexer.model.Input;
import io.monitron.indexer.model.PartitionState;
import io.monitron.indexer.model.TrailKey;
import io.monitron.indexer.port.CheckpointException;
import io.monitron.indexer.port.StateStore;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The checkpoint with a size bound: per partition (account/region, read from the trail layout), a watermark behind
 * which every input counts as done, and per-input entries only for inputs stamped after it.
 *
 * <p>The watermark moves to {@code newest completed stamp - lookBack}, but never past an input that was seen in this
 * run and not completed, so a failed or unfinished input is read again by the next run, and a file delivered late (up
 * to {@code lookBack} after newer files of its partition) is still found. Entries behind the watermark are dropped:
 * the state of a partition holds at most the inputs of one look-back window plus one run.
 *
 * <p>Inputs outside the trail layout (any file name) have no stamp: they are remembered one entry each, in partition
 * {@value #UNSTAMPED}.
 *
 * <p>{@link #isDone} must be called for inputs in listing order, before they are read: it registers them as seen.
 */
public final class PartitionedCheckpoint implements Checkpoint {
    public static final String UNSTAMPED = "unstamped";
    private static final int MAX_SAVE_ATTEMPTS = 5;

    private final StateStore store;
    private final String scope;
    private final Duration lookBack;
    private final Map<String, Partition> partitions = new HashMap<>();
    private final Optional<Instant> since;
    private final boolean readEverything;
    /** Held by the one save in progress; never while holding {@code this}. */
    private final Object saving = new Object();

    /** Mutable per-run view of one partition. */
    private static final class Partition {
        PartitionState stored;
        Optional<Instant> watermark;
        final Map<String, PartitionState.DoneEntry> done;
        /** Inputs seen in this run and not (yet) completed: key → stamp. */
        final Map<String, Instant> pending = new HashMap<>();

        boolean dirty;

        Partition(PartitionState stored) {
            this.stored = stored;
            this.watermark = stored.watermark();
            this.done = new HashMap<>(stored.done());
        }
    }

    /**
     * @param since for partitions with no state yet: inputs stamped before it count as done ({@code --since})
     * @param readEverything report nothing as done, but still record what this run completes ({@code --full})
     */
    public PartitionedCheckpoint(
            StateStore store, String scope, Duration lookBack, Optional<Instant> since, boolean readEverything) {
        this.store = store;
        this.scope = scope;
        this.lookBack = lookBack;
        this.since = since;
        this.readEverything = readEverything;
        for (PartitionState state : store.load(scope)) {
            partitions.put(state.partition(), new Partition(state));
        }
    }

    /** The first day worth listing for a partition, from its watermark; empty when nothing is known. */
    public synchronized Optional<LocalDate> firstDayToList(String partition) {
        Partition p = partitions.get(partition);
        Optional<Instant> watermark =
                readEverything ? Optional.empty() : (p == null ? since : p.watermark.or(() -> since));
        return watermark.map(w -> LocalDate.ofInstant(w, ZoneOffset.UTC));
    }

    @Override
    public synchronized boolean isDone(Input input) {
        Optional<TrailKey> trailKey = TrailKey.parse(input.stateKey());
        Partition p = partition(trailKey.map(TrailKey::partition).orElse(UNSTAMPED));
        Optional<Instant> stamp = trailKey.map(TrailKey::stamp);
        if (!readEverything) {
            Optional<Instant> watermark = p.watermark.or(() -> since);
            if (stamp.isPresent() && watermark.isPresent() && stamp.get().isBefore(watermark.get())) {
                return true;
            }
            PartitionState.DoneEntry entry = p.done.get(input.stateKey());
            if (entry != null && entry.version().equals(input.version())) {
                return true;
            }
        }
        p.pending.put(input.stateKey(), stamp.orElse(Instant.EPOCH));
        return false;
    }

    @Override
    public synchronized void markDone(Input input) {
        Optional<TrailKey> trailKey = TrailKey.parse(input.stateKey());
        Partition p = partition(trailKey.map(TrailKey::partition).orElse(UNSTAMPED));
        p.pending.remove(input.stateKey());
        p.done.put(input.stateKey(), new PartitionState.DoneEntry(input.version(), trailKey.map(TrailKey::stamp)));
        p.dirty = true;
    }

    /**
     * Writes the partitions changed since the last save. What to write is copied under the lock; the writes happen
     * outside it, so {@link #markDone} never waits for Elasticsearch.
     */
    @Override
    public void save() {
        synchronized (saving) {
            List<PartitionState> changed = new ArrayList<>();
            synchronized (this) {
                for (Map.Entry<String, Partition> e : partitions.entrySet()) {
                    Partition p = e.getValue();
                    if (p.dirty) {
                        advanceWatermark(p);
                        changed.add(snapshot(e.getKey(), p));
                        p.dirty = false;
                    }
                }
            }
            for (int i = 0; i < changed.size(); i++) {
                try {
                    saveWithMerge(changed.get(i));
                } catch (RuntimeException e) {
                    synchronized (this) {
                        // not saved: the next save tries again
                        changed.subList(i, changed.size()).forEach(s -> partitions.get(s.partition()).dirty = true);
                    }
                    throw e;
                }
            }
        }
    }

    private PartitionState snapshot(String name, Partition p) {
        return new PartitionState(scope, name, p.watermark, new TreeMap<>(p.done), p.stored.concurrencyToken());
    }

    /** How many per-input entries the state holds now, all partitions together (for tests and the README bound). */
    public synchronized int entryCount() {
        return partitions.values().stream().mapToInt(p -> p.done.size()).sum();
    }

    public synchronized Optional<Instant> watermark(String partition) {
        Partition p = partitions.get(partition);
        return p == null ? Optional.empty() : p.watermark;
    }

    private Partition partition(String name) {
        return partitions.computeIfAbsent(
                name, n -> new Partition(new PartitionState(scope, n, Optional.empty(), Map.of(), Optional.empty())));
    }

    private void advanceWatermark(Partition p) {
        Optional<Instant> newest = p.done.values().stream()
                .map(PartitionState.DoneEntry::stamp)
                .flatMap(Optional::stream)
                .max(Instant::compareTo);
        if (newest.isEmpty()) {
            return;
        }
        Instant candidate = newest.get().minus(lookBack);
        for (Instant pendingStamp : p.pending.values()) {
            if (!pendingStamp.equals(Instant.EPOCH) && pendingStamp.isBefore(candidate)) {
                candidate = pendingStamp;
            }
        }
        if (p.watermark.isPresent() && !candidate.isAfter(p.watermark.get())) {
            return;
        }
        Instant watermark = candidate;
        p.watermark = Optional.of(watermark);
        p.done.values().removeIf(d -> d.stamp().isPresent() && d.stamp().get().isBefore(watermark));
    }

    private void saveWithMerge(PartitionState state) {
        String name = state.partition();
        for (int attempt = 1; attempt <= MAX_SAVE_ATTEMPTS; attempt++) {
            Optional<String> token = store.save(state);
            if (token.isPresent()) {
                synchronized (this) {
                    partitions.get(name).stored =
                            new PartitionState(scope, name, state.watermark(), Map.copyOf(state.done()), token);
                }
                return;
            }
            // another run saved this partition since we loaded it: keep the union of both
            PartitionState theirs = store.load(scope, name)
                    .orElseThrow(() -> new CheckpointException(
                            "state of " + scope + " " + name + " changed and vanished while saving", null));
            synchronized (this) {
                Partition p = partitions.get(name);
                merge(p, theirs);
                state = snapshot(name, p);
            }
        }
        throw new CheckpointException(
                "could not save the state of " + scope + " " + name + " after " + MAX_SAVE_ATTEMPTS
                        + " attempts: other runs keep changing it",
                null);
    }

    private static void merge(Partition p, PartitionState theirs) {
        theirs.done().forEach(p.done::putIfAbsent);
        if (theirs.watermark().isPresent()
                && (p.watermark.isEmpty() || theirs.watermark().get().isAfter(p.watermark.get()))) {
            Instant watermark = theirs.watermark().get();
            p.watermark = Optional.of(watermark);
            p.done.values()
                    .removeIf(d -> d.stamp().isPresent() && d.stamp().get().isBefore(watermark));
        }
        p.stored = theirs;
    }
}
