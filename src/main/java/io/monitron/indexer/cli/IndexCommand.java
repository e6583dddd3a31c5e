package io.monitron.indexer.cli;

import io.monitron.indexer.app.IndexConfiguration;
import io.monitron.indexer.app.IndexWiring;
import io.monitron.indexer.config.ConfigException;
import io.monitron.indexer.estate.EstateIndex;
import io.monitron.indexer.pipeline.Progress;
import io.monitron.indexer.pipeline.RunControl;
import io.monitron.indexer.pipeline.RunStats;
import io.monitron.indexer.sink.ElasticsearchSink;
import io.monitron.indexer.sink.IndexNames;
import io.monitron.indexer.source.s3.S3Location;
import io.monitron.indexer.transform.EventFilter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
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
                    + " records were rejected (see the dead-letter file); 4 nothing to read (with --fail-if-empty);"
                    + " 130 interrupted."
        })
final class IndexCommand implements Callable<Integer> {
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

    @Option(
            names = "--sqs-queue-url",
            paramLabel = "URL",
            description =
                    "Continuous mode: index the trail objects that S3, SNS, EventBridge or CloudTrail notifications"
                            + " on this SQS queue name, until stopped (with --s3, share that trail's state).")
    String sqsQueueUrl;

    @Option(names = "--sqs-endpoint", paramLabel = "URL", description = "SQS endpoint override (VPC endpoints, tests).")
    java.net.URI sqsEndpoint;

    @Option(
            names = "--idle-exit",
            paramLabel = "DURATION",
            description = "Continuous mode: exit once the queue has stayed empty this long (ISO-8601, e.g. PT5M).")
    java.time.Duration idleExit;

    @Option(
            names = "--max-messages",
            paramLabel = "N",
            description = "Continuous mode: exit after taking N messages from the queue.")
    Long maxMessages;

    @Option(
            names = "--max-receive-count",
            paramLabel = "N",
            description = "Continuous mode: a message received more than N times is dead-lettered and deleted (for"
                    + " queues without a redrive policy; 0: never; default: ${DEFAULT-VALUE}).",
            defaultValue = "5")
    int maxReceiveCount;

    @Option(
            names = "--metrics-port",
            paramLabel = "PORT",
            description = "Serve /metrics (Prometheus text) and /health on this port while running.")
    Integer metricsPort;

    @Option(
            names = "--geoip-db",
            paramLabel = "PATH",
            description = "A MaxMind-format City, Country or ASN database (GeoLite2, DB-IP Lite): adds source.geo.* and"
                    + " source.as.*; repeatable.")
    List<Path> geoIpDatabases = new ArrayList<>();

    @Option(
            names = "--identity-map",
            paramLabel = "FILE",
            description = "CSV or JSON file mapping Identity Center user ids to user names and e-mail addresses.")
    Path identityMap;

    @Option(
            names = "--resolve-identity-center-users",
            description = "Look up Identity Center user ids the events do not name (identitystore:DescribeUser), each"
                    + " once, kept in the state index between runs.")
    boolean resolveIdentityCenterUsers;

    @Mixin
    ElasticsearchOptions elasticsearch = new ElasticsearchOptions();

    @Mixin
    AwsOptions aws = new AwsOptions();

    @Mixin
    IndexPrefixOption indexPrefix = new IndexPrefixOption();

    @Option(
            names = "--event-source",
            split = ",",
            paramLabel = "SOURCE",
            description = "Keep events of this eventSource; repeatable or comma-separated (default:"
                    + " monitron.amazonaws.com).")
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

    @Option(
            names = "--account",
            split = ",",
            paramLabel = "ID",
            description = "Keep events of this account (12 digits); repeatable or comma-separated.")
    List<String> accounts = new ArrayList<>();

    @Option(
            names = "--region",
            split = ",",
            paramLabel = "REGION",
            description = "Keep events of this region; repeatable or comma-separated.")
    List<String> regions = new ArrayList<>();

    @Option(
            names = "--index-granularity",
            paramLabel = "month|year",
            description = "One index per month (PREFIX-YYYY.MM, default) or per year (PREFIX-YYYY), by event time.",
            defaultValue = "month")
    String indexGranularity;

