package io.monitron.indexer.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class NewIndicesTest {
    private static final IndexNames MONTHLY = new IndexNames("p");

    private static String month(int n) {
        Instant time = ZonedDateTime.of(1996, 1, 15, 0, 0, 0, 0, ZoneOffset.UTC)
                .plusMonths(n)
                .toInstant();
        return MONTHLY.indexFor(time);
    }

    @Test
    void countsEachNewIndexOnceAndLeavesOutThoseThatExisted() {
        NewIndices indices = new NewIndices(Set.of("p-1996.01"));

        assertThat(indices.writingTo("p-1996.01")).isFalse();
        assertThat(indices.writingTo("p-1996.02")).isFalse();
        assertThat(indices.writingTo("p-1996.02")).isFalse();
        assertThat(indices.writingTo("p-1996.03")).isFalse();

        assertThat(indices.count()).isEqualTo(2);
    }

    @Test
    void saysOnceWhenANewIndexTakesTheCountPastTheLimit() {
        NewIndices indices = new NewIndices(Set.of());
        int told = 0;
        int toldAt = -1;
        // one event a month over 30 years: 360 monthly indices, each written to several times
        for (int n = 0; n < 360; n++) {
            for (int repeat = 0; repeat < 3; repeat++) {
                if (indices.writingTo(month(n))) {
                    told++;
                    toldAt = indices.count();
                }
            }
        }

        assertThat(told).isEqualTo(1);
        assertThat(toldAt).isEqualTo(NewIndices.WARN_AFTER + 1);
        assertThat(indices.count()).isEqualTo(360);
    }

    @Test
    void isExactWhenWriterThreadsRace() throws Exception {
        NewIndices indices = new NewIndices(Set.of());
        AtomicInteger told = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Future<?>[] writers = new Future<?>[4];
            for (int w = 0; w < writers.length; w++) {
                writers[w] = pool.submit(() -> {
                    for (int n = 0; n < 200; n++) {
                        if (indices.writingTo(month(n))) {
                            told.incrementAndGet();
                        }
                    }
                });
            }
            for (Future<?> writer : writers) {
                writer.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(indices.count()).isEqualTo(200);
        assertThat(told).hasValue(1);
    }
}
