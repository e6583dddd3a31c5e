package io.monitron.indexer.source.s3;

import io.monitron.indexer.model.Input;
import io.monitron.indexer.port.Listing;
import io.monitron.indexer.port.Source;
import io.monitron.indexer.source.SourceException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
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
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The log files of a CloudTrail bucket in the standard layout
 * {@code PREFIX/AWSLogs/[o-ORGID/]ACCOUNT/CloudTrail/REGION/YYYY/MM/DD/...}: single-account, multi-region and
 * organization trails alike.
 *
 * <p>The bucket is walked, never listed whole: accounts, organizations, regions, years, months and days are found with
 * delimiter listings (CommonPrefixes), and a level is not listed at all when the scope names its values (given
 * accounts are still looked for under each organization, which needs the listing of {@code AWSLogs/} and of each
 * {@code o-} folder; given regions and dates are addressed directly). Where a date range leaves at most two values at a
 * level (two days, two months), those folders are addressed directly instead of listing their parent. Only day
 * folders are listed in full, page by page, as the stream is consumed: memory stays bounded whatever the number of
 * objects. {@code CloudTrail-Digest/} and {@code CloudTrail-Insight/} folders are never listed.
 *
 * <p>Days: per partition, from the later of the scope's first day and {@code firstDay(partition)} (the checkpoint's
 * watermark; inclusive) through the earlier of today (UTC) and the day after the scope's last day. The extra day is
 * there because a folder is named for the file's delivery time, and a file delivered just after midnight holds events
 * of the day before; the event filter drops what is outside the time range.
 *
 * <p>Each object becomes an {@link S3ObjectInput} (location and state key {@code s3://bucket/key}, version its ETag,
 * its size); objects are listed in key order within a day. Listing failures end the stream with a
 * {@link SourceException} naming the prefix and the permission to check. The S3 client is the caller's: this source
 * does not close it.
 */
public final class S3TrailSource implements Source {
    private static final Pattern ORGANIZATION = Pattern.compile("o-[a-z0-9]{10,32}");
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final Pattern REGION = Pattern.compile("[a-z0-9-]+");
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
     *     empty when nothing is known; called once per partition found
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
        return StreamSupport.stream(
                Spliterators.spliteratorUnknownSize(new Walk(), Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    /**
     * A depth-first walk over the folder levels. Each pending step lists one folder and pushes the steps for its
     * children, or starts the object listing of a day; steps run only when the consumer asks for more inputs.
     */
    private final class Walk implements Iterator<Input> {
        private final Deque<Runnable> pending = new ArrayDeque<>();
        private Iterator<S3Object> objects = Collections.emptyIterator();
        private String objectsPrefix = "";
        private Input next;

        Walk() {
            pending.push(this::roots);
        }

        @Override
        public boolean hasNext() {
            while (next == null) {
                if (nextObjectListed()) {
                    S3Object object = objects.next();
                    if (!object.key().endsWith("/")) {
                        next = new S3ObjectInput(s3, location, object.key(), object.eTag(), object.size(), resume);
                    }
                    continue;
                }
                Runnable step = pending.poll();
                if (step == null) {
                    return false;
                }
                step.run();
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

        private boolean nextObjectListed() {
            try {
                return objects.hasNext();
            } catch (SdkException e) {
                throw listingFailed(objectsPrefix, e);
            }
        }

        /** Pushes steps so that they run in the given order, before anything pushed earlier. */
        private void then(List<Runnable> steps) {
            for (int i = steps.size() - 1; i >= 0; i--) {
                pending.push(steps.get(i));
            }
        }

        private void roots() {
            String root = location.logsRoot();
            List<Runnable> steps = new ArrayList<>();
            for (String name : folders(root)) {
                if (ORGANIZATION.matcher(name).matches()) {
                    steps.add(() -> organization(root + name + "/"));
                } else if (ACCOUNT.matcher(name).matches() && scope.includesAccount(name)) {
                    steps.add(() -> account(root + name + "/", name));
                }
            }
            then(steps);
        }

        private void organization(String prefix) {
            List<Runnable> steps = new ArrayList<>();
            for (String name : folders(prefix)) {
                if (ACCOUNT.matcher(name).matches() && scope.includesAccount(name)) {
                    steps.add(() -> account(prefix + name + "/", name));
                }
            }
            then(steps);
        }

        private void account(String prefix, String account) {
            String trail = prefix + "CloudTrail/";
            List<String> regions = scope.regions().isEmpty()
                    ? folders(trail).stream()
                            .filter(r -> REGION.matcher(r).matches())
                            .toList()
                    : scope.regions().stream().sorted().toList();
            then(regions.stream()
                    .<Runnable>map(region -> () -> partition(trail + region + "/", new TrailPartition(account, region)))
                    .toList());
        }

        private void partition(String prefix, TrailPartition partition) {
            LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
            LocalDate end = scope.lastDay()
                    .map(last -> last.plusDays(1))
                    .filter(last -> last.isBefore(today))
                    .orElse(today);
            Optional<LocalDate> start = later(scope.firstDay(), firstDay.apply(partition));
            if (start.isPresent() && start.get().isAfter(end)) {
                return;
            }
            years(prefix, start, end);
        }

        private void years(String prefix, Optional<LocalDate> start, LocalDate end) {
            int low = start.map(LocalDate::getYear).orElse(Integer.MIN_VALUE);
            List<Integer> years = values(prefix, 4, low, end.getYear());
            then(years.stream()
                    .<Runnable>map(year -> () -> months(prefix + year + "/", year, start, end))
                    .toList());
        }

        private void months(String prefix, int year, Optional<LocalDate> start, LocalDate end) {
            int low = start.filter(s -> s.getYear() == year)
                    .map(LocalDate::getMonthValue)
                    .orElse(1);
            int high = end.getYear() == year ? end.getMonthValue() : 12;
            then(values(prefix, 2, low, high).stream()
                    .<Runnable>map(
                            month -> () -> days(prefix + two(month) + "/", YearMonth.of(year, month), start, end))
                    .toList());
        }

        private void days(String prefix, YearMonth month, Optional<LocalDate> start, LocalDate end) {
            int low = start.filter(s -> YearMonth.from(s).equals(month))
                    .map(LocalDate::getDayOfMonth)
                    .orElse(1);
            int high = YearMonth.from(end).equals(month) ? end.getDayOfMonth() : month.lengthOfMonth();
            then(values(prefix, 2, low, high).stream()
                    .<Runnable>map(day -> () -> day(prefix + two(day) + "/"))
                    .toList());
        }

        private void day(String prefix) {
            objectsPrefix = prefix;
            objects = s3.listObjectsV2Paginator(ListObjectsV2Request.builder()
                            .bucket(location.bucket())
                            .prefix(prefix)
                            .build())
                    .contents()
                    .iterator();
        }

        /**
         * The numeric folder names under {@code prefix} within {@code [low, high]}: addressed directly when there
         * are at most two candidates (cheaper than listing the parent, and a missing folder costs one empty listing),
         * listed with a delimiter otherwise.
         */
        private List<Integer> values(String prefix, int digits, int low, int high) {
            if (low > high) {
                return List.of();
            }
            if (low != Integer.MIN_VALUE && (long) high - low < 2) {
                List<Integer> direct = new ArrayList<>();
                for (int v = low; v <= high; v++) {
                    direct.add(v);
                }
                return direct;
            }
            Pattern number = Pattern.compile("\\d{" + digits + "}");
            return folders(prefix).stream()
                    .filter(name -> number.matcher(name).matches())
                    .map(Integer::parseInt)
                    .filter(v -> v >= low && v <= high)
                    .sorted()
                    .toList();
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

    private static String two(int value) {
        return value < 10 ? "0" + value : Integer.toString(value);
    }
}
