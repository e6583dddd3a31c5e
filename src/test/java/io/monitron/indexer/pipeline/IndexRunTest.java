package io.monitron.indexer.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.monitron.indexer.model.Acknowledgement;
import io.monitron.indexer.model.Document;
import io.monitron.indexer.model.Input;
import io.monitron.indexer.model.Outcome;
import io.monitron.indexer.model.Rejection;
import io.monitron.indexer.parse.StreamingEventReader;
import io.monitron.indexer.port.DeadLetter;
import io.monitron.indexer.port.DocumentSink;
import io.monitron.indexer.port.Listing;
import io.monitron.indexer.port.Source;
import io.monitron.indexer.sink.SinkException;
import io.monitron.indexer.transform.CloudTrailTransformer;
import io.monitron.indexer.transform.EventFilter;
import io.monitron.indexer.transform.EventTransformer;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The run core with in-memory inputs and a fake sink: acknowledgement, and what stops a run. */
class IndexRunTest {
    private final ExecutorService sinkThread = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        sinkThread.shutdownNow();
    }

    @Test
    void everyInputIsAcknowledgedOnceAndOnlyAfterItsDocuments() {
        MemorySource source = MemorySource.of(20, 5);
        AsyncSink sink = new AsyncSink(sinkThread);
        source.beforeAcknowledge = input -> assertThat(sink.pendingOf(input.location()))
                .as("documents of %s still in flight when it was acknowledged", input.location())
                .isZero();

        RunStats stats = run(source, sink, new ListDeadLetter(), transformer());

        assertThat(source.acknowledged).hasSize(20).allSatisfy((location, completed) -> assertThat(completed)
                .isTrue());
        assertThat(source.acknowledgements.get()).isEqualTo(20);
        assertThat(stats.eventsIndexed.sum()).isEqualTo(100);
        assertThat(source.committed.get())
                .as("committed once after the last acknowledgement")
                .isPositive();
        assertThat(source.endedComplete).isTrue();
    }

    @Test
    void anErrorInAReaderFailsTheRunNamingTheInputAndLeavesItUndone() {
        MemorySource source = MemorySource.of(6, 3);
        EventTransformer failing = (event, original, position) -> {
            if (position.source().equals("input-3.json")) {
                throw new StackOverflowError();
            }
            return transformer().transform(event, original, position);
        };

        assertThatThrownBy(() -> run(source, new AsyncSink(sinkThread), new ListDeadLetter(), failing))
                .isInstanceOf(InputFailedException.class)
                .hasMessageContaining("input-3.json")
                .hasMessageContaining("StackOverflowError");
        assertThat(source.acknowledged.get("input-3.json")).isFalse();
        assertThat(source.acknowledged.size()).isGreaterThanOrEqualTo(source.opened.get());
        assertThat(source.endedComplete).isFalse();
    }

    @Test
    void aSinkThatFailedForGoodStopsReadingWithinOneRoundTrip() {
        MemorySource source = MemorySource.of(40, 5);
        AsyncSink sink = new AsyncSink(sinkThread);
        sink.failAfter = 1; // e.g. the first bulk answered 401

        assertThatThrownBy(() -> run(source, sink, new ListDeadLetter(), transformer()))
                .isInstanceOf(SinkException.class);
        assertThat(source.opened.get())
                .as("inputs opened after the sink failed")
                .isLessThanOrEqualTo(3);
        assertThat(source.acknowledged)
                .allSatisfy((location, completed) -> assertThat(completed).isFalse());
    }

    @Test
    void aDeadLetterWriteThatFailsEndsTheRunAndTheInputIsNotDone() {
        MemorySource source = new MemorySource(List.of(
                new MemoryInput("good.json", records(0, 3)),
                new MemoryInput("bad.json", "{\"Records\":[{\"eventVersion\":\"1.08\"}]}")));
        DeadLetter broken = new ListDeadLetter() {
            @Override
            public void write(Rejection rejection) {
                throw new SinkException("cannot write the dead-letter file dl.ndjson: permission denied");
            }
        };

        assertThatThrownBy(() -> run(source, new AsyncSink(sinkThread), broken, transformer()))
                .isInstanceOf(SinkException.class)
                .hasMessageContaining("dl.ndjson");
        assertThat(source.acknowledged.get("bad.json")).isFalse();
    }

    @Test
    void aStopRequestReachesTheSourceBeforeTheInputItCutsShortIsAcknowledged() {
        RunControl control = new RunControl();
        List<String> acknowledgedUndoneBeforeStop = new java.util.concurrent.CopyOnWriteArrayList<>();
        MemorySource source = new MemorySource(MemorySource.of(10, 5).inputs) {
            @Override
            public void acknowledge(Input input, boolean completed) {
                if (!completed && !stopped) {
                    acknowledgedUndoneBeforeStop.add(input.location());
                }
                super.acknowledge(input, completed);
            }
        };
        EventTransformer stoppingMidFile = (event, original, position) -> {
            if (event.path("eventID").asText().equals("e-3-1")) {
                control.requestStop(); // as SIGTERM does, between two records of input-3
            }
            return transformer().transform(event, original, position);
        };

        RunStats stats = IndexRun.reading(source)
                .with(new StreamingEventReader(), EventFilter.monitronOnly(), stoppingMidFile)
                .into(new AsyncSink(sinkThread), new ListDeadLetter())
                .concurrency(1)
                .control(control)
                .build()
                .run();

        assertThat(source.acknowledged.get("input-3.json"))
                .as("input-3 was cut short")
                .isFalse();
        assertThat(acknowledgedUndoneBeforeStop)
                .as("inputs acknowledged as not done while the source had not heard of the stop (a queue would leave"
                        + " their messages hidden until their visibility timeout instead of giving them back)")
                .isEmpty();
        assertThat(source.stopCalls.get()).isEqualTo(1);
        assertThat(stats.filesRead.sum()).isEqualTo(3);
    }

    private static RunStats run(Source source, DocumentSink sink, DeadLetter deadLetter, EventTransformer t) {
        return IndexRun.reading(source)
                .with(new StreamingEventReader(), EventFilter.monitronOnly(), t)
                .into(sink, deadLetter)
                .concurrency(2)
                .build()
                .run();
    }

    private static EventTransformer transformer() {
        return new CloudTrailTransformer(false, Clock.systemUTC());
    }

    static String records(int file, int events) {
        StringBuilder json = new StringBuilder("{\"Records\":[");
        for (int e = 0; e < events; e++) {
            json.append(e == 0 ? "" : ",")
                    .append("{\"eventVersion\":\"1.08\",\"eventSource\":\"monitron.amazonaws.com\",")
                    .append("\"eventName\":\"ListProjects\",\"eventTime\":\"2026-11-01T10:00:00Z\",")
                    .append("\"awsRegion\":\"us-east-1\",\"eventID\":\"e-")
                    .append(file)
                    .append('-')
                    .append(e)
                    .append("\",\"recipientAccountId\":\"111122223333\"}");
        }
        return json.append("]}").toString();
    }

    record MemoryInput(String location, String text) implements Input {
        @Override
        public String version() {
            return "1";
        }

        @Override
        public long size() {
            return text.length();
        }

        @Override
        public InputStream open() {
            return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** An input that counts how often it is opened. */
    record Counted(MemoryInput input, AtomicInteger opened) implements Input {
        @Override
        public String location() {
            return input.location();
        }

        @Override
        public String version() {
            return input.version();
        }

        @Override
        public long size() {
            return input.size();
        }

        @Override
        public InputStream open() {
            opened.incrementAndGet();
            return input.open();
        }
    }

    /** Inputs in memory; records what the run tells it. */
    static class MemorySource implements Source {
        final List<MemoryInput> inputs;
        final Map<String, Boolean> acknowledged = new ConcurrentHashMap<>();
        final AtomicInteger acknowledgements = new AtomicInteger();
        final AtomicInteger opened = new AtomicInteger();
        final AtomicInteger committed = new AtomicInteger();
        volatile java.util.function.Consumer<Input> beforeAcknowledge = input -> {};
        volatile boolean endedComplete;
        volatile boolean stopped;
        final AtomicInteger stopCalls = new AtomicInteger();

        MemorySource(List<MemoryInput> inputs) {
            this.inputs = inputs;
        }

        static MemorySource of(int files, int eventsEach) {
            List<MemoryInput> inputs = new ArrayList<>();
            for (int f = 0; f < files; f++) {
                inputs.add(new MemoryInput("input-" + f + ".json", records(f, eventsEach)));
            }
            return new MemorySource(inputs);
        }

        @Override
        public Stream<Input> inputs(Listing listing) {
            return inputs.stream().map(i -> new Counted(i, opened));
        }

        @Override
        public void acknowledge(Input input, boolean completed) {
            beforeAcknowledge.accept(input);
            acknowledgements.incrementAndGet();
            assertThat(acknowledged.put(input.location(), completed))
                    .as("%s acknowledged twice", input.location())
                    .isNull();
        }

        @Override
        public void commit() {
            committed.incrementAndGet();
        }

        @Override
        public void runEnded(boolean complete) {
            endedComplete = complete;
        }

        @Override
        public void stop() {
            stopped = true;
            stopCalls.incrementAndGet();
        }
    }

    /** Acknowledges on its own thread, like a bulk completion; fails for good after {@code failAfter} documents. */
    static final class AsyncSink implements DocumentSink {
        private final ExecutorService thread;
        private final Map<String, AtomicInteger> pending = new ConcurrentHashMap<>();
        private final AtomicInteger added = new AtomicInteger();
        private final AtomicInteger outstanding = new AtomicInteger();
        volatile int failAfter = Integer.MAX_VALUE;
        private volatile boolean failed;

        AsyncSink(ExecutorService thread) {
            this.thread = thread;
        }

        int pendingOf(String location) {
            return pending.getOrDefault(location, new AtomicInteger()).get();
        }

        @Override
        public void add(Document document, Acknowledgement acknowledgement) {
            String location = document.position().source();
            pending.computeIfAbsent(location, l -> new AtomicInteger()).incrementAndGet();
            outstanding.incrementAndGet();
            boolean fail = added.incrementAndGet() > failAfter || failed;
            if (fail) {
                failed = true; // as when the bulk response that refused it has come back
            }
            thread.execute(() -> {
                pending.get(location).decrementAndGet();
                acknowledgement.acknowledge(fail ? Outcome.FAILED : Outcome.INDEXED);
                outstanding.decrementAndGet();
            });
        }

        @Override
        public boolean failed() {
            return failed;
        }

        @Override
        public void finish() {
            while (outstanding.get() > 0) {
                Thread.onSpinWait();
            }
            if (failed) {
                throw new SinkException("refused the credentials (HTTP 401)");
            }
        }
    }

    static class ListDeadLetter implements DeadLetter {
        final List<Rejection> entries = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public void write(Rejection rejection) {
            entries.add(rejection);
        }

        @Override
        public long count() {
            return entries.size();
        }

        @Override
        public void close() {}
    }
}
