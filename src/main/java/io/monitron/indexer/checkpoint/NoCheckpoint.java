package io.monitron.indexer.checkpoint;

import io.monitron.indexer.model.Input;

/** Remembers nothing: every input is read ({@code --full}, dry runs, file output). */
public final class NoCheckpoint implements Checkpoint {
    @Override
    public boolean isDone(Input input) {
        return false;
    }

    @Override
    public void markDone(Input input) {}

    @Override
    public void save() {}
}
