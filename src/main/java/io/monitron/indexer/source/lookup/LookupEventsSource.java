package io.monitron.indexer.source.lookup;

import io.monitron.indexer.config.ConfigException;
import io.monitron.indexer.model.Input;
import io.monitron.indexer.port.Listing;
import io.monitron.indexer.port.Source;
import io.monitron.indexer.source.SourceException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.Event;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttribute;
import software.amazon.awssdk.services.cloudtrail.model.LookupEventsRequest;
import software.amazon.awssdk.services.cloudtrail.model.LookupEventsResponse;

/**
 * Events from CloudTrail Event History (the LookupEvents API), one region after the other: the events of one lookup
 * attribute ({@code EventSource = monitron.amazonaws.com} by default), newest first, {@value #PAGE_SIZE} per page, each
 * page one {@link LookupPage} input. Pages are fetched as the stream is consumed, never ahead.
 *
 * <p>Time window per region: from the latest of the query's {@code from} and {@code startAfter(region)} minus
 * {@link #OVERLAP} (15 minutes: Event History can show an event some minutes after its time, and ids are
 * idempotent, so reading a little twice is harmless while missing a late event is not), or 90 days ago when neither is
 * known (Event History keeps 90 days); to the query's {@code to}, or the time the stream was started.
 *
 * <p>Rate: requests of one region are kept at least 500 ms apart ({@link RequestPacer}), the API's documented limit
 * being two per second per account and region. A {@code ThrottlingException} is retried by the client's retry
 * strategy (see {@code AwsClients}: backoff from at least 500 ms up to 20 s, ten attempts). Other failures end the
 * stream with a {@link SourceException} naming the region.
 *
 * <p>Incremental runs: {@link #newestEventTimes()} gives, for each region whose pages were all fetched, the newest
 * event time seen; save it only once every page is indexed and pass it back as {@code startAfter}. Since the newest
 * events come first, saving it after a partial run would skip the older events not yet read.
 */
public final class LookupEventsSource implements Source {
    /** LookupEvents' largest page. */
    public static final int PAGE_SIZE = 50;
    /** How far before the previous run's newest event a run starts. */
    public static final Duration OVERLAP = Duration.ofMinutes(15);
    /** How far back Event History goes. */
    public static final Duration RETENTION = Duration.ofDays(90);

    private final Function<String, CloudTrailClient> clients;
    private final List<String> regions;
    private final LookupQuery query;
    private final Function<String, Optional<Instant>> startAfter;
    private final Clock clock;
    private final Supplier<RequestPacer> pacers;
    private final Map<String, Instant> newest = new ConcurrentHashMap<>();

    /** A source on the system clock, paced at two requests per second per region. */
    public LookupEventsSource(
            Function<String, CloudTrailClient> clients,
            List<String> regions,
            LookupQuery query,
            Function<String, Optional<Instant>> startAfter) {
        this(clients, regions, query, startAfter, Clock.systemUTC(), RequestPacer::forLookupEvents);
    }

    /**
     * @param clients the CloudTrail client of a region (e.g. {@code AwsClients::cloudTrail}); not closed here
     * @param regions the regions to read, in this order
     * @param startAfter per region, the newest event time a previous complete run saw (see
     *     {@link #newestEventTimes()}); empty when unknown
     * @param clock "now": the window's end when the query has none, and the 90-day limit
     * @param pacers makes one pacer per region
     */
    public LookupEventsSource(
            Function<String, CloudTrailClient> clients,
            List<String> regions,
            LookupQuery query,
            Function<String, Optional<Instant>> startAfter,
            Clock clock,
            Supplier<RequestPacer> pacers) {
        if (regions.isEmpty()) {
            throw new ConfigException("--lookup-events needs a region: give --region (repeatable) or set AWS_REGION");
        }
        this.clients = clients;
        this.regions = List.copyOf(regions);
        this.query = query;
        this.startAfter = startAfter;
        this.clock = clock;
        this.pacers = pacers;
    }

