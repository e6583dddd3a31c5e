package io.monitron.indexer.source;

import io.monitron.indexer.concurrent.DaemonThreads;
import io.monitron.indexer.model.Input;
import io.monitron.indexer.port.Listing;
import io.monitron.indexer.port.Source;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A source whose inputs are downloaded ahead of the readers: for inputs that are read over a network (S3 objects),
 * where each one costs a round trip before its first byte, the number of downloads in flight must not be the number
 * of CPU workers. A listing thread takes inputs from the decorated source in its order and starts reading each one
 * whole into memory on a pool of {@code downloads} threads; the run's workers then get inputs whose {@link
 * Input#open()} usually finds the bytes there.
 *
 * <p>Bounds, so memory stays flat whatever the listing: at most {@code downloads} inputs are taken from the source and
 * not yet handed over; the bodies held in memory (downloaded or being downloaded, and not yet read to the end and
 * closed by their reader, nor acknowledged) add up to at most {@code byteBudget} bytes. An input larger than {@code
 * largest} bytes, or of unknown size, is not downloaded ahead: it keeps its place in the order, and its reader streams
 * it as without this decorator.
 *
 * <p>Semantics of the decorated source are kept: inputs are handed over in its order; each acknowledgement is passed
 * on once, for the source's own input; an input the source handed over and that was never handed to the run (the
 * stream was closed first) is acknowledged as not completed. A download that failed fails the input's {@code open()}
 * with the same {@link IOException} its own {@code open()} or reading would have given, naming the input. A listing
 * failure is thrown after the inputs listed before it. {@link #stop()} ends the listing; closing the stream cancels
 * the downloads under way, aborting their connections where the input's stream allows it (a stream closed from another
 * thread), and returns once the download threads have ended.
 */
public final class PrefetchingSource implements Source {
    private static final Logger LOG = LoggerFactory.getLogger(PrefetchingSource.class);

    private final Source source;
    private final int downloads;
    private final long largest;
    private final int byteBudget;
    private final Set<Ahead> running = ConcurrentHashMap.newKeySet();

    private PrefetchingSource(Source source, int downloads, int byteBudget, long largest) {
        if (downloads < 1 || byteBudget < 1 || largest < 0 || largest > byteBudget) {
            throw new IllegalArgumentException("downloads and byteBudget must be at least 1, 0 <= largest <= budget");
        }
        this.source = source;
        this.downloads = downloads;
        this.byteBudget = byteBudget;
        this.largest = largest;
    }

    /**
     * {@code source} with up to {@code downloads} inputs downloaded ahead, holding at most {@code byteBudget} bytes;
     * inputs above a quarter of the budget stream.
     */
    public static Source of(Source source, int downloads, int byteBudget) {
        return new PrefetchingSource(source, downloads, byteBudget, byteBudget / 4);
    }

    /** As {@link #of(Source, int, int)}, with the size above which an input is not downloaded ahead. */
    public static Source of(Source source, int downloads, int byteBudget, long largest) {
        return new PrefetchingSource(source, downloads, byteBudget, largest);
    }

    /** A budget for the bodies held in memory: an eighth of the heap, at most 64 MB. */
    public static int defaultByteBudget() {
        return (int) Math.min(64L << 20, Runtime.getRuntime().maxMemory() / 8);
    }

    @Override
    public Stream<Input> inputs(Listing listing) {
        Stream<Input> inputs = source.inputs(listing);
        Ahead ahead = new Ahead(inputs);
        running.add(ahead);
        return StreamSupport.stream(
                        Spliterators.spliteratorUnknownSize(ahead, Spliterator.ORDERED | Spliterator.NONNULL), false)
                .onClose(() -> {
                    running.remove(ahead);
                    ahead.close();
                });
    }

    @Override
    public void acknowledge(Input input, boolean completed) {
        if (input instanceof Ahead.Prefetched prefetched) {
            prefetched.release();
            source.acknowledge(prefetched.input, completed);
        } else {
            source.acknowledge(input, completed);
        }
    }

    @Override
    public void commit() {
        source.commit();
    }

    @Override
    public void runEnded(boolean complete) {
        source.runEnded(complete);
    }

    @Override
    public void stop() {
        running.forEach(Ahead::stop);
        source.stop();
    }

    @Override
    public void close() {
        source.close();
    }

    /** One stream's inputs: the listing thread, the downloads, and what waits for the run. */
    private final class Ahead implements Iterator<Input> {
        /** Ends the queue: the listing ended, failed, or was stopped. */
        private static final Object END = new Object();

        private final Stream<Input> inputs;
        private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
        /** One permit per input that may be taken from the source before the run took the ones before it. */
        private final Semaphore places = new Semaphore(downloads);
        /** One permit per byte that may be held. */
        private final Semaphore bytes = new Semaphore(byteBudget);

        private final ThreadPoolExecutor pool = new ThreadPoolExecutor(
                downloads, downloads, 5, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), new DaemonThreads("download"));
        private final Thread lister;
        private volatile boolean stopped;
        private boolean closed; // guarded by queue
        private Object head;
        private boolean ended;

        Ahead(Stream<Input> inputs) {
            this.inputs = inputs;
            pool.allowCoreThreadTimeOut(true);
            lister = new DaemonThreads("download-listing").newThread(this::list);
        }

        private void list() {
            Iterator<Input> listed = inputs.iterator();
            Object last = END;
            try {
                while (!stopped) {
                    places.acquire();
                    if (stopped || !listed.hasNext()) {
                        break;
                    }
                    Prefetched input = new Prefetched(listed.next());
                    try {
                        input.start();
                    } finally {
                        offer(input);
                    }
                }
            } catch (InterruptedException e) {
                // stopped or closed
            } catch (RuntimeException | Error e) {
                last = stopped ? END : e;
            } finally {
                offer(last);
            }
        }

