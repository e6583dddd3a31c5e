package io.monitron.indexer.cli;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.monitron.indexer.checkpoint.Checkpoint;
import io.monitron.indexer.checkpoint.ElasticsearchStateStore;
import io.monitron.indexer.checkpoint.NewestEventCheckpoint;
import io.monitron.indexer.checkpoint.NoCheckpoint;
import io.monitron.indexer.checkpoint.PartitionedCheckpoint;
import io.monitron.indexer.config.ConfigException;
import io.monitron.indexer.config.ElasticsearchSettings;
import io.monitron.indexer.parse.StreamingEventReader;
import io.monitron.indexer.pipeline.IndexRun;
import io.monitron.indexer.pipeline.Progress;
import io.monitron.indexer.pipeline.RunControl;
import io.monitron.indexer.pipeline.RunStats;
import io.monitron.indexer.port.DocumentSink;
import io.monitron.indexer.port.Source;
import io.monitron.indexer.sink.ClusterCheck;
import io.monitron.indexer.sink.DeadLetterFile;
import io.monitron.indexer.sink.DiscardingSink;
import io.monitron.indexer.sink.ElasticsearchClients;
import io.monitron.indexer.sink.ElasticsearchSink;
import io.monitron.indexer.sink.IndexNames;
import io.monitron.indexer.sink.IndexTemplate;
import io.monitron.indexer.sink.RetryPolicy;
import io.monitron.indexer.source.LocalFileSource;
import io.monitron.indexer.source.aws.AwsClients;
import io.monitron.indexer.source.lookup.LookupEventsSource;
import io.monitron.indexer.source.lookup.LookupQuery;
import io.monitron.indexer.source.s3.S3Location;
import io.monitron.indexer.source.s3.S3TrailSource;
import io.monitron.indexer.source.s3.TrailPartition;
import io.monitron.indexer.source.s3.TrailScope;
import io.monitron.indexer.transform.CloudTrailTransformer;
import io.monitron.indexer.transform.EventFilter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "index",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Reads CloudTrail events, keeps the Monitron ones (or those asked for) and indexes them.",
            "Exit codes: 0 success; 1 could not run; 2 invalid usage or configuration; 3 finished but some files or"
                    + " records were rejected (see the dead-letter file); 130 interrupted."
        })
