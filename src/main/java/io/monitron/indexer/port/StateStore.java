package io.monitron.indexer.port;

import io.monitron.indexer.model.PartitionState;
import java.util.List;
import java.util.Optional;

/** Where partition states live between runs. Implementations are shared by all runs on all machines. */
public interface StateStore {
    /** Every stored partition of {@code scope}. */
    List<PartitionState> load(String scope);

    /**
     * Stores {@code state} if the stored copy still has {@code state.concurrencyToken()}; returns the new token, or
     * empty when another run changed it first (the caller merges and tries again).
     *
     * @throws CheckpointException when the store cannot be written
     */
    Optional<String> save(PartitionState state);

    /** The current stored state of one partition, for merging after a conflict. */
    Optional<PartitionState> load(String scope, String partition);

    /** Removes every partition of {@code scope} ({@code --reset-state}). */
    void delete(String scope);
}
