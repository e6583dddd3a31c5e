package io.monitron.indexer.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.monitron.indexer.config.ElasticsearchSettings;
import io.monitron.indexer.local.LocalElasticsearch;
import io.monitron.indexer.sink.ElasticsearchSink;
import io.monitron.indexer.transform.EventFilter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToLongFunction;

/**
 * The parts that time whole processes, cold, as users run the tool: every run is a new {@code java} process (or a new
 * shell pipeline for the floors), measured side by side with its floor in alternating rounds after one untimed round
 * (which also lets the launcher make its class-data-sharing archive).
 *
 * <ul>
 *   <li>{@code cold-scan}: {@code index --dry-run} through the documented launcher and through a plain {@code java
 *       -jar}, against {@code zcat} over the same files and {@code zcat | jq} selecting the Monitron records.
 *   <li>{@code cold-e2e}: {@code index --all-events} into fresh indices (state and estate as users have them) against
 *       {@code curl} posting the same documents as {@code _bulk} bodies; Elasticsearch and the contenders on separate
 *       cores where {@code taskset} and a local node make that possible.
 * </ul>
 */
final class ColdParts {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int XARGS_BATCH = 20;

    private final Benchmark.Settings settings;
    private final PrintWriter out;
    private final ObjectNode report;
    private final Launcher launcher;

    ColdParts(Benchmark.Settings settings, PrintWriter out, ObjectNode report) {
        this.settings = settings;
        this.out = out;
        this.report = report;
        this.launcher = Launcher.find();
    }

    /** Part cold-scan, for each share: the launcher's and java -jar's dry run against zcat and zcat | jq. */
    List<Comparison> scan() {
        List<Comparison> comparisons = new ArrayList<>();
        ArrayNode json = report.putArray("coldScan");
        Path cache = launcher.freshCache(settings.workDir(), "cold-scan");
        for (double share : settings.scanShares()) {
            Corpus corpus = new Corpus(settings.coldEvents(), share, settings.seed());
            CorpusFiles files = CorpusFiles.of(corpus.materialize(settings.workDir(), out));
            Path list = fileList(files, "cold-scan-files-" + corpus.folderName());
            int n = settings.cores();
            List<Contender> contenders = new ArrayList<>();
            contenders.add(shellFloor("zcat (xargs -P " + n + ", cold)", zcatScript(list, n), path -> 0));
            List<String> dryRun = List.of(
                    "index",
                    "--path",
                    files.root().toString(),
                    "--dry-run",
                    "--quiet",
                    "--concurrency",
                    Integer.toString(n),
                    "--dead-letter",
                    settings.workDir().resolve("cold-dead-letter").toString());
            FreshProcess viaLauncher = indexer(
                    "indexer, bin/ launcher", launcher.command(dryRun), Map.of("MCI_CACHE_DIR", cache.toString()));
            // the launcher with the JVM's default tiered compilation, to show what its C1-only default buys
            FreshProcess tiered = indexer(
                    "indexer, launcher, tiered JIT",
                    launcher.command(dryRun),
                    Map.of("MCI_CACHE_DIR", cache.toString(), "MCI_JIT_OPTS", ""));
            FreshProcess viaJar = indexer("indexer, plain java -jar", launcher.javaJar(dryRun), Map.of());
            contenders.add(viaLauncher);
            contenders.add(tiered);
            contenders.add(viaJar);
            List<Target> targets = new ArrayList<>();
            targets.add(new Target(viaLauncher.name(), contenders.get(0).name(), share <= 0.0005 ? 1.2 : 1.5));
            if (settings.skipJq()) {
                out.println("zcat | jq: skipped (--skip-jq)");
            } else if (ShellPipeline.find("jq").isEmpty()) {
                out.println("zcat | jq: skipped, jq is not installed (apt-get install jq)");
            } else {
                FreshProcess jq =
                        shellFloor("zcat | jq (xargs -P " + n + ", cold)", jqScript(list, n), ColdParts::lines);
                contenders.add(jq);
                targets.add(new Target(viaLauncher.name(), jq.name(), 0.125));
            }
            out.printf(
                    "Cold scan, %s: %d log files, %d MB gzipped, %d workers / xargs -P %d; every run a new process%n",
                    corpus.describe(), files.files().size(), files.compressedBytes() >> 20, n, n);
            out.flush();
            List<Timing> timings = new Rounds(settings.repeats(), true, out).measure(contenders);
            Comparison comparison = new Comparison(
                    "Cold scan, " + corpus.share() + " Monitron", settings.coldEvents(), timings, targets);
            out.println(comparison.render());
            out.flush();
            comparisons.add(comparison);
            json.add(Benchmark.scanEntry(comparison, corpus, files));
        }
        return comparisons;
    }

