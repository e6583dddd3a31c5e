package io.monitron.indexer.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
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
import io.monitron.indexer.port.Listing;
import io.monitron.indexer.port.PassOver;
import io.monitron.indexer.port.Source;
import io.monitron.indexer.transform.EventFilter;
import io.monitron.indexer.transform.EventTransformer;
import io.monitron.indexer.transform.Transformed;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Iterator;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run: source → reader → filter → transformer → sink, inputs read by {@code concurrency} workers. Each input is
 * acknowledged back to its source exactly once, when every document from it is acknowledged by the sink or
 * dead-lettered (completed), or when its reading was cut short or a document failed (not completed). The source's
 * {@link Source#commit()} makes that durable: every 15 seconds and once at the end.
 *
 * <p>What stops a run: a stop request (what is in flight is finished); a sink that failed for good (reading stops at
 * the next record); any throwable from a worker, a listing, a commit or the dead-letter place. The first fatal failure
 * is thrown by {@link #run()} after the other workers stopped and what completed was committed.
 *
 * <p>Built by {@link #reading(Source)}; a source may be unbounded, nothing here assumes the listing ends.
 */
public final class IndexRun {
    private static final Logger LOG = LoggerFactory.getLogger(IndexRun.class);
    private static final Duration COMMIT_INTERVAL = Duration.ofSeconds(15);
    private static final NeedleSearch EVENT_SOURCE_KEY = NeedleSearch.of(java.util.List.of("\"eventSource\""), false);

    private final Source source;
    private final EventReader reader;
    private final EventFilter filter;
    private final EventTransformer transformer;
    private final DocumentSink sink;
    private final DeadLetter deadLetter;
    private final int concurrency;
    private final RunControl control;
    private final Progress.Display display;
    private final RunStats stats = new RunStats();
    private final AtomicReference<RuntimeException> fatal = new AtomicReference<>();
    /** Whether the listing ran to its end, and every input handed over was completed (so far). */
    private volatile boolean listingEnded;

    private volatile boolean allCompleted = true;

    private IndexRun(Builder b) {
        this.source = Objects.requireNonNull(b.source, "source");
        this.reader = Objects.requireNonNull(b.reader, "reader");
        this.filter = Objects.requireNonNull(b.filter, "filter");
        this.transformer = Objects.requireNonNull(b.transformer, "transformer");
        this.sink = Objects.requireNonNull(b.sink, "sink");
        this.deadLetter = Objects.requireNonNull(b.deadLetter, "deadLetter");
        this.concurrency = Math.max(1, b.concurrency);
        this.control = b.control;
        this.display = b.display;
    }

    /** The one way to build a run: {@code IndexRun.reading(source).with(reader, filter, transformer).into(sink, dl)}. */
    public static Builder reading(Source source) {
        return new Builder(source);
    }

    /** The parts of a run; every part but the progress display and the control is required. */
    public static final class Builder {
        private final Source source;
        private EventReader reader;
        private EventFilter filter;
        private EventTransformer transformer;
        private DocumentSink sink;
        private DeadLetter deadLetter;
        private int concurrency = Runtime.getRuntime().availableProcessors();
        private RunControl control = new RunControl();
        private Progress.Display display = Progress.Display.NONE;

        private Builder(Source source) {
            this.source = source;
        }

        public Builder with(EventReader reader, EventFilter filter, EventTransformer transformer) {
            this.reader = reader;
            this.filter = filter;
            this.transformer = transformer;
            return this;
        }

        public Builder into(DocumentSink sink, DeadLetter deadLetter) {
            this.sink = sink;
            this.deadLetter = deadLetter;
            return this;
        }

        /** Inputs read at once (default: the number of cores). */
        public Builder concurrency(int concurrency) {
            this.concurrency = concurrency;
            return this;
        }

        /** Lets a signal handler stop the run (default: a control nobody else holds). */
        public Builder control(RunControl control) {
            this.control = control;
            return this;
        }

        /** Shows progress while running (default: none). */
        public Builder progress(Progress.Display display) {
            this.display = display;
            return this;
        }

        public IndexRun build() {
            return new IndexRun(this);
        }
    }

    public RunStats stats() {
        return stats;
    }

    /**
     * Runs to the end of the listing (or to a stop request, or the first fatal failure) and returns the figures.
     *
     * @throws RuntimeException the first fatal failure: {@code SinkException}, {@code SourceException}, {@code
     *     CheckpointException}, {@link InputFailedException}; whatever completed before it is committed
     */
    public RunStats run() {
        long start = System.nanoTime();
        ScheduledExecutorService committer = Executors.newSingleThreadScheduledExecutor(new DaemonThreads("commit"));
        committer.scheduleWithFixedDelay(
                this::commit, COMMIT_INTERVAL.toMillis(), COMMIT_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        Progress shown = new Progress(stats, display);
        shown.start();
        Listing listing = this::passedOver;
        try (Stream<Input> inputs = source.inputs(listing)) {
            // the source hears of a stop at once, before the inputs it cuts short are acknowledged: a queue gives
            // their messages back instead of leaving them hidden until their visibility timeout
            control.onStop(source::stop);
            Iterator<Input> listed = inputs.iterator();
            // the workers take the next input from the listing themselves: no listing thread competing with them for
            // the cores, no hand-over between threads
            ExecutorService workers = Executors.newFixedThreadPool(concurrency, new DaemonThreads("reader"));
            for (int i = 0; i < concurrency; i++) {
                workers.execute(() -> work(listed, shown));
            }
            workers.shutdown();
            awaitQuietly(workers);
        } catch (RuntimeException e) {
            fail(e);
        }
        if (control.stopRequested() || fatal.get() != null) {
            sink.stopRetrying();
        }
        try {
            sink.finish();
        } catch (RuntimeException e) {
            fail(e);
        }
        // shutdown, not shutdownNow: a periodic commit in progress finishes (interrupted, the Elasticsearch client
        // gives up on its state write with "thread waiting for the response was interrupted" and the run fails);
        // shutdown cancels the commits not yet started, and the last commit follows below
        committer.shutdown();
        awaitQuietly(committer);
        source.runEnded(fatal.get() == null && !control.stopRequested() && listingEnded && allCompleted);
        commit();
        shown.close();
        stats.elapsed(Duration.ofNanos(System.nanoTime() - start));
        RuntimeException failure = fatal.get();
        if (failure != null) {
            throw failure;
        }
        return stats;
    }

    private void fail(RuntimeException e) {
        if (fatal.compareAndSet(null, e)) {
            source.stop();
        }
    }

    private boolean stopping() {
        return control.stopRequested() || fatal.get() != null || sink.failed();
    }

    /** One worker: takes the next input from the listing, reads it, until the listing ends or the run stops. */
    private void work(Iterator<Input> listed, Progress shown) {
        for (Input input = next(listed, shown); input != null; input = next(listed, shown)) {
            try {
                process(input);
            } catch (RunControl.Stopped e) {
                LOG.debug("stopped while reading {}", input.location());
            } catch (RuntimeException e) {
                fail(e);
            } catch (Throwable e) { // an Error too: it must end the run, not just this worker
                fail(new InputFailedException(input.location(), e));
            }
        }
    }

    /** The next listed input, or null when the listing has ended or the run is stopping. One worker at a time. */
    private Input next(Iterator<Input> listed, Progress shown) {
        synchronized (listed) {
            try {
                while (!stopping()) {
                    if (!listed.hasNext()) {
                        listingEnded = true;
                        shown.listingComplete();
                        return null;
                    }
                    Input input = listed.next();
                    stats.inputsHandedOver.increment();
                    shown.listed(input.size());
                    PassOver passOver =
                            switch (TrailPath.of(input.location())) {
                                case DIGEST -> PassOver.DIGEST;
                                case INSIGHT -> PassOver.INSIGHT;
                                case LOG -> null;
                            };
                    if (passOver == null) {
                        return input;
                    }
                    // handed over, so acknowledged: there is nothing in it to index
                    countPassedOver(passOver);
                    shown.settledUnread();
                    source.acknowledge(input, true);
                }
            } catch (RuntimeException e) {
                fail(e); // the listing failed (e.g. S3 refused a page)
            }
            return null;
        }
    }

    private void passedOver(String location, PassOver reason) {
        countPassedOver(reason);
        LOG.debug("{}: not read ({})", location, reason);
    }

    private void countPassedOver(PassOver reason) {
        switch (reason) {
            case ALREADY_DONE -> stats.filesUnchanged.increment();
            case DIGEST -> stats.filesDigest.increment();
            case INSIGHT -> stats.filesInsight.increment();
            default -> stats.passedOver(reason);
        }
    }

    private void commit() {
        try {
            source.commit();
        } catch (RuntimeException e) {
            fail(e);
        }
    }

    private static void awaitQuietly(ExecutorService workers) {
        try {
            while (!workers.awaitTermination(1, TimeUnit.MINUTES)) {
                LOG.debug("waiting for workers to finish");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void process(Input input) {
        InputProgress progress = new InputProgress(input, stats, this::settled);
        Listener listener = new Listener(progress);
        boolean completely = false;
        try {
            if (stopping()) {
                return;
            }
            try (InputStream in = input.open()) {
                long records = reader.read(in, input.location(), listener);
                stats.records.add(records);
                stats.filesRead.increment();
                if (input.size() > 0) {
                    stats.bytesRead.add(input.size());
                }
                completely = true;
            } catch (IOException e) {
                stats.filesFailed.increment();
                String reason = "cannot read the input: " + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : " " + e.getMessage());
                LOG.warn("{}: {}", input.location(), reason);
                stats.recordsRejected.increment();
                deadLetter.write(new Rejection(RecordPosition.wholeInput(input.location()), reason, null));
                // dead-lettered, and not marked done: a later run tries it again
            }
        } finally {
            if (listener.rejected) {
                stats.filesWithRejections.increment();
            }
            progress.readingFinished(completely);
        }
    }

    private void settled(InputProgress progress) {
        if (!progress.succeeded()) {
            allCompleted = false;
        }
        source.acknowledge(progress.input(), progress.succeeded());
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
            if (stopping()) {
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
