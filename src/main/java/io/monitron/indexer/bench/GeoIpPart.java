package io.monitron.indexer.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.monitron.indexer.samples.AddressMode;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToLongFunction;

/**
 * Part {@code geoip}: what {@code --geoip-db} (a City and an ASN database) costs per event, measured as users run it —
 * fresh {@code java -jar ... index} processes on the same corpus with and without the databases, in alternating
 * rounds (without, with; then with, without; ...) after one untimed run of each, for {@code --all-events --output
 * /dev/null} and for a {@code --dry-run} of the Monitron events. Each run's wall time and the CPU time of the child
 * process (user + system, from the shell's {@code times}) are taken; the difference of the best runs, per event, is
 * the cost. The same comparison on an empty folder gives what opening the databases costs a process that reads
 * nothing (JVM start aside), which is also shown subtracted from the per-event figures. The corpus has public source
 * addresses ({@link AddressMode#PUBLIC}), the databases are made up when the
 * part runs ({@link GeoDatabases}), and one more run writes the documents to check that the addresses were located.
 */
public final class GeoIpPart {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * @param workDir corpora, databases and logs
     * @param events events in the corpus
     * @param monitronShare the corpus's Monitron share
     * @param seed corpus and database seed
     * @param cores {@code --concurrency} of the indexer
     * @param repeats timed runs per variant
     */
    public record Settings(Path workDir, long events, double monitronShare, long seed, int cores, int repeats) {}

    /** One run of the child: wall and CPU time in nanoseconds. */
    record Run(long wallNanos, long cpuNanos) {}

    /** What the documents of the check run hold. */
    record Located(
            long documents,
            long withIp,
            long withCountry,
            long withCity,
            long withAs,
            long privateIp,
            int distinctLocated) {}

    private final Settings settings;
    private final PrintWriter out;

    public GeoIpPart(Settings settings, PrintWriter out) {
        this.settings = settings;
        this.out = out;
    }

    /** Runs the part, prints its tables and returns its figures for the JSON report. */
    public ObjectNode run() {
        Corpus corpus = new Corpus(settings.events(), settings.monitronShare(), settings.seed(), AddressMode.PUBLIC);
        Path folder = corpus.materialize(settings.workDir(), out);
        long started = System.nanoTime();
        GeoDatabases.Written databases;
        try {
            databases = GeoDatabases.plan(settings.seed(), GeoDatabases.CITY, GeoDatabases.ASN)
                    .write(settings.workDir().resolve("geoip"), "bench-seed" + settings.seed());
        } catch (IOException e) {
            throw new BenchmarkException("cannot write the GeoIP databases: " + e.getMessage(), e);
        }
        out.printf(
                Locale.ROOT,
                "GeoIP databases (made up, seed %d): %s, written in %.1f s%n",
                settings.seed(),
                databases.describe(),
                (System.nanoTime() - started) / 1e9);
        out.println("  source addresses: " + describeMix());
        List<String> geoIp = List.of(
                "--geoip-db",
                databases.city().toString(),
                "--geoip-db",
                databases.asn().toString());
        List<String> common = List.of(
                "index",
                "--path",
                folder.toString(),
                "--quiet",
                "--concurrency",
                Integer.toString(settings.cores()),
                "--dead-letter",
                settings.workDir().resolve("bench-geoip-dead-letter.ndjson").toString());

        ObjectNode json = MAPPER.createObjectNode();
        json.put("corpus", corpus.describe());
        json.put("sourceAddresses", describeMix());
        json.put("databases", databases.describe());
        json.put("cityNetworks", databases.cityNetworks());
        json.put("asnNetworks", databases.asnNetworks());
        json.put("cityBytes", databases.cityBytes());
        json.put("asnBytes", databases.asnBytes());
        json.put("child", String.join(" ", childLauncher()));

        out.println("GeoIP check: --all-events --output - with the databases, documents read back ...");
        out.flush();
        Located located = check(concat(common, List.of("--all-events", "--output", "-"), geoIp));
        out.printf(
                Locale.ROOT,
                "  %d documents: %d with source.ip, %d with source.geo.country_iso_code (%d of them with a city),"
                        + " %d with source.as.number, %d from private addresses; %d distinct addresses located%n",
                located.documents(),
                located.withIp(),
                located.withCountry(),
                located.withCity(),
                located.withAs(),
                located.privateIp(),
                located.distinctLocated());
        ObjectNode check = json.putObject("check");
        check.put("documents", located.documents());
        check.put("withSourceIp", located.withIp());
        check.put("withCountry", located.withCountry());
        check.put("withCity", located.withCity());
        check.put("withAs", located.withAs());
        check.put("fromPrivateAddresses", located.privateIp());
        check.put("distinctAddressesLocated", located.distinctLocated());
        if (located.withCountry() == 0) {
            throw new BenchmarkException("no document got source.geo.country_iso_code: the databases were not used");
        }

        // what opening the databases costs a process that reads nothing, to tell it from the cost per event
        Path empty = settings.workDir().resolve("geoip-empty");
        try {
            Files.createDirectories(empty);
        } catch (IOException e) {
            throw new BenchmarkException("cannot create " + empty + ": " + e.getMessage(), e);
        }
        List<String> nothing = new ArrayList<>(common);
        nothing.set(nothing.indexOf(folder.toString()), empty.toString());
        nothing.add("--dry-run");
        Figures startup = compare("startup: --dry-run of an empty folder", 0, nothing, concat(nothing, geoIp));
        json.set("startup", startup.toJson(MAPPER));

        ArrayNode variants = json.putArray("variants");
        String monitron = corpus.share() + " Monitron";
        for (List<Object> variant : List.<List<Object>>of(
                List.of("--all-events --output /dev/null", List.of("--all-events", "--output", "/dev/null")),
                List.of("--dry-run (" + monitron + ")", List.of("--dry-run")))) {
            String name = (String) variant.get(0);
            @SuppressWarnings("unchecked")
            List<String> args = concat(common, (List<String>) variant.get(1));
            Figures figures = compare(name, settings.events(), args, concat(args, geoIp));
            double cpu = figures.nanosPerEventAfter(startup, true);
            double wall = figures.nanosPerEventAfter(startup, false);
            out.printf(
                    Locale.ROOT,
                    "  less the startup difference (%+.3f s CPU, %+.3f s wall): CPU %+.0f ns/event, wall %+.0f"
                            + " ns/event%n%n",
                    startup.difference(true) / 1e9,
                    startup.difference(false) / 1e9,
                    cpu,
                    wall);
            out.flush();
            ObjectNode entry = figures.toJson(MAPPER);
            entry.put("variant", name);
            entry.put("cpuNanosPerEventLessStartup", cpu);
            entry.put("wallNanosPerEventLessStartup", wall);
            variants.add(entry);
        }
        return json;
    }

