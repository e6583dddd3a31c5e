package io.monitron.indexer.app;

import io.monitron.indexer.config.ElasticsearchSettings;
import io.monitron.indexer.sink.ElasticsearchSink;
import io.monitron.indexer.sink.IndexNames;
import io.monitron.indexer.source.aws.AwsSettings;
import io.monitron.indexer.source.s3.S3Location;
import io.monitron.indexer.transform.EventFilter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Everything an {@code index} run was asked to do, validated as a whole before anything is done: a record of plain
 * values that {@link IndexWiring} turns into a run.
 *
 * @param input where events come from
 * @param output where documents go
 * @param filter which events are kept
 * @param concurrency inputs read at once: the CPU workers ({@code --concurrency})
 * @param s3Downloads S3 objects downloaded ahead of the workers at once ({@code --s3-downloads})
 * @param maxRecordSize the largest record read, in bytes ({@code --max-record-size})
 * @param elasticsearch how to reach Elasticsearch (read only when the output needs it)
 * @param aws how to reach AWS (for {@code --s3} and {@code --lookup-events})
 * @param awsIdentity whose Event History is read (no secrets: a role ARN or profile name)
 */
public record IndexConfiguration(
        Input input,
        Output output,
        EventFilter filter,
        State state,
        Path deadLetter,
        int concurrency,
        int s3Downloads,
        int maxRecordSize,
        ElasticsearchSink.BulkSettings bulk,
        Supplier<ElasticsearchSettings> elasticsearch,
        Supplier<AwsSettings> aws,
        String awsIdentity,
        Enrichment enrichment,
        Optional<Queue> queue,
        OptionalInt metricsPort,
        String estateIndex) {
    /**
     * Enough GETs in flight to cover a round trip of 50 ms or more at a few hundred small objects a second, far fewer
     * than the HTTP client's connections.
     */
    public static final int DEFAULT_S3_DOWNLOADS = 32;

    /** The HTTP client keeps at most 256 connections; listings and readers need some of them too. */
    public static final int MAX_S3_DOWNLOADS = 192;

    /**
     * What to add to documents beyond the event: GeoIP databases ({@code --geoip-db}), an identity map file
     * ({@code --identity-map}), and whether to ask the identity store ({@code --resolve-identity-center-users}).
     */
    public record Enrichment(
            List<Path> geoIpDatabases, Optional<Path> identityMap, boolean resolveIdentityCenterUsers) {
        public static final Enrichment NONE = new Enrichment(List.of(), Optional.empty(), false);
    }

    /** The continuous mode: the queue and when to stop reading it. */
    public record Queue(
            String url,
            Optional<java.net.URI> endpoint,
            Optional<Duration> idleExit,
            java.util.OptionalLong maxMessages,
            int maxReceiveCount) {}

    /**
     * Exactly one of: local paths, a trail bucket, Event History, a queue of notifications ({@code queueUrl}; with
     * {@code s3}, the trail whose state the queue shares).
     */
    public record Input(List<Path> paths, Optional<S3Location> s3, boolean lookupEvents, Optional<String> queueUrl) {
        /** What the inputs are, the same on any machine. */
        String identity(String awsIdentity) {
            if (queueUrl.isPresent() && s3.isEmpty()) {
                return "sqs:" + queueUrl.get();
            }
            if (s3.isPresent()) {
                return s3.get().toString();
            }
            if (lookupEvents) {
                return "lookup-events:" + awsIdentity;
            }
            return "path:"
                    + paths.stream()
                            .map(p -> p.toAbsolutePath().normalize().toString())
                            .sorted()
                            .collect(Collectors.joining(","));
        }
    }

    /** Where documents go and what they hold. */
    public record Output(
            Kind kind, Optional<String> file, IndexNames indexNames, boolean keepOriginal, boolean overwrite) {
        public enum Kind {
            ELASTICSEARCH,
            DRY_RUN,
            FILE
        }
    }

    /** The run state: only kept for an Elasticsearch output. */
    public record State(String index, boolean full, boolean reset, Optional<Instant> since, Duration lookBack) {}

    /**
     * What the state belongs to: the inputs and everything that changes which documents they yield or where those go
     * (index prefix, event sources, time range, accounts, regions, whether {@code event.original} is kept). A run
     * with another selection has a scope of its own, so it reads what it has not produced yet; an identical run finds
     * its inputs done.
     */
    public String stateScope() {
        String inputs = input.identity(awsIdentity);
        if (isDefaultSelection()) {
            return inputs; // as before selections were part of the scope: the state of default runs carries over
        }
        StringBuilder scope = new StringBuilder(inputs);
        scope.append(" -> ").append(output.indexNames().prefix());
        scope.append(" sources=")
                .append(filter.eventSources().isEmpty() ? "*" : String.join(",", new TreeSet<>(filter.eventSources())));
        filter.from().ifPresent(f -> scope.append(" from=").append(f));
        filter.to().ifPresent(t -> scope.append(" to=").append(t));
        if (!filter.accounts().isEmpty()) {
            scope.append(" accounts=").append(String.join(",", new TreeSet<>(filter.accounts())));
        }
        if (!filter.regions().isEmpty()) {
            scope.append(" regions=").append(String.join(",", new TreeSet<>(filter.regions())));
        }
        if (!output.keepOriginal()) {
            scope.append(" no-original");
        }
        return scope.toString();
    }

    private boolean isDefaultSelection() {
        return output.indexNames().prefix().equals(IndexNames.DEFAULT_PREFIX)
                && filter.eventSources().equals(java.util.Set.of(EventFilter.MONITRON_SOURCE))
                && filter.from().isEmpty()
                && filter.to().isEmpty()
                && filter.accounts().isEmpty()
                && filter.regions().isEmpty()
                && output.keepOriginal();
    }
}