final class IndexCommand implements Callable<Integer> {
    private static final DateTimeFormatter RUN_STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final Environment env;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--path",
            paramLabel = "FILE_OR_DIR",
            description = "A CloudTrail file or a folder (read recursively); repeatable.")
    List<Path> paths = new ArrayList<>();

    @Option(
            names = "--s3",
            paramLabel = "s3://BUCKET[/PREFIX]",
            description = "Read a trail bucket (standard layout, organization trails too) straight from S3.")
    String s3;

    @Option(
            names = "--lookup-events",
            description = "Read Monitron events from the account's Event History (LookupEvents API, last 90 days),"
                    + " in each --region.")
    boolean lookupEvents;

    @Mixin
    ElasticsearchOptions elasticsearch = new ElasticsearchOptions();

    @Mixin
    AwsOptions aws = new AwsOptions();

    @Option(
            names = "--index-prefix",
            paramLabel = "PREFIX",
            description = "Index name prefix; documents go to PREFIX-YYYY.MM (default: ${DEFAULT-VALUE}).",
            defaultValue = IndexNames.DEFAULT_PREFIX)
    String indexPrefix;

    @Option(
            names = "--event-source",
            paramLabel = "SOURCE",
            description = "Keep events of this eventSource; repeatable (default: monitron.amazonaws.com).")
    List<String> eventSources = new ArrayList<>();

    @Option(names = "--all-events", description = "Keep every event, whatever its source.")
    boolean allEvents;

    @Option(
            names = "--from",
            paramLabel = "TIME",
            description = "Keep events at or after this time: 2026-10-01 or 2026-10-01T12:00:00Z.")
    String from;

    @Option(
            names = "--to",
            paramLabel = "TIME",
            description = "Keep events before this time; a date means through the end of that day.")
    String to;

    @Option(names = "--account", paramLabel = "ID", description = "Keep events of this account; repeatable.")
    List<String> accounts = new ArrayList<>();

    @Option(names = "--region", paramLabel = "REGION", description = "Keep events of this region; repeatable.")
    List<String> regions = new ArrayList<>();

    @Option(names = "--dry-run", description = "Build the documents, count them and send nothing.")
    boolean dryRun;

    @Option(
            names = "--output",
            paramLabel = "FILE|-",
            description = "Write the documents as NDJSON to FILE (or - for standard output) instead of indexing.")
    String output;

    @Option(names = "--no-original", description = "Leave out event.original (the raw event).")
    boolean noOriginal;

    @Option(
            names = "--overwrite",
            description = "Replace documents that already exist (default: keep them; re-runs change nothing).")
    boolean overwrite;

    @Option(
            names = "--dead-letter",
            paramLabel = "PATH",
            description = "Dead-letter file, or folder for one file per run (default: ${DEFAULT-VALUE}).",
            defaultValue = "dead-letter")
    Path deadLetter;

    @Option(names = "--summary-json", paramLabel = "FILE", description = "Also write the run summary as JSON.")
    Path summaryJson;

    @Option(
            names = "--concurrency",
            paramLabel = "N",
            description = "Inputs read at once (default: the number of cores).")
    int concurrency = Runtime.getRuntime().availableProcessors();

    @Option(
            names = "--bulk-actions",
            paramLabel = "N",
            description = "Documents per bulk request at most (default: ${DEFAULT-VALUE}).",
            defaultValue = "1000")
    int bulkActions;

    @Option(
            names = "--bulk-size-mb",
            paramLabel = "MB",
            description = "Bulk request size in MB at most (default: ${DEFAULT-VALUE}).",
            defaultValue = "5")
    int bulkSizeMb;

    @Option(names = "--quiet", description = "Only warnings, errors and the summary.")
    boolean quiet;

    @Option(
            names = "--full",
            description = "Read every input again, whatever the state says (the state is still updated).")
    boolean full;

    @Option(
            names = "--since",
            paramLabel = "TIME",
            description = "First run only: treat inputs stamped before this time as done (a date or date-time).")
    String since;

    @Option(
            names = "--look-back",
            paramLabel = "DURATION",
            description = "How late a file may arrive after newer ones and still be found (default: ${DEFAULT-VALUE}).",
            defaultValue = "PT48H")
    java.time.Duration lookBack;

    @Option(
            names = "--state-index",
            paramLabel = "INDEX",
            description = "Elasticsearch index holding the run state (default: ${DEFAULT-VALUE}).",
            defaultValue = ElasticsearchStateStore.DEFAULT_INDEX)
    String stateIndex;

    @Option(names = "--reset-state", description = "Forget the state of these inputs before the run.")
    boolean resetState;

    /** Off in tests that run the command in-process: signal handlers are process-wide. */
    static volatile boolean installSignalHandlers = true;

    IndexCommand(Environment env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        if (quiet) {
            // before any logger exists: slf4j-simple reads its level once
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        if (dryRun && output != null) {
            throw new ConfigException("--dry-run and --output exclude each other");
        }
        if (allEvents && !eventSources.isEmpty()) {
            throw new ConfigException("--all-events and --event-source exclude each other");
        }
        if (concurrency < 1 || bulkActions < 1 || bulkSizeMb < 1) {
            throw new ConfigException("--concurrency, --bulk-actions and --bulk-size-mb must be at least 1");
        }
        IndexNames indexNames = new IndexNames(indexPrefix);
        EventFilter filter = filter();
        Clock clock = Clock.systemUTC();
        int sources = (paths.isEmpty() ? 0 : 1) + (s3 == null ? 0 : 1) + (lookupEvents ? 1 : 0);
        if (sources != 1) {
            throw new ConfigException("give exactly one input: --path (files or folders), --s3 (a trail bucket) or"
                    + " --lookup-events (Event History)");
        }
        RunControl control = new RunControl();
        if (installSignalHandlers) {
            StopSignals.install(control);
        }

        boolean summaryToErr = "-".equals(output);
        PrintWriter summaryOut =
                summaryToErr ? spec.commandLine().getErr() : spec.commandLine().getOut();

        try (Resources resources = new Resources();
                DeadLetterFile deadLetters = new DeadLetterFile(deadLetterFile(clock.instant()), clock);
                Outputs outputs = outputs(indexNames, deadLetters, clock)) {
            Checkpoint checkpoint = outputs.checkpoint();
            Source source = source(checkpoint, filter, resources);
            IndexRun run = new IndexRun(
                    source,
                    new StreamingEventReader(),
                    filter,
                    new CloudTrailTransformer(!noOriginal, clock),
                    outputs.sink(),
                    deadLetters,
                    checkpoint,
                    concurrency,
                    control);
            run.withProgress(Progress.detect(quiet), System.err);
            RunStats stats = run.run();
            if (checkpoint instanceof NewestEventCheckpoint eventHistory && !control.stopRequested()) {
                eventHistory.runFinished();
                eventHistory.save();
            }
            summaryOut.println(stats.toText());
            if (deadLetters.count() > 0) {
                summaryOut.println("dead letters: " + deadLetters.count() + " in " + deadLetters.path());
            }
            writeSummaryJson(stats);
            if (control.stopRequested()) {
                return ExitCodes.INTERRUPTED;
            }
            return stats.deadLettered() > 0 || stats.filesFailed.sum() > 0 ? ExitCodes.REJECTIONS : ExitCodes.OK;
        }
    }

    private EventFilter filter() {
        Set<String> sources = new LinkedHashSet<>();
        if (!allEvents) {
            sources.addAll(eventSources.isEmpty() ? List.of(EventFilter.MONITRON_SOURCE) : eventSources);
        }
        Optional<Instant> fromTime = Optional.ofNullable(from).map(f -> TimeBound.from(f, "--from"));
        Optional<Instant> toTime = Optional.ofNullable(to).map(t -> TimeBound.to(t, "--to"));
        if (fromTime.isPresent() && toTime.isPresent() && !fromTime.get().isBefore(toTime.get())) {
            throw new ConfigException("--from must be before --to");
        }
        return new EventFilter(sources, fromTime, toTime, Set.copyOf(accounts), Set.copyOf(regions));
    }

    private Path deadLetterFile(Instant now) {
        boolean looksLikeFile = deadLetter.getFileName() != null
                && deadLetter.getFileName().toString().endsWith(".ndjson");
        if (looksLikeFile && !Files.isDirectory(deadLetter)) {
            return deadLetter;
        }
        return deadLetter.resolve("dead-letter-" + RUN_STAMP.format(now) + "-"
                + ProcessHandle.current().pid() + ".ndjson");
    }

    /** The sink for this run and whatever it holds open. */
    private record Outputs(DocumentSink sink, Checkpoint checkpoint, AutoCloseable resource) implements AutoCloseable {
        @Override
        public void close() {
            try {
                sink.close();
                if (resource != null) {
                    resource.close();
                }
            } catch (Exception e) {
                throw new io.monitron.indexer.sink.SinkException("cannot close the output: " + e.getMessage(), e);
            }
        }
    }

    private Outputs outputs(IndexNames indexNames, DeadLetterFile deadLetters, Clock clock) {
        if (dryRun) {
            return new Outputs(new DiscardingSink(), new NoCheckpoint(), null);
        }
        if (output != null) {
            OutputStream stream;
            boolean close;
            if (output.equals("-")) {
                stream = System.out;
                close = false;
            } else {
                try {
                    stream = new java.io.BufferedOutputStream(Files.newOutputStream(Path.of(output)), 1 << 16);
                    close = true;
                } catch (IOException e) {
                    throw new ConfigException("cannot write --output " + output + ": " + e.getMessage());
                }
            }
            return new Outputs(
                    new io.monitron.indexer.sink.NdjsonFileSink(stream, indexNames, close), new NoCheckpoint(), null);
        }
        ElasticsearchSettings settings = elasticsearch.settings(env);
        ElasticsearchClient client = ElasticsearchClients.create(settings);
        ClusterCheck.requireReachable(client, settings);
        IndexTemplate template = IndexTemplate.bundled(indexNames);
        switch (template.check(client, indexNames.templateName())) {
            case MISSING ->
                throw new ConfigException("the index template " + indexNames.templateName()
                        + " is not installed in Elasticsearch: run `setup` first (same --es-url and --index-prefix)");
            case OUTDATED ->
                throw new ConfigException("the index template " + indexNames.templateName()
                        + " is older than this version of the indexer: run `setup` to upgrade it");
            case CURRENT -> {}
        }
        ElasticsearchSink sink = new ElasticsearchSink(
                client,
                indexNames,
                new ElasticsearchSink.BulkSettings(
                        bulkActions, (long) bulkSizeMb * 1024 * 1024, 2, java.time.Duration.ofSeconds(5)),
                RetryPolicy.DEFAULT,
                overwrite,
                deadLetters);
        return new Outputs(sink, checkpoint(client, clock), client._transport());
    }

    private Checkpoint checkpoint(ElasticsearchClient client, Clock clock) {
        if (!stateIndex.matches("[a-z0-9][a-z0-9_.-]*")) {
            throw new ConfigException("--state-index must be a lowercase index name: " + stateIndex);
        }
        ElasticsearchStateStore store =
                new ElasticsearchStateStore(ElasticsearchClients.restClient(client), stateIndex, clock);
        String scope = scope();
        if (resetState) {
            store.delete(scope);
        }
        if (lookupEvents) {
            return new NewestEventCheckpoint(store, scope);
        }
        Optional<Instant> sinceTime = Optional.ofNullable(since).map(t -> TimeBound.from(t, "--since"));
        return new PartitionedCheckpoint(store, scope, lookBack, sinceTime, full);
    }

    /** What the state belongs to: the same inputs give the same scope on any machine. */
    private String scope() {
        if (s3 != null) {
            return S3Location.parse(s3).toString();
        }
        if (lookupEvents) {
            return "lookup-events:" + aws.identity();
        }
        return "path:"
                + paths.stream()
                        .map(p -> p.toAbsolutePath().normalize().toString())
                        .sorted()
                        .collect(java.util.stream.Collectors.joining(","));
    }

    /** The input source, told by the checkpoint where earlier runs stopped. */
    private Source source(Checkpoint checkpoint, EventFilter filter, Resources resources) {
        if (!paths.isEmpty()) {
            return new LocalFileSource(paths);
        }
        AwsClients clients = resources.add(AwsClients.create(aws.settings()));
        if (s3 != null) {
            TrailScope scope = TrailScope.of(Set.copyOf(accounts), Set.copyOf(regions), filter.from(), filter.to());
            Function<TrailPartition, Optional<java.time.LocalDate>> firstDay =
                    checkpoint instanceof PartitionedCheckpoint partitioned && !full
                            ? p -> partitioned.firstDayToList(p.key())
                            : p -> Optional.empty();
            return new S3TrailSource(clients.s3(), S3Location.parse(s3), scope, firstDay);
        }
        List<String> lookupRegions = regions.isEmpty() ? List.of(clients.region()) : regions;
        NewestEventCheckpoint eventHistory = checkpoint instanceof NewestEventCheckpoint n && !full ? n : null;
        LookupQuery query = LookupQuery.eventSource(
                eventSources.isEmpty() ? LookupQuery.MONITRON : eventSources.get(0), filter.from(), filter.to());
        if (allEvents || eventSources.size() > 1) {
            throw new ConfigException("--lookup-events reads one event source (default monitron.amazonaws.com):"
                    + " give at most one --event-source");
        }
        LookupEventsSource source = new LookupEventsSource(
                clients::cloudTrail,
                lookupRegions,
                query,
                region -> eventHistory == null ? Optional.empty() : eventHistory.startAfter(region));
        if (checkpoint instanceof NewestEventCheckpoint n) {
            n.newestEventTimesFrom(source::newestEventTimes);
        }
        return source;
    }

    /** Closes what a run opened, in reverse order. */
    private static final class Resources implements AutoCloseable {
        private final java.util.Deque<AutoCloseable> open = new java.util.ArrayDeque<>();

        <T extends AutoCloseable> T add(T resource) {
            open.push(resource);
            return resource;
        }

        @Override
        public void close() {
            while (!open.isEmpty()) {
                try {
                    open.pop().close();
                } catch (Exception e) {
                    // closing clients after the run: nothing left to act on
                }
            }
        }
    }

    private void writeSummaryJson(RunStats stats) {
        if (summaryJson == null) {
            return;
        }
        try {
            Files.writeString(summaryJson, stats.toJson().toPrettyString());
        } catch (IOException e) {
            throw new ConfigException("cannot write --summary-json " + summaryJson + ": " + e.getMessage());
        }
    }
}
