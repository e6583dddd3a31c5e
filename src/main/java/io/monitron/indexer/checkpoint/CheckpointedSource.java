package io.monitron.indexer.checkpoint;

import io.monitron.indexer.model.Input;
import io.monitron.indexer.model.TrailPath;
import io.monitron.indexer.port.Listing;
import io.monitron.indexer.port.PassOver;
import io.monitron.indexer.port.Source;
import java.util.stream.Stream;

/**
 * A source whose inputs completed by earlier runs are passed over ({@link PassOver#ALREADY_DONE}), and whose
 * acknowledgements are recorded in a {@link Checkpoint}: the checkpoint is one consumer of the acknowledgement an input
 * gets once every document from it is indexed or dead-lettered. Digest and Insight files are handed over without
 * asking the checkpoint (the run counts them; they are never recorded).
 */
public final class CheckpointedSource implements Source {
    private final Source source;
    private final Checkpoint checkpoint;

    private CheckpointedSource(Source source, Checkpoint checkpoint) {
        this.source = source;
        this.checkpoint = checkpoint;
    }

    public static Source of(Source source, Checkpoint checkpoint) {
        return new CheckpointedSource(source, checkpoint);
    }

    @Override
    public Stream<Input> inputs(Listing listing) {
        return source.inputs(listing).filter(input -> {
            if (!recorded(input) || !checkpoint.isDone(input)) {
                return true;
            }
            listing.passedOver(input.location(), PassOver.ALREADY_DONE);
            source.acknowledge(input, true);
            return false;
        });
    }

    @Override
    public void acknowledge(Input input, boolean completed) {
        if (completed && recorded(input)) {
            checkpoint.markDone(input);
        }
        source.acknowledge(input, completed);
    }

    @Override
    public void commit() {
        checkpoint.save();
        source.commit();
    }

    @Override
    public void runEnded(boolean complete) {
        checkpoint.runEnded(complete);
        source.runEnded(complete);
    }

    @Override
    public void stop() {
        source.stop();
    }

    @Override
    public void close() {
        source.close();
    }

    private static boolean recorded(Input input) {
        return TrailPath.of(input.location()) == TrailPath.LOG;
    }
}
