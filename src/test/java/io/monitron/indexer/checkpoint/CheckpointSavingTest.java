package io.monitron.indexer.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.monitron.indexer.model.PartitionState;
import io.monitron.indexer.port.StateStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Saving the state never holds up acknowledgements: what to write is copied under the lock, written outside it. */
class CheckpointSavingTest {
    /** A store whose writes wait until the test lets them through, like Elasticsearch taking its time. */
    static final class SlowStore implements StateStore {
        final InMemoryStateStore inner = new InMemoryStateStore();
        final CountDownLatch writing = new CountDownLatch(1);
        final CountDownLatch proceed = new CountDownLatch(1);

        @Override
        public List<PartitionState> load(String scope) {
            return inner.load(scope);
        }

        @Override
        public Optional<String> save(PartitionState state) {
            writing.countDown();
            try {
                proceed.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return inner.save(state);
        }

        @Override
        public Optional<PartitionState> load(String scope, String partition) {
            return inner.load(scope, partition);
        }

        @Override
        public void delete(String scope) {
            inner.delete(scope);
        }
    }

    @Test
    void markingDoneDoesNotWaitForASaveInProgress() throws Exception {
        SlowStore store = new SlowStore();
        PartitionedCheckpoint checkpoint =
                new PartitionedCheckpoint(store, "scope", Duration.ofHours(48), Optional.empty(), false);
        Instant t = Instant.parse("2026-11-01T10:00:00Z");
        var first = PartitionedCheckpointTest.file("111122223333", "us-east-1", t, "a");
        var second = PartitionedCheckpointTest.file("111122223333", "us-east-1", t.plusSeconds(300), "b");
        checkpoint.isDone(first);
        checkpoint.isDone(second);
        checkpoint.markDone(first);
        CompletableFuture<Void> saving = CompletableFuture.runAsync(checkpoint::save);
        assertThat(store.writing.await(10, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Void> marking = CompletableFuture.runAsync(() -> checkpoint.markDone(second));

        // the save is still blocked in the store, yet the acknowledgement went through
        marking.get(10, TimeUnit.SECONDS);
        assertThat(saving).isNotDone();
        store.proceed.countDown();
        saving.get(10, TimeUnit.SECONDS);
        checkpoint.save(); // the second input, marked during the first save, is written by the next one
        PartitionedCheckpoint reloaded =
                new PartitionedCheckpoint(store.inner, "scope", Duration.ofHours(48), Optional.empty(), false);
        assertThat(reloaded.isDone(first)).isTrue();
        assertThat(reloaded.isDone(second)).isTrue();
    }
}
