package io.monitron.indexer.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The {@code sqs} part's figures: worker processes on one queue against one batch {@code --s3} run over the same
 * objects, the batch run first.
 *
 * @param objects trail log files in the bucket, one notification each
 * @param events events in them
 * @param expectedDocuments documents the indexer makes of them (its dry run over the same files)
 * @param threads {@code --concurrency} of every process
 * @param idleExit the workers' {@code --idle-exit}
 * @param runs the batch run, then one entry per number of workers
 */
public record QueueComparison(
        long objects, long events, long expectedDocuments, int threads, Duration idleExit, List<Run> runs) {
    public QueueComparison {
        runs = List.copyOf(runs);
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("no runs to compare");
        }
    }

    /**
     * One way of indexing the objects, timed over rounds.
     *
     * @param name e.g. {@code "2 workers"}
     * @param processes indexer processes at once
     * @param done per round: until the last message was deleted (every document acknowledged by Elasticsearch); for
     *     the batch run, until the process ended
     * @param ended per round: until every process had ended (for workers, including the idle exit)
     * @param objectsRead files read by all processes in the best round (more than the objects: some read twice)
     * @param documentsIndexed documents the processes' summaries say they indexed in the best round
     * @param documentsInIndex documents found in Elasticsearch after the best round
     * @param indexerCpuSeconds CPU time of the indexer processes in the best round, to their end
     * @param machineBusySeconds busy time of all the machine's cores in the best round until done (every process:
     *     Elasticsearch, the local servers, the indexer, other tenants); NaN when unknown
     */
    public record Run(
            String name,
            int processes,
            List<Duration> done,
            List<Duration> ended,
            long objectsRead,
            long documentsIndexed,
            long documentsInIndex,
            double indexerCpuSeconds,
            double machineBusySeconds) {
        public Run {
            done = List.copyOf(done);
            ended = List.copyOf(ended);
            if (done.isEmpty() || done.size() != ended.size()) {
                throw new IllegalArgumentException(
                        "a run needs as many end times as done times, at least one: " + name);
            }
        }

        /** The fastest round: noise only adds time. */
        public double bestSeconds() {
            return Collections.min(done).toNanos() / 1e9;
        }

        /** The lower middle round. */
        public double medianSeconds() {
            List<Duration> sorted = done.stream().sorted().toList();
            return sorted.get((sorted.size() - 1) / 2).toNanos() / 1e9;
        }

        public double bestEndedSeconds() {
            return Collections.min(ended).toNanos() / 1e9;
        }
    }

    public Run batch() {
        return runs.get(0);
    }

    /** Whether a run left exactly the expected documents in Elasticsearch: none missing, none twice. */
    public boolean complete(Run run) {
        return run.documentsInIndex() == expectedDocuments;
    }

    public String render() {
        StringBuilder text = new StringBuilder();
        text.append(String.format(
                Locale.ROOT,
                "== SQS continuous mode (%d objects, %d events, %d documents; --concurrency %d per process) ==%n",
                objects,
                events,
                expectedDocuments,
                threads));
        text.append(String.format(
                Locale.ROOT,
                "%-22s %8s %9s %10s %9s %8s %9s %8s %8s %7s %10s%n",
                "run",
                "best s",
                "median s",
                "objects/s",
                "docs/s",
                "x batch",
                "ended s",
                "CPU s",
                "busy s",
                "read",
                "in index"));
        for (Run run : runs) {
            text.append(String.format(
                    Locale.ROOT,
                    "%-22s %8.2f %9.2f %10.1f %9.1f %8.2f %9.2f %8.2f %8.2f %7d %10d%s%n",
                    run.name(),
                    run.bestSeconds(),
                    run.medianSeconds(),
                    objects / run.bestSeconds(),
                    expectedDocuments / run.bestSeconds(),
                    run.bestSeconds() / batch().bestSeconds(),
                    run.bestEndedSeconds(),
                    run.indexerCpuSeconds(),
                    run.machineBusySeconds(),
                    run.objectsRead(),
                    run.documentsInIndex(),
                    complete(run) ? "" : "  MISMATCH: expected " + expectedDocuments));
        }
        text.append("  best s: from the first process's start until the last message was deleted (every document"
                + " acknowledged); batch: until the process ended.\n");
        text.append("  ended s: until every process had ended; the workers' includes their --idle-exit ")
                .append(idleExit)
                .append(" on the empty queue.\n");
        text.append("  CPU s: the indexer processes' CPU time; busy s: all cores' busy time until done (Elasticsearch,"
                + " S3Proxy and ElasticMQ, the indexer, anything else on the machine) against the cores x best s there"
                + " were.\n");
        text.append("  read: files read by all processes (above the objects: some read twice); in index: documents in"
                + " Elasticsearch after the run. CPU s, busy s, read and in index are the best round's.\n");
        return text.toString();
    }

    public ObjectNode toJson(ObjectMapper mapper) {
        ObjectNode json = mapper.createObjectNode();
        json.put("objects", objects);
        json.put("events", events);
        json.put("expectedDocuments", expectedDocuments);
        json.put("concurrencyPerProcess", threads);
        json.put("idleExit", idleExit.toString());
        json.put("figure", "best of rounds; seconds until the last message was deleted (batch: until it ended)");
        ArrayNode rows = json.putArray("runs");
        for (Run run : runs) {
            ObjectNode row = rows.addObject();
            row.put("name", run.name());
            row.put("processes", run.processes());
            row.put("bestSeconds", run.bestSeconds());
            row.put("medianSeconds", run.medianSeconds());
            ArrayNode done = row.putArray("doneSeconds");
            run.done().forEach(d -> done.add(d.toNanos() / 1e9));
            ArrayNode ended = row.putArray("endedSeconds");
            run.ended().forEach(d -> ended.add(d.toNanos() / 1e9));
            row.put("objectsPerSecond", objects / run.bestSeconds());
            row.put("documentsPerSecond", expectedDocuments / run.bestSeconds());
            row.put("ratioToBatch", run.bestSeconds() / batch().bestSeconds());
            row.put("objectsRead", run.objectsRead());
            row.put("documentsIndexed", run.documentsIndexed());
            row.put("documentsInIndex", run.documentsInIndex());
            row.put("indexerCpuSeconds", run.indexerCpuSeconds());
            if (!Double.isNaN(run.machineBusySeconds())) {
                row.put("machineBusySeconds", run.machineBusySeconds());
            }
            row.put("complete", complete(run));
        }
        return json;
    }
}