    private Figures compare(String name, long events, List<String> without, List<String> with) {
        out.printf("GeoIP, %s: warm-up (page cache), then %d alternating rounds%n", name, settings.repeats());
        out.flush();
        runChild("geoip-warm-up-without", without);
        runChild("geoip-warm-up-with", with);
        List<Run> runsWithout = new ArrayList<>();
        List<Run> runsWith = new ArrayList<>();
        for (int round = 1; round <= settings.repeats(); round++) {
            // without first in odd rounds, with first in even ones: a drift in the machine's load hits both alike
            boolean withFirst = round % 2 == 0;
            for (int i = 0; i < 2; i++) {
                boolean withDatabases = withFirst == (i == 0);
                Run run = runChild("geoip-" + (withDatabases ? "with" : "without"), withDatabases ? with : without);
                (withDatabases ? runsWith : runsWithout).add(run);
                out.printf(
                        Locale.ROOT,
                        "  round %d/%d: %-24s wall %7.3f s  child CPU %7.3f s%n",
                        round,
                        settings.repeats(),
                        withDatabases ? "with --geoip-db" : "without",
                        run.wallNanos() / 1e9,
                        run.cpuNanos() / 1e9);
                out.flush();
            }
        }
        Figures figures = Figures.of(runsWithout, runsWith, events);
        out.print(figures.render("GeoIP cost, " + name));
        out.flush();
        return figures;
    }

    /** The best (and median) runs of both variants and the cost per event they give. */
    record Figures(List<Run> without, List<Run> with, long events) {
        static Figures of(List<Run> without, List<Run> with, long events) {
            return new Figures(List.copyOf(without), List.copyOf(with), events);
        }

        static long best(List<Run> runs, boolean cpu) {
            return runs.stream()
                    .mapToLong(r -> cpu ? r.cpuNanos() : r.wallNanos())
                    .min()
                    .orElseThrow();
        }

        static long median(List<Run> runs, boolean cpu) {
            long[] sorted = runs.stream()
                    .mapToLong(r -> cpu ? r.cpuNanos() : r.wallNanos())
                    .sorted()
                    .toArray();
            return sorted[(sorted.length - 1) / 2];
        }

        /** Best with - best without, in nanoseconds; negative when noise beat the cost. */
        long difference(boolean cpu) {
            return best(with, cpu) - best(without, cpu);
        }

        /** {@link #difference} per event (NaN for no events). */
        double nanosPerEvent(boolean cpu) {
            return events == 0 ? Double.NaN : (double) difference(cpu) / events;
        }

        /** The difference less a fixed one (opening the databases in a process that reads nothing), per event. */
        double nanosPerEventAfter(Figures startup, boolean cpu) {
            return (double) (difference(cpu) - startup.difference(cpu)) / events;
        }

        double ratio(boolean cpu) {
            return (double) best(with, cpu) / best(without, cpu);
        }

