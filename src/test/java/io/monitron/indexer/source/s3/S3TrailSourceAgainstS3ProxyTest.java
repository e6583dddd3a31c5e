package io.monitron.indexer.source.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.monitron.indexer.model.Input;
import io.monitron.indexer.model.RecordPosition;
import io.monitron.indexer.model.Rejection;
import io.monitron.indexer.model.TrailKey;
import io.monitron.indexer.parse.RecordListener;
import io.monitron.indexer.parse.StreamingEventReader;
import io.monitron.indexer.source.SourceException;
import io.monitron.indexer.source.aws.AwsClients;
import io.monitron.indexer.source.aws.AwsSettings;
import io.monitron.indexer.testing.LocalS3;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;

/** The S3 trail source against S3Proxy in this JVM, through the real SDK client, with real HTTP faults. */
class S3TrailSourceAgainstS3ProxyTest {
    private static final long SEED = 20261001L;
    private static final String BUCKET = "trail-bucket";
    private static final String SINGLE = "111111111111";
    private static final String ORG = "o-abcdefghij";
    private static final String ORG_MEMBER_A = "222222222222";
    private static final String ORG_MEMBER_B = "333333333333";
    private static final Clock TODAY = Clock.fixed(Instant.parse("2026-10-05T12:00:00Z"), ZoneOffset.UTC);
    private static final S3Location LOCATION = S3Location.parse("s3://" + BUCKET + "/trail");

    private static LocalS3 s3proxy;
    /** Log files put in the bucket: key → content. Digests are not in here. */
    private static final Map<String, byte[]> LOGS = new LinkedHashMap<>();

    private static String digestKey;
    private final List<AutoCloseable> closeAfterTest = new ArrayList<>();

    /** One listing request the SDK executed. */
    record Listing(String prefix, String delimiter, String startAfter) {
        Listing(String prefix, String delimiter) {
            this(prefix, delimiter, null);
        }
    }