    /** Part cold-e2e: the launcher's index --all-events into fresh indices against curl posting the same bodies. */
    Optional<Comparison> endToEnd() {
        if (settings.elasticsearch().isEmpty()) {
            out.println("Cold end to end: skipped (no --es-url; bench/start-elasticsearch.sh starts a local node)");
            report.put("coldEndToEnd", "skipped: no --es-url");
            return Optional.empty();
        }
        ElasticsearchSettings es = settings.elasticsearch().get();
        Corpus corpus =
                new Corpus(settings.coldEndToEndEvents(), settings.scanShares().get(0), settings.seed());
        CorpusFiles files = CorpusFiles.of(corpus.materialize(settings.workDir(), out));
        Placement placement = place();
        out.println("Cold end to end, " + corpus.describe() + ": " + placement.describe());
        ElasticsearchSink.BulkSettings bulk = ElasticsearchSink.BulkSettings.DEFAULT;
        Path bodies = settings.workDir().resolve("cold-e2e-bodies");
        String indexer = "bench-cold-indexer";
        String floor = "bench-cold-floor";
        try (Benchmark.Cluster cluster = Benchmark.Cluster.open(es)) {
            FreshIndices indexerIndices = cluster.indices(indexer);
            FreshIndices floorIndices = cluster.indices(floor);
            floorIndices.prepare();
            indexerIndices.prepare();
            out.printf("  serializing the documents for the floor (not timed) ...%n");
            out.flush();
            List<BulkBodies.Body> serialized =
                    Benchmark.serializedDocuments(settings.workDir(), files, bulk, settings.cores(), floor);
            long documents = writeBodies(serialized, bodies);
            Path list = fileList(bodyFiles(bodies), "cold-e2e-bodies");
            // written just before the rounds and deleted right after them, whatever happens
            Path curlConfig = settings.workDir().resolve("cold-e2e-curl.conf");
            int inFlight = bulk.maxConcurrentRequests();
            String url = es.urls().get(0).toString().replaceAll("/+$", "");
            Path post = postScript(curlConfig, url);
            String curl = "set -o pipefail; xargs -0 -P " + inFlight + " -n 1 sh \"" + post + "\" < \"" + list
                    + "\" | awk '$1 == \"ok\" { n += $2 } END { print n + 0 }'";
            FreshProcess curlFloor = new FreshProcess(
                    "curl _bulk (-P " + inFlight + ", floor)",
                    FreshProcess.shell(curl),
                    Map.of(),
                    placement.contenderCores(),
                    settings.workDir(),
                    ColdParts::firstNumber,
                    floorIndices::deleteIndices);
            Path cache = launcher.freshCache(settings.workDir(), "cold-e2e");
            List<String> index = List.of(
                    "index",
                    "--path",
                    files.root().toString(),
                    "--all-events",
                    "--quiet",
                    "--index-prefix",
                    indexer,
                    "--state-index",
                    "bench-state-cold",
                    "--estate-index",
                    "bench-estate-cold",
                    "--dead-letter",
                    settings.workDir().resolve("cold-dead-letter").toString());
            Map<String, String> env = new HashMap<>(IndexerJar.elasticsearchEnvironment(es));
            env.put("MCI_CACHE_DIR", cache.toString());
            Path summary = settings.workDir().resolve("cold-e2e-summary.json");
            List<String> command = new ArrayList<>(launcher.command(index));
            command.addAll(List.of("--summary-json", summary.toString()));
            Runnable freshIndices = () -> {
                // the estate stays, as a user's does from run to run; setup made it with its mapping
                indexerIndices.deleteIndices();
                cluster.deleteIndex("bench-state-cold");
            };
            ToLongFunction<Path> indexed = stdout -> summaryCount(summary, "indexed");
            FreshProcess viaLauncher = new FreshProcess(
                    "indexer, bin/ launcher",
                    command,
                    env,
                    placement.contenderCores(),
                    settings.workDir(),
                    indexed,
                    freshIndices);
            // as users do once: setup installs the templates of the prefix and the state index, and the estate index
            cluster.deleteIndex("bench-estate-cold");
            new FreshProcess(
                            "setup (once, untimed)",
                            launcher.command(List.of(
                                    "setup",
                                    "--index-prefix",
                                    indexer,
                                    "--state-index",
                                    "bench-state-cold",
                                    "--estate-index",
                                    "bench-estate-cold")),
                            env,
                            Optional.empty(),
                            settings.workDir(),
                            stdout -> 0,
                            () -> {})
                    .run();
            Map<String, String> tieredEnv = new HashMap<>(env);
            tieredEnv.put("MCI_JIT_OPTS", "");
            FreshProcess tiered = new FreshProcess(
                    "indexer, launcher, tiered JIT",
                    command,
                    tieredEnv,
                    placement.contenderCores(),
                    settings.workDir(),
                    indexed,
                    freshIndices);
            out.printf(
                    "  %d documents in %d bodies, %d requests in flight; every run a new process%n",
                    documents, serialized.size(), inFlight);
            out.flush();
            List<Timing> timings;
            try {
                writeCurlConfig(curlConfig, es);
                timings = new Rounds(settings.repeats(), true, out).measure(List.of(curlFloor, viaLauncher, tiered));
            } finally {
                deleteQuietly(curlConfig);
            }
            long inFloor = floorIndices.count();
            long inIndexer = indexerIndices.count();
            out.printf("  documents in Elasticsearch after the last runs: floor %d, indexer %d%n", inFloor, inIndexer);
            Comparison comparison = new Comparison(
                    "Cold end to end, --all-events",
                    settings.coldEndToEndEvents(),
                    timings,
                    List.of(new Target(viaLauncher.name(), curlFloor.name(), 1.2)));
            out.println(comparison.render());
            out.flush();
            ObjectNode entry = comparison.toJson(MAPPER);
            entry.put("corpus", corpus.describe());
            entry.put("placement", placement.describe());
            entry.put("documentsInFloorIndices", inFloor);
            entry.put("documentsInIndexerIndices", inIndexer);
            report.set("coldEndToEnd", entry);
            floorIndices.deleteIndices();
            indexerIndices.deleteIndices();
            return Optional.of(comparison);
        }
    }

