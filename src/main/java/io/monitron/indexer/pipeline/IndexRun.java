package io.monitron.indexer.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.monitron.indexer.checkpoint.Checkpoint;
import io.monitron.indexer.concurrent.DaemonThreads;
import io.monitron.indexer.model.Input;
import io.monitron.indexer.model.RecordPosition;
import io.monitron.indexer.model.Rejection;
import io.monitron.indexer.model.TrailPath;
import io.monitron.indexer.parse.EventReader;
import io.monitron.indexer.parse.NeedleSearch;
import io.monitron.indexer.parse.RecordListener;
import io.monitron.indexer.parse.SkipReason;
import io.monitron.indexer.port.DeadLetter;
import io.monitron.indexer.port.DocumentSink;
import io.monitron.indexer.port.Source;
import io.monitron.indexer.transform.EventFilter;
import io.monitron.indexer.transform.EventTransformer;
import io.monitron.indexer.transform.Transformed;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One batch run: source → reader → filter → transformer → sink, inputs read by {@code concurrency} workers, each input
 * marked done in the checkpoint only once all its documents are acknowledged or dead-lettered.
 */
public final class IndexRun {
    private static final Logger LOG = LoggerFactory.getLogger(IndexRun.class);
    private static final long SAVE_INTERVAL_SECONDS = 15;
    private static final NeedleSearch EVENT_SOURCE_KEY = NeedleSearch.of(java.util.List.of("\"eventSource\""), false);

    private final Source source;
    private final EventReader reader;
    private final EventFilter filter;
    private final EventTransformer transformer;
    private final DocumentSink sink;
    private final DeadLetter deadLetter;
    private final Checkpoint checkpoint;
    private final int concurrency;
    private final RunControl control;
    private final RunStats stats = new RunStats();
    private final AtomicReference<RuntimeException> fatal = new AtomicReference<>();
    private Progress progress;

    public IndexRun(
            Source source,
            EventReader reader,
            EventFilter filter,
            EventTransformer transformer,
            DocumentSink sink,
            DeadLetter deadLetter,
            Checkpoint checkpoint,
            int concurrency,
            RunControl control) {
        this.source = source;
        this.reader = reader;
        this.filter = filter;
        this.transformer = transformer;
        this.sink = sink;
        this.deadLetter = deadLetter;
        this.checkpoint = checkpoint;
        this.concurrency = Math.max(1, concurrency);
        this.control = control;
    }

    public RunStats stats() {
        return stats;
    }

    /** Shows progress while running (default: none). */
    public IndexRun withProgress(Progress.Mode mode, java.io.PrintStream terminal) {
        this.progress = new Progress(stats, mode, terminal);
        return this;
    }

    /**
     * Runs to the end (or to a stop request) and returns the figures.
     *
     * @throws RuntimeException the first fatal failure: {@code SinkException}, {@code SourceException},
     *     {@code CheckpointException}; whatever completed before it is saved in the checkpoint
     */
    public RunStats run() {
        long start = System.nanoTime();
        ScheduledExecutorService saver = Executors.newSingleThreadScheduledExecutor(new DaemonThreads("checkpoint"));
        saver.scheduleWithFixedDelay(
                this::saveCheckpoint, SAVE_INTERVAL_SECONDS, SAVE_INTERVAL_SECONDS, TimeUnit.SECONDS);
        Progress shown = progress != null ? progress : new Progress(stats, Progress.Mode.QUIET, System.err);
        shown.start();
        try (Stream<Input> inputs = source.inputs(io.monitron.indexer.port.Listing.IGNORE)) {
            Iterator<Input> listing = inputs.iterator();
            // the workers take the next input from the listing themselves: no listing thread competing with them for
            // the cores, no hand-over between threads
            ExecutorService workers = Executors.newFixedThreadPool(concurrency, new DaemonThreads("reader"));
            for (int i = 0; i < concurrency; i++) {
                workers.execute(() -> work(listing, shown));
            }
            workers.shutdown();
            awaitQuietly(workers);
        } catch (RuntimeException e) {
            fatal.compareAndSet(null, e);
        }
        if (control.stopRequested()) {
            sink.stopRetrying();
        }
        try {
            sink.finish();
        } catch (RuntimeException e) {
            fatal.compareAndSet(null, e);
        }
        saver.shutdownNow();
        awaitQuietly(saver);
        saveCheckpoint();
        shown.close();
        stats.elapsed(Duration.ofNanos(System.nanoTime() - start));
        RuntimeException failure = fatal.get();
        if (failure != null) {
            throw failure;
        }
        return stats;
    }

    /** One worker: takes the next input to read from the listing, reads it, until the listing ends or the run stops. */
    private void work(Iterator<Input> listing, Progress shown) {
        for (Input input = nextToRead(listing, shown); input != null; input = nextToRead(listing, shown)) {
            try {
                process(input);
            } catch (RuntimeException e) {
                fatal.compareAndSet(null, e);
            }
        }
    }