        /** Queues an item for the run; once closed, settles it instead. */
        private void offer(Object item) {
            synchronized (queue) {
                if (!closed) {
                    queue.add(item);
                    return;
                }
            }
            if (item instanceof Prefetched input) {
                input.discard();
            }
        }

        @Override
        public synchronized boolean hasNext() {
            if (head == null && !ended) {
                if (lister.getState() == Thread.State.NEW) {
                    lister.start();
                }
                try {
                    head = queue.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SourceException("interrupted while waiting for the listing");
                }
                if (head == END) {
                    ended = true;
                    head = null;
                } else if (head instanceof RuntimeException failure) {
                    ended = true;
                    head = null;
                    throw failure;
                } else if (head instanceof Error failure) {
                    ended = true;
                    head = null;
                    throw failure;
                }
            }
            return head != null;
        }

        @Override
        public synchronized Input next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Prefetched input = (Prefetched) head;
            head = null;
            places.release();
            return input;
        }

        void stop() {
            stopped = true;
            lister.interrupt();
        }

        /**
         * Stops the listing, cancels the downloads and settles the inputs not handed over; returns once the listing
         * thread and the downloads have ended.
         */
        void close() {
            stop();
            List<Object> left = new ArrayList<>();
            synchronized (queue) {
                closed = true;
                queue.drainTo(left);
                queue.add(END); // wakes a reader waiting for the next input
            }
            synchronized (this) {
                if (head != null) {
                    left.add(head);
                    head = null;
                }
                ended = true;
            }
            for (Object item : left) {
                if (item instanceof Prefetched input) {
                    input.discard();
                }
            }
            try {
                if (lister.getState() != Thread.State.NEW) {
                    lister.join();
                }
                pool.shutdownNow();
                while (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
                    LOG.debug("waiting for cancelled downloads to end");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inputs.close();
            }
        }

        /** An input of the source as the run gets it, with its body downloaded ahead when it is small enough. */
        private final class Prefetched implements Input {
            private final Input input;
            private final AtomicBoolean released = new AtomicBoolean();
            private volatile Future<byte[]> body;
            /** The stream a download is reading, to abort it when cancelled. */
            private volatile InputStream downloading;

            Prefetched(Input input) {
                this.input = input;
            }

            /** Starts the download, once the budget has room for it; nothing for inputs too large to hold. */
            void start() throws InterruptedException {
                long size = input.size();
                if (size < 0 || size > largest) {
                    released.set(true);
                    return;
                }
                bytes.acquire((int) size);
                body = pool.submit(this::download);
            }

            private byte[] download() throws IOException {
                if (released.get()) {
                    throw new InterruptedIOException("cancelled");
                }
                try (InputStream in = input.open()) {
                    downloading = in;
                    if (released.get()) {
                        throw new InterruptedIOException("cancelled");
                    }
                    byte[] whole = in.readNBytes((int) input.size());
                    int more = in.read();
                    if (more < 0) {
                        return whole;
                    }
                    // longer than listed (an input whose size changed): keep it whole all the same
                    byte[] rest = in.readAllBytes();
                    byte[] all = Arrays.copyOf(whole, whole.length + 1 + rest.length);
                    all[whole.length] = (byte) more;
                    System.arraycopy(rest, 0, all, whole.length + 1, rest.length);
                    return all;
                } finally {
                    downloading = null;
                }
            }

            /** Gives the budget back and drops the body; cancels and aborts a download still under way. Once. */
            void release() {
                if (!released.compareAndSet(false, true)) {
                    return;
                }
                Future<byte[]> started = body;
                body = null;
                if (started != null) {
                    if (started.cancel(true)) {
                        InputStream in = downloading;
                        if (in != null) {
                            try {
                                in.close();
                            } catch (IOException | RuntimeException e) {
                                LOG.debug(
                                        "{}: aborting a cancelled download failed: {}", input.location(), e.toString());
                            }
                        }
                    }
                    bytes.release((int) input.size());
                }
            }

            /** Never handed over: released, and acknowledged as not completed. */
            void discard() {
                release();
                source.acknowledge(input, false);
            }

            @Override
            public String location() {
                return input.location();
            }

            @Override
            public String stateKey() {
                return input.stateKey();
            }

            @Override
            public String version() {
                return input.version();
            }

            @Override
            public long size() {
                return input.size();
            }

            /** The downloaded body, once; a second open, or one after release, reads the input again. */
            @Override
            public InputStream open() throws IOException {
                Future<byte[]> started = body;
                if (started == null) {
                    return input.open();
                }
                byte[] bytes;
                try {
                    bytes = started.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while downloading " + input.location());
                } catch (CancellationException e) {
                    return input.open(); // released meanwhile
                } catch (ExecutionException e) {
                    release();
                    Throwable cause = e.getCause();
                    if (cause instanceof IOException io) {
                        throw io;
                    }
                    if (cause instanceof RuntimeException runtime) {
                        throw runtime;
                    }
                    if (cause instanceof Error error) {
                        throw error;
                    }
                    throw new UncheckedIOException(new IOException(input.location() + ": " + cause, cause));
                }
                return new ByteArrayInputStream(bytes) {
                    @Override
                    public void close() {
                        release();
                    }
                };
            }

            @Override
            public String toString() {
                return input.toString();
            }
        }
    }
}
