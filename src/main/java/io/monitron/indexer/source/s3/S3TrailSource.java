package io.monitron.indexer.source.s3;

import io.monitron.indexer.concurrent.DaemonThreads;
import io.monitron.indexer.model.Input;
import io.monitron.indexer.port.Listing;
import io.monitron.indexer.port.Source;
import io.monitron.indexer.source.SourceException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The log files of a CloudTrail bucket in the standard layout
 * {@code PREFIX/AWSLogs/[o-ORGID/]ACCOUNT/CloudTrail/REGION/YYYY/MM/DD/...}: single-account, multi-region and
 * organization trails alike.
 *
 * <p>The bucket is walked, never listed whole: accounts, organizations and regions are found with delimiter listings
 * (CommonPrefixes), and a level is not listed at all when the scope names its values (given accounts are still looked
 * for under each organization, which needs the listing of {@code AWSLogs/} and of each {@code o-} folder; given
 * regions are addressed directly). Each partition (account and region) is then listed once, page by page, from its
 * first day on ({@code StartAfter}, so earlier days cost nothing) until a key of a day after its last day: one request
 * per 1,000 objects rather than one per day folder. Only keys in day folders ({@code YYYY/MM/DD/}, a real date) are
 * handed over. {@code CloudTrail-Digest/} and {@code CloudTrail-Insight/} folders are never listed.
 *
 * <p>Listing latency does not serialise a run: the listings of the next {@value #LISTINGS_AHEAD} accounts' regions
 * and the first pages of the next {@value #LISTINGS_AHEAD} partitions run on their own threads ahead of the consumer,
 * and the next page of a partition is asked for as soon as the one before it arrives. The order inputs are handed over
 * does not depend on it. Memory stays bounded whatever the number of objects: at most that many pages (1,000 object
 * summaries each) wait for the consumer. Closing the stream cancels the listings still under way.
 *
 * <p>Days: per partition, from the later of the scope's first day and {@code firstDay(partition)} (the checkpoint's
 * watermark; inclusive) through the earlier of today (UTC) and the day after the scope's last day. The extra day is
 * there because a folder is named for the file's delivery time, and a file delivered just after midnight holds events
 * of the day before; the event filter drops what is outside the time range.
 *
 * <p>Each object becomes an {@link S3ObjectInput} (location and state key {@code s3://bucket/key}, version its ETag,
 * its size); objects are handed over partition by partition, in key order (so by day) within a partition. Listing
 * failures end the stream, at the point they were met, with a {@link SourceException} naming the prefix and the
 * permission to check. The S3 client is the caller's: this source does not close it.
 */
public final class S3TrailSource implements Source {
    /** Listings run ahead of the consumer at once (region listings, and first pages of partitions). */
    static final int LISTINGS_AHEAD = 8;

    private static final Pattern ORGANIZATION = Pattern.compile("o-[a-z0-9]{10,32}");
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final Pattern REGION = Pattern.compile("[a-z0-9-]+");
    private static final Pattern DAY_FOLDER = Pattern.compile("(\\d{4})/(\\d{2})/(\\d{2})/.*[^/]");
    private static final DateTimeFormatter DAY_PATH = DateTimeFormatter.ofPattern("uuuu/MM/dd");
    private static final String LIST_PERMISSION = "the indexer needs s3:ListBucket on the bucket for this prefix";

    private final S3Client s3;
    private final S3Location location;
    private final TrailScope scope;
    private final Function<TrailPartition, Optional<LocalDate>> firstDay;
    private final Clock clock;
    private final ResumePolicy resume;

    /** A source with the system clock and the default {@link ResumePolicy}. */
    public S3TrailSource(
            S3Client s3,
            S3Location location,
            TrailScope scope,
            Function<TrailPartition, Optional<LocalDate>> firstDay) {
        this(s3, location, scope, firstDay, Clock.systemUTC(), ResumePolicy.DEFAULT);
    }

    /**
     * @param firstDay per partition, the first delivery day to list (inclusive), e.g. the checkpoint's watermark;
     *     empty when nothing is known; called once per partition found, on the thread that consumes the stream
     * @param clock where "today" comes from (the last day listed when the scope has no end)
     */
    public S3TrailSource(
            S3Client s3,
            S3Location location,
            TrailScope scope,
            Function<TrailPartition, Optional<LocalDate>> firstDay,
            Clock clock,
            ResumePolicy resume) {
        this.s3 = s3;
        this.location = location;
        this.scope = scope;
        this.firstDay = firstDay;
        this.clock = clock;
        this.resume = resume;
    }

    @Override
    public Stream<Input> inputs(Listing listing) {
        Walk walk = new Walk();
        return StreamSupport.stream(
                        Spliterators.spliteratorUnknownSize(walk, Spliterator.ORDERED | Spliterator.NONNULL), false)
                .onClose(walk::close);
    }

    /** An account folder: {@code prefix} is {@code .../ACCOUNT/}. */
    private record Account(String prefix, String id) {}

    /** A partition found in the bucket: {@code prefix} is {@code .../ACCOUNT/CloudTrail/REGION/}. */
    private record Partition(String prefix, TrailPartition partition) {}

    /** One page of a partition's listing. */
    private record Page(List<S3Object> objects, String nextToken) {}

    /**
     * The walk: accounts (in key order, listed when the consumer reaches them), their regions and partitions, each
     * started ahead of the consumer. Every request runs on the listing threads; the consumer only waits for them, so
     * an interrupt ends its wait at once.
     */
    private final class Walk implements Iterator<Input> {
        private final ThreadPoolExecutor listings = listingThreads();
        private final Iterator<PartitionObjects> partitions;
        private PartitionObjects current;
        private Input next;

        Walk() {
            Iterator<Account> accounts =
                    flatten(List.<Supplier<Iterator<Account>>>of(this::accounts).iterator());
            Iterator<Future<List<Partition>>> regions = ahead(map(accounts, this::startRegions), LISTINGS_AHEAD);
            Iterator<Partition> found = flatten(
                    map(regions, f -> () -> await(f, location.logsRoot()).iterator()));
            this.partitions = ahead(map(found, PartitionObjects::new), LISTINGS_AHEAD);
        }

        @Override
        public boolean hasNext() {
            while (next == null) {
                if (current != null) {
                    S3Object object = current.nextObject();
                    if (object != null) {
                        next = new S3ObjectInput(s3, location, object.key(), object.eTag(), object.size(), resume);
                        continue;
                    }
                }
                if (!partitions.hasNext()) {
                    return false;
                }
                current = partitions.next();
            }
            return true;
        }

        @Override
        public Input next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Input input = next;
            next = null;
            return input;
        }

        /** Cancels the listings still under way or waiting. */
        void close() {
            for (Runnable waiting : listings.shutdownNow()) {
                if (waiting instanceof Future<?> future) {
                    future.cancel(false);
                }
            }
        }

        /** The accounts of the bucket in key order, organization members where their organization comes. */
        private Iterator<Account> accounts() {
            String root = location.logsRoot();
            List<Supplier<Iterator<Account>>> found = new ArrayList<>();
            for (String name : await(listings.submit(() -> folders(root)), root)) {
                if (ORGANIZATION.matcher(name).matches()) {
                    found.add(() -> members(root + name + "/").iterator());
                } else if (ACCOUNT.matcher(name).matches() && scope.includesAccount(name)) {
                    found.add(
                            () -> List.of(new Account(root + name + "/", name)).iterator());
                }
            }
            return flatten(found.iterator());
        }

        private List<Account> members(String organization) {
            List<Account> members = new ArrayList<>();
            for (String name : await(listings.submit(() -> folders(organization)), organization)) {
                if (ACCOUNT.matcher(name).matches() && scope.includesAccount(name)) {
                    members.add(new Account(organization + name + "/", name));
                }
            }
            return members;
        }

        /** The partitions of an account: the scope's regions, or those listed under its {@code CloudTrail/}. */
        private Future<List<Partition>> startRegions(Account account) {
            String trail = account.prefix() + "CloudTrail/";
            Function<String, Partition> partition =
                    region -> new Partition(trail + region + "/", new TrailPartition(account.id(), region));
            if (!scope.regions().isEmpty()) {
                return CompletableFuture.completedFuture(
                        scope.regions().stream().sorted().map(partition).toList());
            }
            return listings.submit(() -> folders(trail).stream()
                    .filter(r -> REGION.matcher(r).matches())
                    .map(partition)
                    .toList());
        }

        /** The objects of one partition in its days, the first page asked for when this is made. */
        private final class PartitionObjects {
            private final String prefix;
            private final Optional<LocalDate> start;
            private final LocalDate end;
            private Future<Page> nextPage;
            private Iterator<S3Object> page = Collections.emptyIterator();

            PartitionObjects(Partition found) {
                this.prefix = found.prefix();
                LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
                this.end = scope.lastDay()
                        .map(last -> last.plusDays(1))
                        .filter(last -> last.isBefore(today))
                        .orElse(today);
                this.start = later(scope.firstDay(), firstDay.apply(found.partition()));
                if (start.isEmpty() || !start.get().isAfter(end)) {
                    // keys of the first day begin with PREFIX/YYYY/MM/DD/, so they sort after PREFIX/YYYY/MM/DD
                    Optional<String> startAfter = start.map(day -> prefix + DAY_PATH.format(day));
                    nextPage = listings.submit(() -> page(startAfter, null));
                }
            }

            /** The next object in the partition's days, or null when there is none. */
            S3Object nextObject() {
                while (true) {
                    while (page.hasNext()) {
                        S3Object object = page.next();
                        Optional<LocalDate> day = dayOf(object.key());
                        if (day.isEmpty() || start.isPresent() && day.get().isBefore(start.get())) {
                            continue;
                        }
                        if (day.get().isAfter(end)) {
                            // keys are listed in order, and so are their days: nothing further is in scope
                            page = Collections.emptyIterator();
                            if (nextPage != null) {
                                nextPage.cancel(true);
                                nextPage = null;
                            }
                            return null;
                        }
                        return object;
                    }
                    if (nextPage == null) {
                        return null;
                    }
                    Page arrived = await(nextPage, prefix);
                    nextPage = arrived.nextToken() == null
                            ? null
                            : listings.submit(() -> page(Optional.empty(), arrived.nextToken()));
                    page = arrived.objects().iterator();
                }
            }

            private Optional<LocalDate> dayOf(String key) {
                Matcher m = DAY_FOLDER.matcher(key).region(prefix.length(), key.length());
                if (!m.matches()) {
                    return Optional.empty();
                }
                try {
                    return Optional.of(LocalDate.of(
                            Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))));
                } catch (DateTimeException e) {
                    return Optional.empty(); // 2026/02/30: not a day folder
                }
            }

            private Page page(Optional<String> startAfter, String token) {
                ListObjectsV2Request.Builder request =
                        ListObjectsV2Request.builder().bucket(location.bucket()).prefix(prefix);
                startAfter.ifPresent(request::startAfter);
                if (token != null) {
                    request.continuationToken(token);
                }
                try {
                    ListObjectsV2Response response = s3.listObjectsV2(request.build());
                    return new Page(
                            response.contents(),
                            Boolean.TRUE.equals(response.isTruncated()) ? response.nextContinuationToken() : null);
                } catch (SdkException e) {
                    throw listingFailed(prefix, e);
                }
            }
        }

        /** What a listing run ahead returned; its failure, as a {@link SourceException}. */
        private <T> T await(Future<T> future, String prefix) {
            try {
                return future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SourceException("interrupted while listing " + location.uriOf(prefix));
            } catch (CancellationException e) {
                throw new SourceException("the listing of " + location.uriOf(prefix) + " was cancelled");
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException failure) {
                    throw failure;
                }
                throw new SourceException("cannot list " + location.uriOf(prefix) + ": " + e.getCause(), e.getCause());
            }
        }

        /** The names of the folders directly under {@code prefix} (CommonPrefixes), all pages. */
        private List<String> folders(String prefix) {
            List<String> names = new ArrayList<>();
            try {
                for (CommonPrefix folder : s3.listObjectsV2Paginator(ListObjectsV2Request.builder()
                                .bucket(location.bucket())
                                .prefix(prefix)
                                .delimiter("/")
                                .build())
                        .commonPrefixes()) {
                    String name = folder.prefix().substring(prefix.length());
                    if (name.endsWith("/")) {
                        names.add(name.substring(0, name.length() - 1));
                    }
                }
            } catch (SdkException e) {
                throw listingFailed(prefix, e);
            }
            return names;
        }
    }

    /**
     * {@code source}'s elements, each taken from it up to {@code width} elements before the consumer asks for it. A
     * failure of {@code source} is thrown once the elements taken before it are used up.
     */
    private static <T> Iterator<T> ahead(Iterator<T> source, int width) {
        Deque<T> window = new ArrayDeque<>();
        return new Iterator<>() {
            private RuntimeException failure;

            @Override
            public boolean hasNext() {
                fill();
                if (window.isEmpty() && failure != null) {
                    throw failure;
                }
                return !window.isEmpty();
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                T head = window.poll();
                fill();
                return head;
            }

            private void fill() {
                try {
                    while (failure == null && window.size() < width && source.hasNext()) {
                        window.add(source.next());
                    }
                } catch (RuntimeException e) {
                    failure = e;
                }
            }
        };
    }

    private static <A, B> Iterator<B> map(Iterator<A> source, Function<A, B> function) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return source.hasNext();
            }

            @Override
            public B next() {
                return function.apply(source.next());
            }
        };
    }

    /** The elements of each part in turn; a part is made when the one before it is used up. */
    private static <T> Iterator<T> flatten(Iterator<? extends Supplier<Iterator<T>>> parts) {
        return new Iterator<>() {
            private Iterator<T> part = Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!part.hasNext()) {
                    if (!parts.hasNext()) {
                        return false;
                    }
                    part = parts.next().get();
                }
                return true;
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return part.next();
            }
        };
    }

    /** Daemon threads that go away when idle, so a stream nobody closed leaves nothing behind for long. */
    private static ThreadPoolExecutor listingThreads() {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(
                LISTINGS_AHEAD,
                LISTINGS_AHEAD,
                5,
                TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(),
                new DaemonThreads("s3-list"));
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    private SourceException listingFailed(String prefix, SdkException e) {
        return new SourceException(
                "cannot list " + location.uriOf(prefix) + ": " + S3Errors.describe(e, LIST_PERMISSION), e);
    }

    private static Optional<LocalDate> later(Optional<LocalDate> a, Optional<LocalDate> b) {
        if (a.isEmpty()) {
            return b;
        }
        if (b.isEmpty()) {
            return a;
        }
        return Optional.of(a.get().isAfter(b.get()) ? a.get() : b.get());
    }
}
