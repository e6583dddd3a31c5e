package io.monitron.indexer.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.monitron.indexer.model.Input;
import io.monitron.indexer.port.Listing;
import io.monitron.indexer.port.Source;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The download-ahead decorator against an in-memory source whose inputs count their opens: order, exactly-once
 * acknowledgements, the bounds on downloads and bytes, failures, and closing with downloads under way. No test
 * waits for time to pass; the timeouts only turn a hang into a failure.
 */
@Timeout(60)
class PrefetchingSourceTest {
    /** An input whose body is {@code size} bytes derived from its name; counts the opens of its body. */
    private static class CountedInput implements Input {
        final String name;
        final int size;
        Counters counters;

        CountedInput(String name, int size, Counters counters) {
            this.name = name;
            this.size = size;
            this.counters = counters;
        }

        byte[] body() {
            byte[] body = new byte[size];
            byte[] text = name.getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < size; i++) {
                body[i] = text[i % text.length];
            }
            return body;
        }

        @Override
        public String location() {
            return "mem://" + name;
        }

        @Override
        public String version() {
            return "1";
        }

        @Override
        public long size() {
            return size;
        }

        @Override
        public InputStream open() throws IOException {
            return counters.open(this);
        }
    }

    /** What the inputs saw: opens in flight (and the most at once), the opener threads, a hook per open. */
    private static class Counters {
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger mostInFlight = new AtomicInteger();
        final Map<String, String> openedOn = new ConcurrentHashMap<>();

        InputStream open(CountedInput input) throws IOException {
            openedOn.put(input.name, Thread.currentThread().getName());
            int now = inFlight.incrementAndGet();
            mostInFlight.accumulateAndGet(now, Math::max);
            return new ByteArrayInputStream(input.body()) {
                private boolean closed;

                @Override
                public void close() {
                    if (!closed) {
                        closed = true;
                        inFlight.decrementAndGet();
                    }
                }
            };
        }
    }

    /** A source handing over the given inputs (then perhaps a failure), recording acknowledgements. */
    private static class ListedSource implements Source {
        final List<? extends Input> inputs;
        final RuntimeException failure;
        final Map<String, List<Boolean>> acknowledged = new ConcurrentHashMap<>();
        final AtomicInteger handedOver = new AtomicInteger();
        volatile boolean closed;

        ListedSource(List<? extends Input> inputs, RuntimeException failure) {
            this.inputs = inputs;
            this.failure = failure;
        }

        @Override
        public Stream<Input> inputs(Listing listing) {
            Iterator<? extends Input> listed = inputs.iterator();
            Iterator<Input> counted = new Iterator<>() {
                @Override
                public boolean hasNext() {
                    if (!listed.hasNext() && failure != null) {
                        throw failure;
                    }
                    return listed.hasNext();
                }

                @Override
                public Input next() {
                    handedOver.incrementAndGet();
                    return listed.next();
                }
            };
            return Stream.iterate(counted, Iterator::hasNext, i -> i)
                    .map(Iterator::next)
                    .onClose(() -> closed = true);
        }

        @Override
        public void acknowledge(Input input, boolean completed) {
            assertThat(input).isInstanceOf(CountedInput.class); // the source's own input, not the decorator's
            acknowledged
                    .computeIfAbsent(((CountedInput) input).name, k -> new CopyOnWriteArrayList<>())
                    .add(completed);
        }
    }

    private static List<CountedInput> inputs(int count, Function<Integer, Integer> size, Counters counters) {
        List<CountedInput> inputs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            inputs.add(new CountedInput(String.format("input-%03d", i), size.apply(i), counters));
        }
        return inputs;
    }

    private static byte[] read(Input input) throws IOException {
        try (InputStream in = input.open()) {
            return in.readAllBytes();
        }
    }

    @Test
    void handsOverEveryInputInOrderWithItsBodyAndPassesEachAcknowledgementOnOnce() throws IOException {
        Counters counters = new Counters();
        List<CountedInput> listed = inputs(200, i -> 1 + i * 7 % 300, counters);
        ListedSource inner = new ListedSource(listed, null);
        Source source = PrefetchingSource.of(inner, 8, 10_000);

        List<String> seen = new ArrayList<>();
        try (Stream<Input> inputs = source.inputs(Listing.IGNORE)) {
            int i = 0;
            for (Iterator<Input> it = inputs.iterator(); it.hasNext(); i++) {
                Input input = it.next();
                CountedInput original = listed.get(i);
                assertThat(input.location()).isEqualTo(original.location());
                assertThat(input.size()).isEqualTo(original.size);
                if (i % 10 == 3) {
                    source.acknowledge(input, true); // handed over, never opened (a digest, a stop)
                } else {
                    assertThat(read(input)).isEqualTo(original.body());
                    source.acknowledge(input, i % 10 != 5);
                }
                seen.add(original.name);
            }
        }

        assertThat(seen).hasSize(200);
        assertThat(inner.closed).isTrue();
        assertThat(inner.acknowledged).hasSize(200);
        for (int i = 0; i < 200; i++) {
            assertThat(inner.acknowledged.get(listed.get(i).name)).containsExactly(i % 10 != 5);
        }
        assertThat(counters.inFlight).hasValue(0);
        // downloaded by the decorator's threads, not by the reader
        assertThat(counters.openedOn.values()).allMatch(thread -> thread.equals("download"));
    }

    @Test
    void neverHasMoreDownloadsUnderWayThanItsLimitNorMoreBytesThanItsBudget() throws IOException {
        Counters counters = new Counters();
        int budget = 1_000;
        // sizes of 1 to 300 bytes: at most 3 to 1,000 fit the budget at once; with 6 downloads the limit binds too
        List<CountedInput> listed = inputs(300, i -> 1 + i * 37 % 300, counters);
        ListedSource inner = new ListedSource(listed, null);
        Source source = PrefetchingSource.of(inner, 6, budget, budget);
        AtomicLong held = new AtomicLong();
        AtomicLong mostHeld = new AtomicLong();
        AtomicInteger taken = new AtomicInteger();
        AtomicInteger mostTakenAhead = new AtomicInteger();
        Counters watching = new Counters() {
            @Override
            InputStream open(CountedInput input) throws IOException {
                mostHeld.accumulateAndGet(held.addAndGet(input.size), Math::max);
                mostTakenAhead.accumulateAndGet(inner.handedOver.get() - taken.get(), Math::max);
                return super.open(input);
            }
        };
        listed.forEach(input -> input.counters = watching);

        try (Stream<Input> inputs = source.inputs(Listing.IGNORE)) {
            for (Iterator<Input> it = inputs.iterator(); it.hasNext(); ) {
                Input input = it.next();
                taken.incrementAndGet();
                try (InputStream in = input.open()) {
                    // given back to the budget when the stream closes: not counted as held from just before that
                    held.addAndGet(-in.readAllBytes().length);
                }
                source.acknowledge(input, true);
            }
        }

        assertThat(mostHeld.get()).isPositive().isLessThanOrEqualTo(budget);
        assertThat(watching.mostInFlight.get()).isLessThanOrEqualTo(6);
        // taken from the source and not yet by the reader: the limit, plus the one the reader holds
        assertThat(mostTakenAhead.get()).isLessThanOrEqualTo(6 + 1);
        assertThat(inner.acknowledged).hasSize(300);
    }

    @Test
    void anInputLargerThanTheLimitOrOfUnknownSizeIsStreamedByItsReaderInItsPlace() throws IOException {
        Counters counters = new Counters();
        List<Input> listed = new ArrayList<>(inputs(3, i -> 10, counters));
        CountedInput large = new CountedInput("large", 5_000, counters);
        CountedInput unknown = new CountedInput("unknown", 20, counters) {
            @Override
            public long size() {
                return -1;
            }
        };
        listed.add(1, large);
        listed.add(3, unknown);
        ListedSource inner = new ListedSource(listed, null);
        Source source = PrefetchingSource.of(inner, 4, 4_000);

        List<String> order = new ArrayList<>();
        String name = Thread.currentThread().getName();
        Thread.currentThread().setName("reader-under-test");
        try (Stream<Input> inputs = source.inputs(Listing.IGNORE)) {
            for (Iterator<Input> it = inputs.iterator(); it.hasNext(); ) {
                Input input = it.next();
                order.add(input.location());
                read(input);
                source.acknowledge(input, true);
            }
        } finally {
            Thread.currentThread().setName(name);
        }

        assertThat(order)
                .containsExactlyElementsOf(listed.stream().map(Input::location).toList());
        assertThat(counters.openedOn.get("large")).isEqualTo("reader-under-test");
        assertThat(counters.openedOn.get("unknown")).isEqualTo("reader-under-test");
        assertThat(counters.openedOn.get("input-000")).isEqualTo("download");
    }

    @Test
    void aFailedDownloadFailsItsOpenWithTheInputsOwnErrorAndTheOthersAreRead() throws IOException {
        Counters counters = new Counters();
        List<CountedInput> listed = new ArrayList<>(inputs(5, i -> 50, counters));
        listed.set(2, new CountedInput("missing", 50, counters) {
            @Override
            public InputStream open() throws IOException {
                throw new IOException("mem://missing: cannot read: S3 answered HTTP 404 NoSuchKey");
            }
        });
        ListedSource inner = new ListedSource(listed, null);
        Source source = PrefetchingSource.of(inner, 4, 1_000);

        List<String> read = new ArrayList<>();
        try (Stream<Input> inputs = source.inputs(Listing.IGNORE)) {
            for (Iterator<Input> it = inputs.iterator(); it.hasNext(); ) {
                Input input = it.next();
                if (input.location().equals("mem://missing")) {
                    assertThatThrownBy(() -> read(input))
                            .isInstanceOf(IOException.class)
                            .hasMessage("mem://missing: cannot read: S3 answered HTTP 404 NoSuchKey");
                    source.acknowledge(input, false);
                } else {
                    read(input);
                    read.add(input.location());
                    source.acknowledge(input, true);
                }
            }
        }

        assertThat(read).hasSize(4);
        assertThat(inner.acknowledged.get("missing")).containsExactly(false);
        assertThat(inner.acknowledged).hasSize(5);
    }

    @Test
    void aListingFailureIsThrownAfterTheInputsListedBeforeIt() throws IOException {
        Counters counters = new Counters();
        List<CountedInput> listed = inputs(5, i -> 10, counters);
        ListedSource inner = new ListedSource(listed, new SourceException("cannot list s3://bucket/AWSLogs/"));
        Source source = PrefetchingSource.of(inner, 8, 1_000);

        List<String> read = new ArrayList<>();
        try (Stream<Input> inputs = source.inputs(Listing.IGNORE)) {
            Iterator<Input> it = inputs.iterator();
            assertThatThrownBy(() -> {
                        while (it.hasNext()) {
                            Input input = it.next();
                            read(input);
                            read.add(input.location());
                            source.acknowledge(input, true);
                        }
                    })
                    .isInstanceOf(SourceException.class)
                    .hasMessage("cannot list s3://bucket/AWSLogs/");
            assertThat(it.hasNext()).isFalse();
        }

        assertThat(read).hasSize(5);
    }

    @Test
    void closingWithDownloadsUnderWayCancelsThemAndAcknowledgesWhatWasNotHandedOverAsNotCompleted() throws Exception {
        CountDownLatch neverReleased = new CountDownLatch(1);
        AtomicInteger started = new AtomicInteger();
        CountDownLatch fourStarted = new CountDownLatch(4);
        Counters counters = new Counters() {
            @Override
            InputStream open(CountedInput input) throws IOException {
                InputStream body = super.open(input);
                started.incrementAndGet();
                fourStarted.countDown();
                return new InputStream() { // a body that stalls until its download is cancelled
                    @Override
                    public int read() throws IOException {
                        try {
                            neverReleased.await();
                        } catch (InterruptedException e) {
                            throw new InterruptedIOException("cancelled");
                        }
                        return -1;
                    }

                    @Override
                    public void close() throws IOException {
                        body.close();
                    }
                };
            }
        };
        List<CountedInput> listed = inputs(100, i -> 10, counters);
        ListedSource inner = new ListedSource(listed, null);
        Source source = PrefetchingSource.of(inner, 4, 1_000);

        Stream<Input> inputs = source.inputs(Listing.IGNORE);
        Iterator<Input> it = inputs.iterator();
        Input first = it.next();
        fourStarted.await();
        inputs.close(); // the run stops: what it took is its own to acknowledge
        source.acknowledge(first, false);

        assertThat(inner.closed).isTrue();
        assertThat(counters.inFlight).as("download streams left open").hasValue(0);
        assertThat(Thread.getAllStackTraces().keySet())
                .noneMatch(thread -> thread.getName().startsWith("download") && thread.isAlive());
        // every input the source handed over is acknowledged once, none as completed
        assertThat(inner.acknowledged).hasSize(inner.handedOver.get());
        assertThat(inner.acknowledged.values())
                .allSatisfy(acks -> assertThat(acks).containsExactly(false));
        assertThat(inner.handedOver.get()).isLessThanOrEqualTo(4 + 1);
    }

    @Test
    void stopEndsTheListingForAReaderWaitingForTheNextInput() throws Exception {
        Counters counters = new Counters();
        CountDownLatch listingStalls = new CountDownLatch(1);
        List<CountedInput> listed = inputs(2, i -> 10, counters);
        ListedSource inner = new ListedSource(listed, null) {
            @Override
            public Stream<Input> inputs(Listing listing) {
                return Stream.concat(
                        super.inputs(listing),
                        Stream.generate(() -> {
                                    try {
                                        listingStalls.await(); // a listing that waits (an empty queue, a slow page)
                                    } catch (InterruptedException e) {
                                        Thread.currentThread().interrupt();
                                        throw new SourceException("interrupted while listing");
                                    }
                                    return (Input) null;
                                })
                                .limit(1));
            }
        };
        Source source = PrefetchingSource.of(inner, 4, 1_000);

        try (Stream<Input> inputs = source.inputs(Listing.IGNORE)) {
            Iterator<Input> it = inputs.iterator();
            for (int i = 0; i < 2; i++) {
                Input input = it.next();
                read(input);
                source.acknowledge(input, true);
            }
            Thread stopper = new Thread(source::stop);
            stopper.start();
            assertThat(it.hasNext()).isFalse(); // returns once stopped, without an error
            stopper.join();
        }
        assertThat(inner.acknowledged).hasSize(2);
    }
}
