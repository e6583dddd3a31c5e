package io.monitron.indexer.app;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.monitron.indexer.checkpoint.Checkpoint;
import io.monitron.indexer.checkpoint.CheckpointedSource;
import io.monitron.indexer.checkpoint.NewestEventCheckpoint;
import io.monitron.indexer.checkpoint.PartitionedCheckpoint;
import io.monitron.indexer.estate.EntityNames;
import io.monitron.indexer.estate.EstateException;
import io.monitron.indexer.estate.EstateIndex;
import io.monitron.indexer.estate.EstateRecordingSink;
import io.monitron.indexer.estate.TouchedEntities;
import io.monitron.indexer.metrics.MetricsServer;
import io.monitron.indexer.parse.StreamingEventReader;
import io.monitron.indexer.pipeline.IndexRun;
import io.monitron.indexer.pipeline.Progress;
import io.monitron.indexer.pipeline.RunControl;
import io.monitron.indexer.port.DocumentSink;
import io.monitron.indexer.port.ResolvedUserStore;
import io.monitron.indexer.port.Source;
import io.monitron.indexer.port.StateStore;
import io.monitron.indexer.port.Target;
import io.monitron.indexer.sink.DeadLetterFile;
import io.monitron.indexer.sink.DiscardingSink;
import io.monitron.indexer.sink.ElasticsearchTarget;
import io.monitron.indexer.sink.NdjsonFileSink;
import io.monitron.indexer.sink.RetryPolicy;
import io.monitron.indexer.sink.SinkException;
import io.monitron.indexer.source.LocalFileSource;
import io.monitron.indexer.source.PrefetchingSource;
import io.monitron.indexer.source.aws.AwsClients;
import io.monitron.indexer.source.aws.IdentityStoreClients;
import io.monitron.indexer.source.lookup.LookupEventsSource;
import io.monitron.indexer.source.lookup.LookupQuery;
import io.monitron.indexer.source.s3.S3TrailSource;
import io.monitron.indexer.source.s3.TrailPartition;
import io.monitron.indexer.source.s3.TrailScope;
import io.monitron.indexer.source.sqs.QueueSettings;
import io.monitron.indexer.source.sqs.SqsSource;
import io.monitron.indexer.transform.CloudTrailTransformer;
import io.monitron.indexer.transform.Enrichment;
import io.monitron.indexer.transform.geo.GeoIpLookup;
import io.monitron.indexer.transform.identity.DirectoryResolver;
import io.monitron.indexer.transform.identity.IdentityMap;
import io.monitron.indexer.transform.identity.IdentityResolver;
import io.monitron.indexer.transform.identity.IdentityStoreDirectory;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.services.identitystore.IdentitystoreClient;

/**
 * The one place that turns an {@link IndexConfiguration} into a run: it opens the output, checks the target, loads or
 * resets the state, builds the source and hands everything to {@link IndexRun}. Only this class (and the command that
 * calls it) sees concrete stage classes. Closing it closes what it opened, in reverse order.
 */