    /** Records each ListObjectsV2 call once (not each retry) as the SDK executes it. */
    static final class ListingRecorder implements ExecutionInterceptor {
        final List<Listing> listings = new CopyOnWriteArrayList<>();

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            if (context.request() instanceof ListObjectsV2Request list) {
                listings.add(new Listing(list.prefix(), list.delimiter(), list.startAfter()));
            }
        }
    }

    @BeforeAll
    static void fillBucket() throws Exception {
        System.out.println("S3TrailSourceAgainstS3ProxyTest: test data seed " + SEED);
        s3proxy = new LocalS3();
        s3proxy.createBucket(BUCKET);
        TrailFiles files = new TrailFiles(SEED);
        for (String region : List.of("us-east-1", "eu-west-1")) {
            for (String day : List.of("2026-09-29", "2026-09-30", "2026-10-01", "2026-10-02")) {
                for (String time : List.of("0005", "2355")) {
                    putLog(files, "trail/AWSLogs/", SINGLE, region, LocalDate.parse(day), time);
                }
            }
        }
        for (String account : List.of(ORG_MEMBER_A, ORG_MEMBER_B)) {
            for (String day : List.of("2026-09-30", "2026-10-01")) {
                putLog(files, "trail/AWSLogs/" + ORG + "/", account, "us-east-1", LocalDate.parse(day), "1200");
            }
        }
        digestKey = "trail/AWSLogs/" + SINGLE + "/CloudTrail-Digest/us-east-1/2026/10/01/" + SINGLE
                + "_CloudTrail-Digest_us-east-1_trail_us-east-1_20261001T010000Z.json.gz";
        s3proxy.put(BUCKET, digestKey, files.bytes(100));
        // outside the trail prefix: never listed
        s3proxy.put(BUCKET, "other/AWSLogs/" + SINGLE + "/CloudTrail/us-east-1/2026/10/01/x.json.gz", files.bytes(10));
    }

    private static void putLog(
            TrailFiles files, String root, String account, String region, LocalDate day, String time) {
        String stamp = day.toString().replace("-", "") + "T" + time + "Z";
        String key =
                root + account + "/CloudTrail/" + region + "/" + day.toString().replace('-', '/') + "/" + account
                        + "_CloudTrail_" + region + "_" + stamp + "_" + time + "abcdefghijkl.json.gz";
        byte[] content = files.logFile(account, region, day, 3, 50);
        s3proxy.put(BUCKET, key, content);
        LOGS.put(key, content);
    }

    @AfterAll
    static void stopS3Proxy() throws Exception {
        s3proxy.close();
    }

    @AfterEach
    void closeClients() throws Exception {
        for (AutoCloseable closeable : closeAfterTest) {
            closeable.close();
        }
    }

    private S3Client client(URI endpoint, ExecutionInterceptor... interceptors) {
        AwsClients clients = AwsClients.create(
                new AwsSettings(
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.of(endpoint),
                        true,
                        Optional.of("us-east-1"),
                        Optional.empty()),
                StaticCredentialsProvider.create(AwsBasicCredentials.create(LocalS3.ACCESS_KEY, LocalS3.SECRET_KEY)),
                List.of(interceptors));
        closeAfterTest.add(clients);
        return clients.s3();
    }

    private S3TrailSource source(
            S3Client s3, TrailScope scope, Function<TrailPartition, Optional<LocalDate>> firstDay) {
        return new S3TrailSource(s3, LOCATION, scope, firstDay, TODAY, ResumePolicy.DEFAULT);
    }

    private static List<String> keys(S3TrailSource source) {
        try (var inputs = source.inputs(io.monitron.indexer.port.Listing.IGNORE)) {
            return inputs.map(input -> ((S3ObjectInput) input).key()).toList();
        }
    }

    private static List<String> logKeys(String account, String region, String... days) {
        return LOGS.keySet().stream()
                .filter(key -> key.contains("/" + account + "/CloudTrail/" + region + "/"))
                .filter(key -> days.length == 0 || Set.of(days).stream().anyMatch(day -> key.contains(day)))
                .toList();
    }

    @Test
    void listsEveryLogFileOfSingleAccountAndOrganizationTrailsAndNeverADigestFolder() {
        ListingRecorder recorder = new ListingRecorder();
        List<String> keys =
                keys(source(client(s3proxy.endpoint(), recorder), TrailScope.everything(), p -> Optional.empty()));

        assertThat(keys).containsExactlyInAnyOrderElementsOf(LOGS.keySet());
        assertThat(recorder.listings)
                .extracting(Listing::prefix)
                .noneMatch(prefix -> prefix.contains("CloudTrail-Digest"))
                .allMatch(prefix -> prefix.startsWith("trail/AWSLogs/"));
        // the walk discovers accounts and regions with delimiter listings, then lists each partition once, whole
        assertThat(recorder.listings)
                .filteredOn(listing -> listing.delimiter() == null)
                .extracting(Listing::prefix)
                .allMatch(prefix -> prefix.matches(".*/CloudTrail/[a-z0-9-]+/"))
                .doesNotHaveDuplicates()
                .hasSize(4); // two regions of the single account, one of each organization member
    }

    @Test
    void inputsCarryTheObjectUriEtagAndSize() throws IOException {
        S3TrailSource source = source(
                client(s3proxy.endpoint()),
                TrailScope.of(Set.of(ORG_MEMBER_A), Set.of("us-east-1"), Optional.empty(), Optional.empty()),
                p -> Optional.empty());
        List<Input> inputs =
                source.inputs(io.monitron.indexer.port.Listing.IGNORE).toList();

        assertThat(inputs).hasSize(2);
        Input first = inputs.get(0);
        String key = ((S3ObjectInput) first).key();
        assertThat(first.location()).isEqualTo("s3://" + BUCKET + "/" + key);
        assertThat(first.stateKey()).isEqualTo(first.location());
        assertThat(first.size()).isEqualTo(LOGS.get(key).length);
        assertThat(first.version()).isNotBlank().doesNotContain("\"");
        assertThat(TrailKey.parse(first.location()).orElseThrow().organizationId())
                .contains(ORG);
        try (InputStream in = first.open()) {
            assertThat(in.readAllBytes()).isEqualTo(LOGS.get(key));
        }
    }

    @Test
    void oneDayOfOneAccountAndRegionListsOnlyThatDayAndTheNextDeliveryDay() {
        ListingRecorder recorder = new ListingRecorder();
        LocalDate day = LocalDate.parse("2026-09-30");
        TrailScope scope = new TrailScope(Set.of(SINGLE), Set.of("eu-west-1"), Optional.of(day), Optional.of(day));

        List<String> keys = keys(source(client(s3proxy.endpoint(), recorder), scope, p -> Optional.empty()));

        assertThat(keys).containsExactlyElementsOf(logKeys(SINGLE, "eu-west-1", "/2026/09/30/", "/2026/10/01/"));
        String region = "trail/AWSLogs/" + SINGLE + "/CloudTrail/eu-west-1/";
        assertThat(recorder.listings)
                .containsExactlyInAnyOrder(
                        // which accounts and organizations there are (the account may be in an organization trail)
                        new Listing("trail/AWSLogs/", "/"),
                        // the partition from its first day on; it ends at the day after (a file delivered just after
                        // midnight holds the last events of the day before), which the test's one page holds
                        new Listing(region, null, region + "2026/09/30"),
                        new Listing("trail/AWSLogs/" + ORG + "/", "/"));
    }

    @Test
    void aPartitionsWatermarkStartsItsListingAtThatDayWithoutDiscoveringEarlierFolders() {
        ListingRecorder recorder = new ListingRecorder();
        TrailPartition watermarked = new TrailPartition(SINGLE, "us-east-1");
        Function<TrailPartition, Optional<LocalDate>> firstDay =
                p -> p.equals(watermarked) ? Optional.of(LocalDate.parse("2026-10-02")) : Optional.empty();

        List<String> keys = keys(source(client(s3proxy.endpoint(), recorder), TrailScope.everything(), firstDay));

        List<String> expected = new ArrayList<>(LOGS.keySet());
        expected.removeIf(
                key -> key.contains("/" + SINGLE + "/CloudTrail/us-east-1/") && !key.contains("/2026/10/02/"));
        assertThat(keys).containsExactlyInAnyOrderElementsOf(expected);
        String partition = "trail/AWSLogs/" + SINGLE + "/CloudTrail/us-east-1/";
        // one listing that starts after the days before the watermark: they are never listed
        assertThat(recorder.listings)
                .filteredOn(listing -> listing.prefix().startsWith(partition))
                .containsExactly(new Listing(partition, null, partition + "2026/10/02"));
    }

    @Test
    void fromAndToNarrowEveryPartitionToTheirDays() {
        TrailScope scope = TrailScope.of(
                Set.of(),
                Set.of(),
                Optional.of(Instant.parse("2026-10-01T00:00:00Z")),
                Optional.of(Instant.parse("2026-10-01T00:00:00Z").plus(Duration.ofDays(1))));

        List<String> keys = keys(source(client(s3proxy.endpoint()), scope, p -> Optional.empty()));

        assertThat(keys)
                .isNotEmpty()
                .allMatch(key -> key.contains("/2026/10/01/") || key.contains("/2026/10/02/"))
                .containsAll(logKeys(ORG_MEMBER_B, "us-east-1", "/2026/10/01/"));
    }

    @Test
    void aPartitionOfSeveralPagesIsHandedOverInKeyOrderWithinItsDaysAndOnlyFromDayFolders() throws Exception {
        try (LocalS3 store = new LocalS3()) {
            store.createBucket(BUCKET);
            String partition = "trail/AWSLogs/" + SINGLE + "/CloudTrail/us-east-1/";
            byte[] body = {1};
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 1_100; i++) { // more than one page of 1,000
                String key = partition + "2026/10/01/" + SINGLE + "_CloudTrail_us-east-1_20261001T0000Z_"
                        + String.format("%04d", i) + ".json.gz";
                store.put(BUCKET, key, body);
                expected.add(key);
            }
            String nextDay = partition + "2026/10/02/" + SINGLE + "_CloudTrail_us-east-1_20261002T0005Z_x.json.gz";
            store.put(BUCKET, nextDay, body);
            expected.add(nextDay);
            store.put(BUCKET, partition + "2026/09/30/before.json.gz", body); // before the first day
            store.put(BUCKET, partition + "2026/10/03/after.json.gz", body); // after the day after the last day
            store.put(BUCKET, partition + "2026/10/01x/not-a-day.json.gz", body);
            store.put(BUCKET, partition + "2026/02/30/no-such-day.json.gz", body);
            store.put(BUCKET, partition + "2026/10/02/", new byte[0]); // a folder marker
            store.put(BUCKET, partition + "notes.txt", body);
            LocalDate day = LocalDate.parse("2026-10-01");
            S3TrailSource source = new S3TrailSource(
                    client(store.endpoint()),
                    LOCATION,
                    new TrailScope(Set.of(), Set.of(), Optional.of(day), Optional.of(day)),
                    p -> Optional.empty(),
                    TODAY,
                    ResumePolicy.DEFAULT);

            assertThat(keys(source)).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void aMissingBucketStopsTheListingWithTheBucketNamed() {
        S3TrailSource source = new S3TrailSource(
                client(s3proxy.endpoint()),
                S3Location.parse("s3://no-such-bucket"),
                TrailScope.everything(),
                p -> Optional.empty(),
                TODAY,
                ResumePolicy.DEFAULT);

        assertThatThrownBy(() ->
                        source.inputs(io.monitron.indexer.port.Listing.IGNORE).toList())
                .isInstanceOf(SourceException.class)
                .hasMessageContaining("s3://no-such-bucket/AWSLogs/")
                .hasMessageContaining("404")
                .hasMessageNotContaining(LocalS3.SECRET_KEY);
    }

    @Test
    void severalReadersOpenTheSameAndDifferentObjectsAtOnce() throws Exception {
        List<Input> inputs = source(client(s3proxy.endpoint()), TrailScope.everything(), p -> Optional.empty())
                .inputs(io.monitron.indexer.port.Listing.IGNORE)
                .toList();
        List<Input> twice = new ArrayList<>(inputs);
        twice.addAll(inputs);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService readers = Executors.newFixedThreadPool(8);
        try {
            List<Future<byte[]>> reads = new ArrayList<>();
            for (Input input : twice) {
                reads.add(readers.submit((Callable<byte[]>) () -> {
                    start.await();
                    try (InputStream in = input.open()) {
                        return in.readAllBytes();
                    }
                }));
            }
            start.countDown();
            for (int i = 0; i < twice.size(); i++) {
                String key = ((S3ObjectInput) twice.get(i)).key();
                assertThat(reads.get(i).get()).as(key).isEqualTo(LOGS.get(key));
            }
        } finally {
            readers.shutdownNow();
        }
    }

    @Test
    void aThrottledGetIsRetriedAndABodyCutMidwayResumesFromTheByteReached() throws Exception {
        try (LocalS3 store = new LocalS3();
                FaultInjectingProxy proxy = new FaultInjectingProxy(store.port())) {
            store.createBucket(BUCKET);
            TrailFiles files = new TrailFiles(SEED);
            String throttled = "trail/AWSLogs/" + SINGLE + "/CloudTrail/us-east-1/2026/10/01/" + SINGLE
                    + "_CloudTrail_us-east-1_20261001T0100Z_throttled.json.gz";
            String cut = "trail/AWSLogs/" + SINGLE + "/CloudTrail/us-east-1/2026/10/01/" + SINGLE
                    + "_CloudTrail_us-east-1_20261001T0200Z_cut.json.gz";
            byte[] throttledBody = files.bytes(10_000);
            byte[] cutBody = files.bytes(300_000);
            store.put(BUCKET, throttled, throttledBody);
            store.put(BUCKET, cut, cutBody);
            proxy.slowDown(throttled, 2);
            proxy.cutBody(cut, 2, 100_000);
            S3TrailSource source = new S3TrailSource(
                    client(proxy.endpoint()),
                    LOCATION,
                    TrailScope.everything(),
                    p -> Optional.empty(),
                    TODAY,
                    new ResumePolicy(3, Duration.ofMillis(10), Duration.ofMillis(50)));
            Map<String, Input> inputs = source.inputs(io.monitron.indexer.port.Listing.IGNORE)
                    .collect(Collectors.toMap(i -> ((S3ObjectInput) i).key(), i -> i));

            try (InputStream in = inputs.get(throttled).open()) {
                assertThat(in.readAllBytes()).isEqualTo(throttledBody);
            }
            try (InputStream in = inputs.get(cut).open()) {
                assertThat(in.readAllBytes()).isEqualTo(cutBody);
            }

            assertThat(proxy.getsOf(throttled)).hasSize(3);
            List<String> cutGets = proxy.getsOf(cut);
            assertThat(cutGets).hasSize(3);
            assertThat(cutGets.get(0)).doesNotContainIgnoringCase("range:");
            assertThat(cutGets.get(1)).containsIgnoringCase("range: bytes=100000-");
            // the second body was cut 100,000 bytes into the rest, so the third GET starts at 200,000
            assertThat(cutGets.get(2)).containsIgnoringCase("range: bytes=200000-");
            assertThat(cutGets).allSatisfy(head -> assertThat(head).containsIgnoringCase("if-match:"));
        }
    }

    @Test
    void downloadedAheadABodyCutMidwayStillResumesAndABrokenObjectFailsItsOpenNamingIt() throws Exception {
        try (LocalS3 store = new LocalS3();
                FaultInjectingProxy proxy = new FaultInjectingProxy(store.port())) {
            store.createBucket(BUCKET);
            TrailFiles files = new TrailFiles(SEED);
            String prefix = "trail/AWSLogs/" + SINGLE + "/CloudTrail/us-east-1/2026/10/01/" + SINGLE
                    + "_CloudTrail_us-east-1_20261001T";
            Map<String, byte[]> bodies = new LinkedHashMap<>();
            for (int i = 0; i < 12; i++) {
                String key = prefix + String.format("%02d", i) + "00Z_x.json.gz";
                bodies.put(key, files.bytes(20_000 + i));
                store.put(BUCKET, key, bodies.get(key));
            }
            String cut = prefix + "0300Z_x.json.gz";
            String broken = prefix + "0700Z_x.json.gz";
            proxy.cutBody(cut, 1, 5_000);
            proxy.cutBody(broken, Integer.MAX_VALUE, 0);
            io.monitron.indexer.port.Source source = io.monitron.indexer.source.PrefetchingSource.of(
                    new S3TrailSource(
                            client(proxy.endpoint()),
                            LOCATION,
                            TrailScope.everything(),
                            p -> Optional.empty(),
                            TODAY,
                            new ResumePolicy(2, Duration.ofMillis(10), Duration.ofMillis(50))),
                    4,
                    1 << 20);

            Map<String, byte[]> read = new LinkedHashMap<>();
            List<String> failed = new ArrayList<>();
            try (var inputs = source.inputs(io.monitron.indexer.port.Listing.IGNORE)) {
                for (var it = inputs.iterator(); it.hasNext(); ) {
                    Input input = it.next();
                    try (InputStream in = input.open()) {
                        read.put(input.location(), in.readAllBytes());
                    } catch (IOException e) {
                        assertThat(e).hasMessageContaining(input.location()).hasMessageContaining("after 2 resumes");
                        failed.add(input.location());
                    }
                }
            }

            assertThat(failed).containsExactly(LOCATION.uriOf(broken));
            assertThat(read.keySet())
                    .containsExactlyElementsOf(bodies.keySet().stream()
                            .filter(key -> !key.equals(broken))
                            .map(LOCATION::uriOf)
                            .toList());
            bodies.forEach((key, body) -> {
                if (!key.equals(broken)) {
                    assertThat(read.get(LOCATION.uriOf(key))).as(key).isEqualTo(body);
                }
            });
            List<String> cutGets = proxy.getsOf(cut);
            assertThat(cutGets).hasSize(2);
            assertThat(cutGets.get(1)).containsIgnoringCase("range: bytes=5000-");
        }
    }

    @Test
    void aBodyThatKeepsBreakingFailsTheInputAfterTheBoundedResumes() throws Exception {
        try (LocalS3 store = new LocalS3();
                FaultInjectingProxy proxy = new FaultInjectingProxy(store.port())) {
            store.createBucket(BUCKET);
            String key = "trail/AWSLogs/" + SINGLE + "/CloudTrail/us-east-1/2026/10/01/" + SINGLE
                    + "_CloudTrail_us-east-1_20261001T0100Z_broken.json.gz";
            store.put(BUCKET, key, new TrailFiles(SEED).bytes(50_000));
            proxy.cutBody(key, Integer.MAX_VALUE, 0);
            S3TrailSource source = new S3TrailSource(
                    client(proxy.endpoint()),
                    LOCATION,
                    TrailScope.everything(),
                    p -> Optional.empty(),
                    TODAY,
                    new ResumePolicy(2, Duration.ofMillis(10), Duration.ofMillis(50)));
            Input input = source.inputs(io.monitron.indexer.port.Listing.IGNORE)
                    .findFirst()
                    .orElseThrow();

            assertThatThrownBy(() -> {
                        try (InputStream in = input.open()) {
                            in.readAllBytes();
                        }
                    })
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining(input.location())
                    .hasMessageContaining("after 2 resumes");
            assertThat(proxy.getsOf(key)).hasSize(3);
        }
    }

    @Test
    void anObjectLargerThanABulkRequestStreamsThroughTheReaderAcrossAResumedConnection() throws Exception {
        try (LocalS3 store = new LocalS3();
                FaultInjectingProxy proxy = new FaultInjectingProxy(store.port())) {
            store.createBucket(BUCKET);
            String key = "trail/AWSLogs/" + SINGLE + "/CloudTrail/us-east-1/2026/10/01/" + SINGLE
                    + "_CloudTrail_us-east-1_20261001T0300Z_large.json.gz";
            int events = 6_000;
            // about 6,000 × 1 KB: more than one 5 MB bulk request of documents
            byte[] file =
                    new TrailFiles(SEED).logFile(SINGLE, "us-east-1", LocalDate.parse("2026-10-01"), events, 1_000);
            store.put(BUCKET, key, file);
            proxy.cutBody(key, 1, file.length / 2);
            S3TrailSource source = new S3TrailSource(
                    client(proxy.endpoint()),
                    LOCATION,
                    TrailScope.everything(),
                    p -> Optional.empty(),
                    TODAY,
                    new ResumePolicy(3, Duration.ofMillis(10), Duration.ofMillis(50)));
            Input input = source.inputs(io.monitron.indexer.port.Listing.IGNORE)
                    .findFirst()
                    .orElseThrow();
            List<Rejection> rejections = new ArrayList<>();
            long[] seen = new long[1];
            RecordListener listener = new RecordListener() {
                @Override
                public void onEvent(ObjectNode event, String original, RecordPosition position) {
                    seen[0]++;
                }

                @Override
                public void onRejected(Rejection rejection) {
                    rejections.add(rejection);
                }
            };

            long records;
            try (InputStream in = input.open()) {
                records = new StreamingEventReader().read(in, input.location(), listener);
            }

            assertThat(rejections).isEmpty();
            assertThat(seen[0]).isEqualTo(events);
            assertThat(records).isEqualTo(events);
            assertThat(proxy.getsOf(key)).hasSize(2);
        }
    }
}