    /**
     * The next listed input that needs reading, or null when the listing has ended or the run is stopping. Inputs are
     * judged here, one worker at a time and in listing order, so the checkpoint sees them in the order they were
     * listed.
     */
    private Input nextToRead(Iterator<Input> listing, Progress shown) {
        synchronized (listing) {
            try {
                while (!control.stopRequested() && fatal.get() == null) {
                    if (!listing.hasNext()) {
                        shown.listingComplete();
                        return null;
                    }
                    Input input = listing.next();
                    shown.listed(input.size());
                    if (needsReading(input)) {
                        return input;
                    }
                }
            } catch (RuntimeException e) {
                fatal.compareAndSet(null, e); // the listing failed (e.g. S3 refused a page)
            }
            return null;
        }
    }

    private void saveCheckpoint() {
        try {
            checkpoint.save();
        } catch (RuntimeException e) {
            fatal.compareAndSet(null, e);
        }
    }

    private static void awaitQuietly(ExecutorService workers) {
        try {
            while (!workers.awaitTermination(1, TimeUnit.MINUTES)) {
                LOG.debug("waiting for readers to finish");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean needsReading(Input input) {
        switch (TrailPath.of(input.location())) {
            case DIGEST -> {
                stats.filesDigest.increment();
                return false;
            }
            case INSIGHT -> {
                stats.filesInsight.increment();
                return false;
            }
            case LOG -> {}
        }
        if (checkpoint.isDone(input)) {
            stats.filesUnchanged.increment();
            return false;
        }
        return true;
    }

    private void process(Input input) {
        if (control.stopRequested() || fatal.get() != null) {
            return;
        }
        InputProgress progress = new InputProgress(input, stats, this::completed);
        Listener listener = new Listener(progress);
        boolean completely = false;
        try (InputStream in = input.open()) {
            long records = reader.read(in, input.location(), listener);
            stats.records.add(records);
            stats.filesRead.increment();
            if (input.size() > 0) {
                stats.bytesRead.add(input.size());
            }
            completely = true;
        } catch (RunControl.Stopped e) {
            LOG.debug("stopped while reading {}", input.location());
        } catch (IOException e) {
            stats.filesFailed.increment();
            String reason = "cannot read the input: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage());
            LOG.warn("{}: {}", input.location(), reason);
            deadLetter.write(new Rejection(RecordPosition.wholeInput(input.location()), reason, null));
            stats.recordsRejected.increment();
        } finally {
            if (listener.rejected) {
                stats.filesWithRejections.increment();
            }
            progress.readingFinished(completely);
        }
    }

    private void completed(InputProgress progress) {
        if (progress.succeeded()) {
            checkpoint.markDone(progress.input());
        }
    }

    /** Per-input reader callbacks. Runs on the reading thread. */
    private final class Listener implements RecordListener {
        private final InputProgress progress;
        private boolean rejected;

        Listener(InputProgress progress) {
            this.progress = progress;
        }

        @Override
        public boolean mightMatch(byte[] utf8, int offset, int length, int sourceOffset, int sourceLength) {
            if (sourceOffset >= 0) {
                // the scanner found the record's eventSource value: compare it, search nothing
                return filter.wantsSource(utf8, sourceOffset, sourceLength);
            }
            // a record without an eventSource key cannot be judged by the filter: parse it, so it is rejected, not
            // silently dropped
            return filter.mightMatch(utf8, offset, length) || !EVENT_SOURCE_KEY.foundIn(utf8, offset, offset + length);
        }

        @Override
        public java.util.Optional<NeedleSearch> possibleMatches() {
            return filter.possibleMatches();
        }

        @Override
        public void onEvent(ObjectNode event, String original, RecordPosition position) {
            if (control.stopRequested()) {
                throw new RunControl.Stopped();
            }
            if (!event.path("eventSource").isTextual()) {
                onRejected(new Rejection(position, "event has no eventSource string", event.toString()));
                return;
            }
            if (!filter.test(event)) {
                return;
            }
            stats.eventsMatched.increment();
            Transformed transformed = transformer.transform(event, original, position);
            if (transformed instanceof Transformed.Built built) {
                progress.documentAdded();
                sink.add(built.document(), progress);
            } else if (transformed instanceof Transformed.Invalid invalid) {
                onRejected(new Rejection(position, invalid.reason(), event.toString()));
            }
        }

        @Override
        public void onRejected(Rejection rejection) {
            rejected = true;
            stats.recordsRejected.increment();
            LOG.warn("{}: {}", rejection.position(), rejection.reason());
            deadLetter.write(rejection);
        }

        @Override
        public void onSkipped(RecordPosition position, SkipReason reason) {
            switch (reason) {
                case DIGEST -> {
                    if (position.record() <= 1) {
                        stats.filesDigest.increment();
                    }
                }
                case EMPTY -> stats.filesEmpty.increment();
                case TAIL_CANNOT_MATCH -> stats.filesTailNotSplit.increment();
                default -> stats.recordsSkipped.increment();
            }
        }
    }
}