public final class IndexWiring implements AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(IndexWiring.class);
    private static final DateTimeFormatter RUN_STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final Deque<AutoCloseable> opened = new ArrayDeque<>();
    private final DeadLetterFile deadLetters;
    private final IndexRun run;

    private DirectoryResolver directory;
    private EstateIndex estate;
    private TouchedEntities touched;
    private boolean rebuildEstate;
    private GeoIpLookup geoIp;
    private MetricsServer metrics;

    private IndexWiring(
            IndexConfiguration config, Writer standardOutput, RunControl control, Progress.Display display) {
        Clock clock = Clock.systemUTC();
        this.rebuildEstate = config.state().full();
        // usage errors first (exit 2): a GeoIP database or identity map that cannot be read
        Enrichment enrichment = Enrichment.none();
        if (!config.enrichment().geoIpDatabases().isEmpty()) {
            geoIp = open(GeoIpLookup.open(config.enrichment().geoIpDatabases()));
            enrichment = enrichment.withGeoIp(geoIp);
        }
        List<IdentityResolver> resolvers = new ArrayList<>();
        config.enrichment().identityMap().ifPresent(file -> resolvers.add(IdentityMap.load(file)));
        this.deadLetters = open(new DeadLetterFile(deadLetterFile(config.deadLetter(), clock.instant()), clock));
        MeterRegistry registry = new SimpleMeterRegistry();
        if (config.metricsPort().isPresent()) {
            PrometheusMeterRegistry prometheus = MetricsServer.newRegistry();
            registry = prometheus;
            metrics = open(
                    MetricsServer.start(config.metricsPort().getAsInt(), prometheus, () -> healthy.getAsBoolean()));
        }
        Target target = null;
        DocumentSink sink;
        switch (config.output().kind()) {
            case DRY_RUN -> sink = new DiscardingSink();
            case FILE ->
                sink = open(new NdjsonFileSink(
                        writer(config.output().file().orElseThrow(), standardOutput),
                        config.output().indexNames(),
                        !config.output().file().get().equals("-")));
            case ELASTICSEARCH -> {
                target = open(new ElasticsearchTarget(
                                config.elasticsearch().get(),
                                config.output().indexNames(),
                                config.bulk(),
                                config.output().overwrite(),
                                RetryPolicy.DEFAULT,
                                clock)
                        .timingBulksWith(io.micrometer.core.instrument.Timer.builder("indexer.bulk.latency")
                                .description("time from sending a bulk request to its response")
                                .publishPercentileHistogram()
                                .register(registry)::record));
                target.requireReady();
                sink = open(target.sink(deadLetters));
                ElasticsearchClient client = ((ElasticsearchTarget) target).client();
                estate = new EstateIndex(client, config.output().indexNames().pattern(), config.estateIndex());
                touched = new TouchedEntities();
                sink = new EstateRecordingSink(sink, estateNames(client, config.estateIndex()), touched);
            }
            default -> throw new IllegalStateException();
        }
        if (config.enrichment().resolveIdentityCenterUsers()) {
            IdentitystoreClient identityStore =
                    open(IdentityStoreClients.create(config.aws().get()));
            ResolvedUserStore kept = target == null
                    ? ResolvedUserStore.NONE
                    : target.resolvedUserStore(config.state().index());
            directory = DirectoryResolver.create(new IdentityStoreDirectory(identityStore), kept);
            resolvers.add(directory); // the map first, then the identity store
        }
        if (!resolvers.isEmpty()) {
            enrichment =
                    enrichment.withIdentities(IdentityResolver.firstOf(resolvers.toArray(IdentityResolver[]::new)));
        }
        Optional<StateStore> state =
                Optional.ofNullable(target).map(t -> t.stateStore(config.state().index()));
        state.filter(store -> config.state().reset()).ifPresent(store -> store.delete(config.stateScope()));
        Source source = source(config, state, registry);
        this.run = IndexRun.reading(source)
                .with(
                        new StreamingEventReader(config.maxRecordSize()),
                        config.filter(),
                        new CloudTrailTransformer(config.output().keepOriginal(), clock, enrichment))
                .into(sink, deadLetters)
                .concurrency(config.concurrency())
                .control(control)
                .progress(display)
                .build();
        RunMeters.register(registry, run.stats());
    }

    /**
     * Brings the estate up to date after a run that ended normally: the entities the run's documents named, or
     * every entity with {@code --full}. Nothing for outputs other than Elasticsearch.
     *
     * @throws io.monitron.indexer.estate.EstateException when the estate cannot be read or written
     */
    public Optional<EstateIndex.Summary> updateEstate() {
        if (estate == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(rebuildEstate ? estate.rebuild() : estate.update(touched));
        } catch (EstateException e) {
            // derived data: the events are indexed and accounted for; the next run (or one with --full) catches up
            LOG.warn(
                    "the estate was not updated: {}; the events are indexed, and the next run, or one with --full,"
                            + " brings the estate up to date",
                    e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * The names the estate knows; none when it cannot be read (e.g. a role made by an older {@code setup} without
     * privileges on the estate index), with a warning: the events are indexed all the same.
     */
    private EntityNames estateNames(ElasticsearchClient client, String estateIndex) {
        try {
            return EntityNames.load(client, estateIndex);
        } catch (EstateException e) {
            LOG.warn(
                    "cannot read the estate, so events that name an entity only by id get no name and the estate is"
                            + " not updated this run: {} (run `setup` again to give the indexer role its privileges on {})",
                    e.getMessage(),
                    estateIndex);
            estate = null;
            return EntityNames.none();
        }
    }

    /** What {@code /health} reports besides the source: set once the source exists. */
    private volatile java.util.function.BooleanSupplier healthy = () -> true;

    /** Identity-store lookups of this run, when {@code --resolve-identity-center-users} is on. */
    public Optional<DirectoryResolver.Stats> identityLookups() {
        return Optional.ofNullable(directory).map(DirectoryResolver::stats);
    }

    /** GeoIP lookups that failed (a database that could not answer), when {@code --geoip-db} is given. */
    public long geoIpFailures() {
        return geoIp == null ? 0 : geoIp.failures();
    }

    /** The port {@code /metrics} and {@code /health} are served on, when {@code --metrics-port} is given. */
    public java.util.OptionalInt metricsPort() {
        return metrics == null ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(metrics.port());
    }

    /**
     * Prepares a run: every side effect of {@code index} before reading (connecting, checking the template, resetting
     * the state) happens here, after the configuration was validated as a whole.
     */
    public static IndexWiring prepare(
            IndexConfiguration config, Writer standardOutput, RunControl control, Progress.Display display) {
        return new IndexWiring(config, standardOutput, control, display);
    }

    public IndexRun run() {
        return run;
    }

    public DeadLetterFile deadLetters() {
        return deadLetters;
    }

    private <T extends AutoCloseable> T open(T resource) {
        opened.push(resource);
        return resource;
    }

    private static Writer writer(String file, Writer standardOutput) {
        if (file.equals("-")) {
            return standardOutput;
        }
        try {
            return new BufferedWriter(
                    new OutputStreamWriter(Files.newOutputStream(Path.of(file)), StandardCharsets.UTF_8), 1 << 16);
        } catch (IOException e) {
            throw new io.monitron.indexer.config.ConfigException(
                    "cannot write --output " + file + ": " + e.getClass().getSimpleName());
        }
    }

    private static Path deadLetterFile(Path deadLetter, Instant now) {
        boolean looksLikeFile = deadLetter.getFileName() != null
                && deadLetter.getFileName().toString().endsWith(".ndjson");
        if (looksLikeFile && !Files.isDirectory(deadLetter)) {
            return deadLetter;
        }
        return deadLetter.resolve("dead-letter-" + RUN_STAMP.format(now) + "-"
                + ProcessHandle.current().pid() + ".ndjson");
    }

    /**
     * The input source, told by its checkpoint (when there is a state) which inputs earlier runs completed and where
     * they stopped.
     */
    private Source source(IndexConfiguration config, Optional<StateStore> state, MeterRegistry registry) {
        IndexConfiguration.Input input = config.input();
        String scope = config.stateScope();
        IndexConfiguration.State settings = config.state();
        if (config.queue().isPresent()) {
            IndexConfiguration.Queue queue = config.queue().get();
            AwsClients clients = open(AwsClients.create(config.aws().get().withSqsEndpoint(queue.endpoint())));
            SqsSource notified = new SqsSource(
                    clients.sqs(queue.url()),
                    clients.s3(),
                    QueueSettings.of(queue.url())
                            .withIdleExit(queue.idleExit())
                            .withMaxMessages(queue.maxMessages())
                            .withMaxReceiveCount(queue.maxReceiveCount()),
                    deadLetters::write,
                    registry);
            open(notified); // closed before the clients: it gives messages back through them
            healthy = notified::healthy;
            // objects the queue names share the state of the trail (--s3) or of the queue: batch back-fills and live
            // notifications of the same output see each other's work
            return checkpointed(notified, state.map(store -> partitioned(store, scope, settings)));
        }
        if (!input.paths().isEmpty()) {
            Source files = open(new LocalFileSource(input.paths(), Optional.of(config.deadLetter())));
            return checkpointed(files, state.map(store -> partitioned(store, scope, settings)));
        }
        AwsClients clients = open(AwsClients.create(config.aws().get()));
        if (input.s3().isPresent()) {
            TrailScope trailScope = TrailScope.of(
                    config.filter().accounts(),
                    config.filter().regions(),
                    config.filter().from(),
                    config.filter().to());
            Optional<PartitionedCheckpoint> checkpoint = state.map(store -> partitioned(store, scope, settings));
            Function<TrailPartition, Optional<LocalDate>> firstDay =
                    p -> checkpoint.filter(c -> !settings.full()).flatMap(c -> c.firstDayToList(p.key()));
            Source trail = checkpointed(
                    open(new S3TrailSource(clients.s3(), input.s3().get(), trailScope, firstDay)), checkpoint);
            // after the checkpoint, so that objects done before are never downloaded
            return PrefetchingSource.of(trail, config.s3Downloads(), PrefetchingSource.defaultByteBudget());
        }
        List<String> regions = config.filter().regions().isEmpty()
                ? List.of(clients.region())
                : config.filter().regions().stream().sorted().toList();
        Optional<NewestEventCheckpoint> checkpoint = state.map(store -> new NewestEventCheckpoint(store, scope));
        LookupQuery query = LookupQuery.eventSource(
                config.filter().eventSources().iterator().next(),
                config.filter().from(),
                config.filter().to());
        LookupEventsSource history =
                open(new LookupEventsSource(clients::cloudTrail, regions, query, region -> checkpoint
                        .filter(c -> !settings.full())
                        .flatMap(c -> c.startAfter(region))));
        checkpoint.ifPresent(c -> c.newestEventTimesFrom(history::newestEventTimes));
        return checkpointed(history, checkpoint);
    }

    private static PartitionedCheckpoint partitioned(
            StateStore store, String scope, IndexConfiguration.State settings) {
        return new PartitionedCheckpoint(store, scope, settings.lookBack(), settings.since(), settings.full());
    }

    private static Source checkpointed(Source source, Optional<? extends Checkpoint> checkpoint) {
        return checkpoint.<Source>map(c -> CheckpointedSource.of(source, c)).orElse(source);
    }

    @Override
    public void close() {
        RuntimeException failure = null;
        while (!opened.isEmpty()) {
            try {
                opened.pop().close();
            } catch (SinkException e) {
                failure = failure == null ? e : failure; // e.g. the output file could not be closed: data lost
            } catch (Exception e) {
                // closing clients after the run: nothing left to act on
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