    @Override
    public Stream<Input> inputs(Listing listing) {
        Instant now = clock.instant();
        Iterator<Input> pages = regions.stream()
                .map(region -> (Iterator<Input>) new RegionPages(region, now))
                .reduce(Collections.emptyIterator(), Concatenation::new);
        return StreamSupport.stream(
                Spliterators.spliteratorUnknownSize(pages, Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    /** Per region whose pages were all fetched, the newest event time seen; regions without events are absent. */
    public Map<String, Instant> newestEventTimes() {
        return Map.copyOf(newest);
    }

    /** The window of one region: see the class comment. */
    Window window(String region, Instant now) {
        Instant start = now.minus(RETENTION);
        Optional<Instant> after = startAfter.apply(region).map(t -> t.minus(OVERLAP));
        for (Optional<Instant> bound : List.of(query.from(), after)) {
            if (bound.isPresent() && bound.get().isAfter(start)) {
                start = bound.get();
            }
        }
        Instant end = query.to().filter(to -> to.isBefore(now)).orElse(now);
        return new Window(start, end);
    }

    /** [start, end] of one region's lookups. */
    record Window(Instant start, Instant end) {
        @Override
        public String toString() {
            return start + ".." + end;
        }
    }

    /** The pages of one region, fetched one by one with NextToken. */
    private final class RegionPages implements Iterator<Input> {
        private final String region;
        private final Instant now;
        private final RequestPacer pacer = pacers.get();
        private Window window;
        private String nextToken;
        private boolean finished;
        private int pageNumber;
        private Instant newestSeen;
        private LookupPage next;

        RegionPages(String region, Instant now) {
            this.region = region;
            this.now = now;
        }

        @Override
        public boolean hasNext() {
            while (next == null && !finished) {
                fetch();
            }
            return next != null;
        }

        @Override
        public Input next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            LookupPage page = next;
            next = null;
            return page;
        }

        private void fetch() {
            if (window == null) {
                window = window(region, now);
                if (!window.start().isBefore(window.end())) {
                    finish();
                    return;
                }
            }
            LookupEventsResponse response = call();
            pageNumber++;
            for (Event event : response.events()) {
                if (event.eventTime() != null
                        && (newestSeen == null || event.eventTime().isAfter(newestSeen))) {
                    newestSeen = event.eventTime();
                }
            }
            if (!response.events().isEmpty()) {
                next = new LookupPage(
                        "lookup-events:" + region + ":" + window + "#page" + pageNumber, response.events());
            }
            nextToken = response.nextToken();
            if (nextToken == null || nextToken.isEmpty()) {
                finish();
            }
        }

        private LookupEventsResponse call() {
            LookupEventsRequest request = LookupEventsRequest.builder()
                    .lookupAttributes(LookupAttribute.builder()
                            .attributeKey(query.attributeKey())
                            .attributeValue(query.attributeValue())
                            .build())
                    .startTime(window.start())
                    .endTime(window.end())
                    .maxResults(PAGE_SIZE)
                    .nextToken(nextToken)
                    .build();
            try {
                return pacer.paced(() -> clients.apply(region).lookupEvents(request));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SourceException("interrupted while looking up events in " + region, e);
            } catch (SdkException e) {
                throw new SourceException(
                        "cannot look up events in " + region + " (page " + (pageNumber + 1) + " of " + window + "): "
                                + describe(e),
                        e);
            }
        }

        private void finish() {
            finished = true;
            if (newestSeen != null) {
                newest.merge(region, newestSeen, (a, b) -> a.isAfter(b) ? a : b);
            }
        }
    }

    private static String describe(SdkException e) {
        if (e instanceof AwsServiceException aws && aws.awsErrorDetails() != null) {
            String code = aws.awsErrorDetails().errorCode();
            String message = "CloudTrail answered HTTP " + aws.statusCode() + " " + code + ": "
                    + aws.awsErrorDetails().errorMessage();
            if (aws.statusCode() == 403 || "AccessDeniedException".equals(code)) {
                message += " (the indexer needs cloudtrail:LookupEvents)";
            }
            return message;
        }
        return e.getMessage();
    }

    /** One iterator after the other, each asked only once the previous is exhausted. */
    private static final class Concatenation implements Iterator<Input> {
        private final Iterator<Input> first;
        private final Iterator<Input> second;

        Concatenation(Iterator<Input> first, Iterator<Input> second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public boolean hasNext() {
            return first.hasNext() || second.hasNext();
        }

        @Override
        public Input next() {
            return first.hasNext() ? first.next() : second.next();
        }
    }
}