        String render(String title) {
            StringBuilder text = new StringBuilder("== " + title + " (" + events + " events) ==\n");
            text.append(String.format(
                    Locale.ROOT,
                    "%-18s %10s %10s %12s %12s%n",
                    "",
                    "best wall s",
                    "median s",
                    "best CPU s",
                    "median CPU s"));
            for (var row : List.of(List.of("without", without), List.of("with --geoip-db", with))) {
                @SuppressWarnings("unchecked")
                List<Run> runs = (List<Run>) row.get(1);
                text.append(String.format(
                        Locale.ROOT,
                        "%-18s %10.3f %10.3f %12.3f %12.3f%n",
                        row.get(0),
                        best(runs, false) / 1e9,
                        median(runs, false) / 1e9,
                        best(runs, true) / 1e9,
                        median(runs, true) / 1e9));
            }
            text.append(String.format(
                    Locale.ROOT,
                    "  with - without (best runs): CPU %+.3f s (x%.3f), wall %+.3f s (x%.3f)%n",
                    difference(true) / 1e9,
                    ratio(true),
                    difference(false) / 1e9,
                    ratio(false)));
            if (events > 0) {
                text.append(String.format(
                        Locale.ROOT,
                        "  per event: CPU %+.0f ns, wall %+.0f ns (medians: CPU %+.0f, wall %+.0f ns)%n",
                        nanosPerEvent(true),
                        nanosPerEvent(false),
                        (double) (median(with, true) - median(without, true)) / events,
                        (double) (median(with, false) - median(without, false)) / events));
            }
            return text.toString();
        }

        ObjectNode toJson(ObjectMapper mapper) {
            ObjectNode json = mapper.createObjectNode();
            json.put("events", events);
            for (var side : List.of(List.of("without", without), List.of("with", with))) {
                @SuppressWarnings("unchecked")
                List<Run> runs = (List<Run>) side.get(1);
                ObjectNode node = json.putObject((String) side.get(0));
                ArrayNode wall = node.putArray("wallSeconds");
                ArrayNode cpu = node.putArray("cpuSeconds");
                runs.forEach(r -> {
                    wall.add(r.wallNanos() / 1e9);
                    cpu.add(r.cpuNanos() / 1e9);
                });
                node.put("bestWallSeconds", best(runs, false) / 1e9);
                node.put("bestCpuSeconds", best(runs, true) / 1e9);
            }
            json.put("cpuDifferenceSeconds", difference(true) / 1e9);
            json.put("wallDifferenceSeconds", difference(false) / 1e9);
            if (events > 0) {
                json.put("cpuNanosPerEvent", nanosPerEvent(true));
                json.put("wallNanosPerEvent", nanosPerEvent(false));
            }
            json.put("cpuRatio", ratio(true));
            json.put("wallRatio", ratio(false));
            return json;
        }
    }

    /** Reads the documents of a run with {@code --output -} and counts what GeoIP gave them. */
    private Located check(List<String> args) {
        long[] counts = new long[6];
        Set<String> located = new HashSet<>();
        runChild("geoip-check", args, stdout -> {
            try (BufferedReader lines = Files.newBufferedReader(stdout, StandardCharsets.UTF_8)) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.isBlank()) {
                        continue;
                    }
                    JsonNode source = MAPPER.readTree(line).path("source");
                    counts[0]++;
                    String ip = source.path("ip").asText(null);
                    if (ip == null) {
                        continue;
                    }
                    counts[1]++;
                    if (source.path("geo").has("country_iso_code")) {
                        counts[2]++;
                        located.add(ip);
                    }
                    if (source.path("geo").has("city_name")) {
                        counts[3]++;
                    }
                    if (source.path("as").has("number")) {
                        counts[4]++;
                    }
                    if (ip.startsWith("10.")) {
                        counts[5]++;
                    }
                }
            } catch (IOException e) {
                throw new BenchmarkException("cannot read the check run's documents " + stdout + ": " + e.getMessage());
            }
            return counts[0];
        });
        return new Located(counts[0], counts[1], counts[2], counts[3], counts[4], counts[5], located.size());
    }

    private static String describeMix() {
        return "as the generator gives them (IP literals, service names, AWS Internal), each IP literal replaced: 10%"
                + " by one of 40 private addresses (10/8), 90% by one of 400 public ones (80 IPv6), Zipf-weighted";
    }

    @SafeVarargs
    private static List<String> concat(List<String>... parts) {
        List<String> all = new ArrayList<>();
        for (List<String> part : parts) {
            all.addAll(part);
        }
        return all;
    }

    /**
     * The indexer in a fresh JVM, as users start it: {@code java -jar JAR} when this benchmark runs from the jar,
     * else with this JVM's class path.
     */
    static List<String> childLauncher() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("java.class.path");
        if (classPath.endsWith(".jar") && !classPath.contains(File.pathSeparator)) {
            return List.of(java, "-jar", classPath);
        }
        return List.of(java, "-cp", classPath, "io.monitron.indexer.cli.Main");
    }

    /** One fresh indexer process ({@link FreshProcess}): its wall time and its own CPU time. */
    private Run runChild(String label, List<String> args, ToLongFunction<Path> readOutput) {
        FreshProcess child = new FreshProcess(
                label,
                concat(childLauncher(), args),
                Map.of(),
                Optional.empty(),
                settings.workDir(),
                readOutput,
                () -> {});
        long start = System.nanoTime();
        child.run();
        long wall = System.nanoTime() - start;
        return new Run(wall, child.ownCpuOfLastRun().orElseThrow().toNanos());
    }

    private Run runChild(String label, List<String> args) {
        return runChild(label, args, stdout -> 0);
    }
}