    /** Where Elasticsearch and the contenders run: separate cores when a local node can be pinned. */
    record Placement(Optional<String> elasticsearchCores, Optional<String> contenderCores, String reason) {
        String describe() {
            return elasticsearchCores
                    .map(es -> "Elasticsearch pinned to core " + es + ", contenders to cores " + contenderCores.get()
                            + " (taskset)")
                    .orElse("not pinned: " + reason);
        }
    }

    private Placement place() {
        int cores = Runtime.getRuntime().availableProcessors();
        if (cores < 2) {
            return new Placement(Optional.empty(), Optional.empty(), "one core");
        }
        if (ShellPipeline.find("taskset").isEmpty()) {
            return new Placement(Optional.empty(), Optional.empty(), "taskset is not installed (util-linux)");
        }
        Optional<Long> pid =
                LocalElasticsearch.in(LocalElasticsearch.DEFAULT_STATE_DIR).pid();
        if (pid.isEmpty()) {
            return new Placement(
                    Optional.empty(),
                    Optional.empty(),
                    "Elasticsearch is not the local node of " + LocalElasticsearch.DEFAULT_STATE_DIR
                            + " (bench/start-elasticsearch.sh), so its process is not known here");
        }
        try {
            Process pin = new ProcessBuilder("taskset", "-a", "-p", "-c", "0", Long.toString(pid.get()))
                    .redirectErrorStream(true)
                    .start();
            String said = new String(pin.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (pin.waitFor() != 0) {
                return new Placement(Optional.empty(), Optional.empty(), "taskset refused: " + said.strip());
            }
        } catch (IOException e) {
            return new Placement(Optional.empty(), Optional.empty(), "taskset failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchmarkException("interrupted while pinning Elasticsearch");
        }
        return new Placement(Optional.of("0"), Optional.of(cores == 2 ? "1" : "1-" + (cores - 1)), "");
    }

    /** A dry-run contender, counting the events it matched from its summary. */
    private FreshProcess indexer(String name, List<String> command, Map<String, String> environment) {
        Path summary = settings.workDir().resolve("cold-summary-" + name.replaceAll("[^A-Za-z]+", "-") + ".json");
        List<String> withSummary = new ArrayList<>(command);
        withSummary.addAll(List.of("--summary-json", summary.toString()));
        return new FreshProcess(
                name,
                withSummary,
                environment,
                Optional.empty(),
                settings.workDir(),
                stdout -> summaryCount(summary, "matched"),
                () -> {});
    }

    private FreshProcess shellFloor(String name, String script, ToLongFunction<Path> counter) {
        return new FreshProcess(
                name, FreshProcess.shell(script), Map.of(), Optional.empty(), settings.workDir(), counter, () -> {});
    }

    static String zcatScript(Path list, int threads) {
        // as the floor: xargs -P N -n 20 zcat > /dev/null (no shell per batch)
        return "xargs -0 -P " + threads + " -n " + XARGS_BATCH + " zcat -- < \"" + list + "\" > /dev/null";
    }

    static String jqScript(Path list, int threads) {
        String filter = ".Records[] | select(.eventSource == \\\"" + EventFilter.MONITRON_SOURCE + "\\\")";
        return "set -o pipefail; xargs -0 -P " + threads + " -n " + XARGS_BATCH + " sh -c 'zcat -- \"$@\" | jq -c \""
                + filter + "\"' _ < \"" + list + "\" | wc -l";
    }

    /** A NUL-separated list of the files, for xargs -0. */
    private Path fileList(CorpusFiles files, String name) {
        Path list = settings.workDir().resolve(name + ".list");
        StringBuilder text = new StringBuilder();
        files.files().forEach(f -> text.append(f).append('\0'));
        try {
            Files.writeString(list, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + list, e);
        }
        return list;
    }

    private static long writeBodies(List<BulkBodies.Body> bodies, Path folder) {
        long documents = 0;
        try {
            Files.createDirectories(folder);
            try (var old = Files.list(folder)) {
                for (Path p : old.toList()) {
                    Files.delete(p);
                }
            }
            int i = 0;
            for (BulkBodies.Body body : bodies) {
                Files.write(folder.resolve(String.format(Locale.ROOT, "body-%05d.ndjson", i++)), body.bytes());
                documents += body.documents();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the bulk bodies into " + folder, e);
        }
        return documents;
    }

    private static CorpusFiles bodyFiles(Path folder) {
        try (var files = Files.list(folder)) {
            List<Path> sorted = files.sorted().toList();
            long bytes = 0;
            for (Path p : sorted) {
                bytes += Files.size(p);
            }
            return new CorpusFiles(folder, sorted, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
    }

    /**
     * Posts one body with curl, as the indexer would: a body whose items failed (429 from a busy node) is sent again,
     * up to ten times with a growing pause, and counts as done once every item is created or was created by an
     * earlier attempt (a version conflict on {@code create}). Prints {@code ok N} (N documents in the body), or fails.
     */
    private Path postScript(Path curlConfig, String url) {
        Path script = settings.workDir().resolve("cold-e2e-post.sh");
        String text = "f=\"$1\"\n"
                + "n=$(( $(wc -l < \"$f\") / 2 ))\n"
                + "for i in 1 2 3 4 5 6 7 8 9 10; do\n"
                + "  r=$(curl -sS --fail -K \"" + curlConfig + "\" -H 'Content-Type: application/x-ndjson'"
                + " --data-binary @\"$f\" '" + url + "/_bulk?filter_path=errors,items.*.error.type') || exit 1\n"
                + "  case \"$r\" in *'\"errors\":false'*) echo \"ok $n\"; exit 0 ;; esac\n"
                + "  if [ \"$i\" -gt 1 ] && ! printf '%s' \"$r\" | grep -o '\"type\":\"[a-z_]*\"'"
                + " | grep -qv version_conflict_engine_exception; then echo \"ok $n\"; exit 0; fi\n"
                + "  sleep \"0.$i\"\n"
                + "done\n"
                + "echo \"$f: items still failing after 10 attempts: $r\" >&2\n"
                + "exit 1\n";
        try {
            Files.writeString(script, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + script, e);
        }
        return script;
    }

    /** curl's credentials and CA in a private config file (never on a command line), deleted after the part. */
    private static void writeCurlConfig(Path config, ElasticsearchSettings es) {
        StringBuilder text = new StringBuilder();
        es.username().ifPresent(user -> es.password().ifPresent(pw -> text.append("user = \"")
                .append(quoted(user + ":" + pw.reveal()))
                .append("\"\n")));
        es.apiKey().ifPresent(key -> text.append("header = \"Authorization: ApiKey ")
                .append(quoted(key.reveal()))
                .append("\"\n"));
        es.caCertificate()
                .ifPresent(ca ->
                        text.append("cacert = \"").append(quoted(ca.toString())).append("\"\n"));
        if (es.insecure() || es.caFingerprint().isPresent()) {
            text.append("insecure\n");
        }
        try {
            Files.deleteIfExists(config);
            Files.createFile(
                    config, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(config, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + config, e);
        }
    }

    private static String quoted(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a private file in the work folder; nothing else to do
        }
    }

    static long summaryCount(Path summary, String field) {
        try {
            JsonNode json = MAPPER.readTree(summary.toFile());
            return json.path("events").path(field).asLong();
        } catch (IOException e) {
            throw new BenchmarkException("cannot read the run's summary " + summary + ": " + e.getMessage(), e);
        }
    }

    static long lines(Path stdout) {
        return firstNumber(stdout);
    }

    static long firstNumber(Path stdout) {
        try {
            String text = Files.readString(stdout, StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? 0 : Long.parseLong(text.split("\\s+")[0]);
        } catch (IOException | NumberFormatException e) {
            throw new BenchmarkException("cannot read a count from " + stdout + ": " + e.getMessage());
        }
    }
}