    @Option(
            names = "--max-record-size",
            paramLabel = "SIZE",
            description = "Largest record read (e.g. 32MB, 512KB or bytes; default: 32MB); a larger one is"
                    + " dead-lettered and reading goes on after it.",
            defaultValue = "32MB")
    String maxRecordSize;

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
            names = "--s3-downloads",
            paramLabel = "N",
            description = "With --s3: objects downloaded ahead of the readers at once, their bodies held in at most an"
                    + " eighth of the heap (default: ${DEFAULT-VALUE}).")
    int s3Downloads = IndexConfiguration.DEFAULT_S3_DOWNLOADS;

    @Option(
            names = "--bulk-actions",
            paramLabel = "N",
            description = "Documents per bulk request at most (default: ${DEFAULT-VALUE}).")
    int bulkActions = ElasticsearchSink.BulkSettings.DEFAULT.maxActions();

    @Option(
            names = "--bulk-size-mb",
            paramLabel = "MB",
            description = "Bulk request size in MB at most (default: ${DEFAULT-VALUE}).")
    int bulkSizeMb = (int) (ElasticsearchSink.BulkSettings.DEFAULT.maxBytes() >> 20);

    @Option(
            names = "--fail-if-empty",
            description = "Exit 4 when the input holds nothing to read (no CloudTrail file or object where given).")
    boolean failIfEmpty;

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

    @Mixin
    StateIndexOption stateIndex = new StateIndexOption();

    @Option(
            names = "--estate-index",
            paramLabel = "INDEX",
            description = "Index holding the Monitron estate rebuilt from the events (default: ${DEFAULT-VALUE}).",
            defaultValue = EstateIndex.DEFAULT_INDEX)
    String estateIndex;

    @Option(names = "--reset-state", description = "Forget the state of these inputs before the run.")
    boolean resetState;

    /** Off in tests that run the command in-process: signal handlers are process-wide. */
    static volatile boolean installSignalHandlers = true;

    IndexCommand(Environment env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        IndexConfiguration config = configuration();
        RunControl control = new RunControl();
        if (installSignalHandlers) {
            StopSignals.install(control);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        // with the documents on standard output, the summary goes to standard error
        PrintWriter summaryOut = config.output().file().filter("-"::equals).isPresent() ? err : out;
        RunStats stats;
        long deadLetters;
        java.nio.file.Path deadLetterPath;
        List<String> enrichmentLines = new ArrayList<>();
        try (IndexWiring wiring = IndexWiring.prepare(config, out, control, Progress.Display.detect(quiet, err))) {
            wiring.metricsPort().ifPresent(port -> err.println("metrics on http://0.0.0.0:" + port + "/metrics"));
            stats = wiring.run().run();
            if (!control.stopRequested()) {
                wiring.updateEstate()
                        .ifPresent(estate -> enrichmentLines.add("estate: " + estate.written() + " entities updated"
                                + (estate.removed() > 0 ? ", " + estate.removed() + " removed" : "")
                                + " in " + config.estateIndex()));
            }
            deadLetters = wiring.deadLetters().count();
            deadLetterPath = wiring.deadLetters().path();
            wiring.identityLookups()
                    .ifPresent(l -> enrichmentLines.add(String.format(
                            java.util.Locale.ROOT,
                            "identity store: %d users looked up (%d found, %d unknown, %d failed, %d not kept)",
                            l.lookups(),
                            l.found(),
                            l.notFound(),
                            l.failed(),
                            l.saveFailures())));
            if (wiring.geoIpFailures() > 0) {
                enrichmentLines.add("GeoIP: " + wiring.geoIpFailures() + " lookups failed (addresses left without a"
                        + " location)");
            }
        }
        summaryOut.println(stats.toText(
                switch (config.output().kind()) {
                    case ELASTICSEARCH -> RunStats.Delivery.INDEXED;
                    case DRY_RUN -> RunStats.Delivery.DRY_RUN;
                    case FILE -> RunStats.Delivery.WRITTEN;
                }));
        enrichmentLines.forEach(summaryOut::println);
        boolean empty = stats.foundNothing()
                && !control.stopRequested()
                && config.queue().isEmpty();
        if (empty) {
            err.println("warning: nothing to read: " + lookedFor(config));
        }
        if (deadLetters > 0) {
            summaryOut.println("dead letters: " + deadLetters + " in " + deadLetterPath);
        }
        writeSummaryJson(stats);
        if (control.stopRequested()) {
            return ExitCodes.INTERRUPTED;
        }
        if (stats.deadLettered() > 0 || stats.filesFailed.sum() > 0) {
            return ExitCodes.REJECTIONS;
        }
        return empty && failIfEmpty ? ExitCodes.NOTHING_TO_READ : ExitCodes.OK;
    }

    /** What the source looked for, and where, for the warning of a run that found nothing. */
    private static String lookedFor(IndexConfiguration config) {
        if (config.input().s3().isPresent()) {
            return "no CloudTrail log objects (AWSLogs/.../CloudTrail/...) under "
                    + config.input().s3().get();
        }
        if (config.input().lookupEvents()) {
            return "Event History returned no events for the query";
        }
        return "no *.json, *.json.gz, *.ndjson or *.jsonl file in "
                + config.input().paths() + " (other files are counted under \"not read\")";
    }

    /** The options as one validated configuration; every problem is reported at once, before anything is done. */
    IndexConfiguration configuration() {
        List<String> problems = new ArrayList<>();
        int sources = (paths.isEmpty() ? 0 : 1)
                + (s3 == null || sqsQueueUrl != null ? 0 : 1)
                + (lookupEvents ? 1 : 0)
                + (sqsQueueUrl == null ? 0 : 1);
        if (sources != 1) {
            problems.add("give exactly one input: --path (files or folders), --s3 (a trail bucket), --lookup-events"
                    + " (Event History) or --sqs-queue-url (notifications; --s3 may name the trail it shares state"
                    + " with)");
        }
        if (sqsQueueUrl == null && (idleExit != null || maxMessages != null || sqsEndpoint != null)) {
            problems.add("--idle-exit, --max-messages and --sqs-endpoint go with --sqs-queue-url");
        }
        if ((idleExit != null && (idleExit.isNegative() || idleExit.isZero()))
                || (maxMessages != null && maxMessages < 1)
                || maxReceiveCount < 0) {
            problems.add("--idle-exit must be positive, --max-messages at least 1, --max-receive-count at least 0");
        }
        if (metricsPort != null && (metricsPort < 0 || metricsPort > 65535)) {
            problems.add("--metrics-port must be a port number (0: any free port)");
        }
        for (Path database : geoIpDatabases) {
            if (!Files.isRegularFile(database)) {
                problems.add("--geoip-db " + database + " is not a file");
            }
        }
        if (identityMap != null && !Files.isRegularFile(identityMap)) {
            problems.add("--identity-map " + identityMap + " is not a file");
        }
        for (java.nio.file.Path path : paths) {
            if (!Files.exists(path)) {
                problems.add("--path " + path + " does not exist");
            }
        }
        Optional<S3Location> bucket = attempt(problems, () -> s3 == null ? null : S3Location.parse(s3));
        if (dryRun && output != null) {
            problems.add("--dry-run and --output exclude each other");
        }
        if (allEvents && !eventSources.isEmpty()) {
            problems.add("--all-events and --event-source exclude each other");
        }
        if (lookupEvents && (allEvents || eventSources.size() > 1)) {
            problems.add("--lookup-events reads one event source (default monitron.amazonaws.com): give at most one"
                    + " --event-source");
        }
        if (concurrency < 1 || bulkActions < 1 || bulkSizeMb < 1) {
            problems.add("--concurrency, --bulk-actions and --bulk-size-mb must be at least 1");
        }
        if (s3Downloads < 1 || s3Downloads > IndexConfiguration.MAX_S3_DOWNLOADS) {
            problems.add("--s3-downloads must be between 1 and " + IndexConfiguration.MAX_S3_DOWNLOADS);
        }
        stateIndex.problem().ifPresent(problems::add);
        if (!estateIndex.matches("[a-z0-9][a-z0-9_.-]*") || estateIndex.startsWith(indexPrefix.prefix + "-")) {
            problems.add("--estate-index must be a lowercase index name outside the events' PREFIX-*: " + estateIndex);
        }
        accounts.stream()
                .filter(account -> !account.matches("\\d{12}"))
                .forEach(account -> problems.add("--account " + account + " is not an AWS account id (12 digits)"));
        Optional<IndexNames> indexNames = attempt(
                problems, () -> new IndexNames(indexPrefix.prefix, IndexNames.Granularity.of(indexGranularity)));
        Optional<Integer> recordLimit = attempt(problems, () -> ByteSize.parse("--max-record-size", maxRecordSize));
        Optional<Instant> fromTime = attempt(problems, () -> from == null ? null : TimeBound.from(from, "--from"));
        Optional<Instant> toTime = attempt(problems, () -> to == null ? null : TimeBound.to(to, "--to"));
        if (fromTime.isPresent() && toTime.isPresent() && !fromTime.get().isBefore(toTime.get())) {
            problems.add("--from must be before --to");
        }
        Optional<Instant> sinceTime = attempt(problems, () -> since == null ? null : TimeBound.from(since, "--since"));
        IndexConfiguration.Output.Kind kind = dryRun
                ? IndexConfiguration.Output.Kind.DRY_RUN
                : output != null ? IndexConfiguration.Output.Kind.FILE : IndexConfiguration.Output.Kind.ELASTICSEARCH;
        if (kind == IndexConfiguration.Output.Kind.ELASTICSEARCH) {
            attempt(problems, () -> elasticsearch.settings(env));
        }
        summaryJsonProblem().ifPresent(problems::add);
        if (!problems.isEmpty()) {
            throw new ConfigException(String.join("\nerror: ", problems));
        }
        Set<String> keptSources = new LinkedHashSet<>();
        if (!allEvents) {
            keptSources.addAll(eventSources.isEmpty() ? List.of(EventFilter.MONITRON_SOURCE) : eventSources);
        }
        EventFilter filter = new EventFilter(keptSources, fromTime, toTime, Set.copyOf(accounts), Set.copyOf(regions));
        return new IndexConfiguration(
                new IndexConfiguration.Input(
                        List.copyOf(paths), bucket, lookupEvents, Optional.ofNullable(sqsQueueUrl)),
                new IndexConfiguration.Output(
                        kind, Optional.ofNullable(output), indexNames.orElseThrow(), !noOriginal, overwrite),
                filter,
                new IndexConfiguration.State(stateIndex.index, full, resetState, sinceTime, lookBack),
                deadLetter,
                concurrency,
                s3Downloads,
                recordLimit.orElseThrow(),
                new ElasticsearchSink.BulkSettings(
                        bulkActions,
                        (long) bulkSizeMb << 20,
                        ElasticsearchSink.BulkSettings.DEFAULT.maxConcurrentRequests(),
                        ElasticsearchSink.BulkSettings.DEFAULT.flushInterval()),
                () -> elasticsearch.settings(env),
                aws::settings,
                aws.identity(),
                new IndexConfiguration.Enrichment(
                        List.copyOf(geoIpDatabases), Optional.ofNullable(identityMap), resolveIdentityCenterUsers),
                Optional.ofNullable(sqsQueueUrl)
                        .map(url -> new IndexConfiguration.Queue(
                                url,
                                Optional.ofNullable(sqsEndpoint),
                                Optional.ofNullable(idleExit),
                                maxMessages == null
                                        ? java.util.OptionalLong.empty()
                                        : java.util.OptionalLong.of(maxMessages),
                                maxReceiveCount)),
                metricsPort == null ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(metricsPort),
                estateIndex);
    }

    /** Runs a check that reports its problem as a {@link ConfigException}; collects the message instead. */
    private static <T> Optional<T> attempt(List<String> problems, java.util.function.Supplier<T> check) {
        try {
            return Optional.ofNullable(check.get());
        } catch (ConfigException e) {
            problems.add(e.getMessage());
            return Optional.empty();
        }
    }

    /** Whether --summary-json can be written, checked before the run so its outcome is not lost after it. */
    private Optional<String> summaryJsonProblem() {
        if (summaryJson == null) {
            return Optional.empty();
        }
        java.nio.file.Path file = summaryJson.toAbsolutePath();
        java.nio.file.Path folder = file.getParent();
        if (Files.isDirectory(file)) {
            return Optional.of("--summary-json " + summaryJson + " is a folder");
        }
        if (folder == null || !Files.isDirectory(folder)) {
            return Optional.of("--summary-json " + summaryJson + ": its folder does not exist");
        }
        if (Files.exists(file) ? !Files.isWritable(file) : !Files.isWritable(folder)) {
            return Optional.of("--summary-json " + summaryJson + ": permission denied");
        }
        return Optional.empty();
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
