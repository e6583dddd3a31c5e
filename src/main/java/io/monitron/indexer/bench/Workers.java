package io.monitron.indexer.bench;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** Runs a per-item job over a list with a fixed number of threads taking the next item as they free up. */
final class Workers {
    interface Job<T> {
        long apply(T item) throws Exception;
    }

    private Workers() {}

    /** Returns the sum of what the jobs returned; the first failure fails the whole. */
    static <T> long sum(List<T> items, int threads, Job<T> job) {
        AtomicInteger next = new AtomicInteger();
        LongAdder total = new LongAdder();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < items.size(); i = next.getAndIncrement()) {
                        total.add(job.apply(items.get(i)));
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
            return total.sum();
        } catch (ExecutionException e) {
            throw new BenchmarkException("a worker failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchmarkException("interrupted", e);
        } finally {
            pool.shutdownNow();
        }
    }
}
