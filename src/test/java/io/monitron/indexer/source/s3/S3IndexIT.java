package io.monitron.indexer.source.s3;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.monitron.indexer.samples.GeneratorSpec;
import io.monitron.indexer.samples.OutputFormat;
import io.monitron.indexer.samples.TrailGenerator;
import io.monitron.indexer.testing.CliRunner;
import io.monitron.indexer.testing.ElasticsearchFixture;
import io.monitron.indexer.testing.LocalS3;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code index --s3} end to end: an organization trail in S3Proxy (in this JVM), the real Elasticsearch, the CLI in
 * process and as a subprocess killed mid-run.
 */
class S3IndexIT {
    private static final long SEED = 20261124L;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ElasticsearchFixture ES = ElasticsearchFixture.shared();
    private static final String BUCKET = "org-trail";

    private static LocalS3 s3;

    @TempDir
    static Path temp;

    private static Path trail;
    private static Set<String> expected;

    @BeforeAll
    static void bucketWithATrail() throws Exception {
        System.out.println("S3IndexIT: data seed " + SEED);
        s3 = new LocalS3();
        s3.createBucket(BUCKET);
        trail = temp.resolve("trail");
        new TrailGenerator(new GeneratorSpec(
                        trail,
                        SEED,
                        LocalDate.parse("2026-10-01"),
                        3,
                        3000,
                        0.3,
                        List.of("111122223333", "444455556666"),
                        List.of("us-east-1", "eu-west-1"),
                        "o-abcdefghij",
                        20,
                        60,
                        true,
                        OutputFormat.TRAIL))
                .generate();
        expected = upload(trail);
        assertThat(expected).hasSizeGreaterThan(500);
        // the SDK's default chain reads these system properties (in-process runs)
        System.setProperty("aws.accessKeyId", LocalS3.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", LocalS3.SECRET_KEY);
        assertThat(CliRunner.inProcess(env(), "setup", "--index-prefix", "it-s3")
                        .exitCode())
                .isZero();
    }

    @AfterAll
    static void stop() throws Exception {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
        s3.close();
    }

    /** Uploads every file under {@code dir} as {@code logs/<relative path>}; returns the Monitron event ids in them. */
    private static Set<String> upload(Path dir) throws IOException {
        Set<String> ids = new TreeSet<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String key = "logs/" + dir.relativize(file).toString().replace('\\', '/');
                s3.put(BUCKET, key, Files.readAllBytes(file));
                if (!key.contains("CloudTrail-Digest")) {
                    ids.addAll(monitronIds(file));
                }
            }
        }
        return ids;
    }

    private static Set<String> monitronIds(Path gz) throws IOException {
        Set<String> ids = new TreeSet<>();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            for (JsonNode record : JSON.readTree(in).path("Records")) {
                if (record.path("eventSource").asText().equals("monitron.amazonaws.com")) {
                    ids.add(record.path("eventID").asText());
                }
            }
        }
        return ids;
    }

    private static Map<String, String> env() {
        return Map.of("ES_URL", ES.url());
    }

    private static List<String> indexArgs(String prefix, Path summary) {
        return List.of(
                "index",
                "--s3",
                "s3://" + BUCKET + "/logs",
                "--s3-endpoint",
                s3.endpoint().toString(),
                "--s3-path-style",
                "--aws-region",
                "us-east-1",
                "--index-prefix",
                prefix,
                "--state-index",
                prefix + "-state-x",
                "--dead-letter",
                temp.resolve("dl-" + prefix).toString(),
                "--summary-json",
                summary.toString(),
                "--quiet");
    }

    private static Set<String> ids(String prefix) {
        ES.refresh(prefix + "-2*");
        JsonNode hits = ES.request(
                        "POST",
                        "/" + prefix + "-2*/_search",
                        "{\"size\":10000,\"_source\":false,\"track_total_hits\":true}")
                .json()
                .path("hits");
        Set<String> ids = new TreeSet<>();
        hits.path("hits").forEach(h -> ids.add(h.path("_id").asText()));
        assertThat(hits.path("total").path("value").asInt()).as("no duplicates").isEqualTo(ids.size());
        return ids;
    }

    @Test
    void indexesTheBucketThenOnlyWhatIsNewIncludingALateFile() throws IOException {
        ES.deleteIndices("it-s3-*");
        Path summary = temp.resolve("s3-summary.json");
        var first = CliRunner.inProcess(env(), indexArgs("it-s3", summary).toArray(String[]::new));
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(ids("it-s3")).isEqualTo(expected);
        JsonNode s1 = JSON.readTree(summary.toFile());
        assertThat(s1.path("files").path("read").asLong()).isGreaterThan(10);

        var again = CliRunner.inProcess(env(), indexArgs("it-s3", summary).toArray(String[]::new));
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(JSON.readTree(summary.toFile()).path("files").path("read").asLong())
                .isZero();

        // a late file into a day already processed (same stamp as an indexed file, a suffix sorting lower), and a
        // file of a new day
        Path late = copyOfFirstLogFileWithNewIds(trail, "AAAAlate", "2026-10-02");
        Path newDay = copyOfFirstLogFileWithNewIds(trail, "BBBBnext", "2026-10-04");
        Set<String> added = new TreeSet<>(monitronIds(late));
        added.addAll(monitronIds(newDay));
        for (Path file : List.of(late, newDay)) {
            s3.put(BUCKET, "logs/" + trail.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
        }
        var third = CliRunner.inProcess(env(), indexArgs("it-s3", summary).toArray(String[]::new));
        assertThat(third.exitCode()).as(third.err()).isZero();
        assertThat(JSON.readTree(summary.toFile()).path("files").path("read").asLong())
                .isEqualTo(2);
        Set<String> all = new TreeSet<>(expected);
        all.addAll(added);
        assertThat(ids("it-s3")).isEqualTo(all);
        expected = all;
    }

    @Test
    void killedRunsThenACleanRunEndWithExactlyTheExpectedDocuments() throws Exception {
        ES.deleteIndices("it-s3k-*");
        assertThat(CliRunner.inProcess(env(), "setup", "--index-prefix", "it-s3k")
                        .exitCode())
                .isZero();
        Random random = new Random(SEED);
        Path log = temp.resolve("killed-runs.log");
        Map<String, String> env = new HashMap<>(env());
        env.put("AWS_ACCESS_KEY_ID", LocalS3.ACCESS_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", LocalS3.SECRET_KEY);
        Path summary = temp.resolve("kill-summary.json");
        int killedMidRun = 0;
        for (int i = 0; i < 3; i++) {
            long delay = 800 + random.nextInt(2500);
            Process process = CliRunner.start(env, log, indexArgs("it-s3k", summary));
            if (!process.waitFor(delay, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly(); // SIGKILL
                killedMidRun++;
            }
            process.waitFor();
        }
        assertThat(killedMidRun).as("runs killed before they finished").isPositive();
        Process clean = CliRunner.start(env, log, indexArgs("it-s3k", summary));
        assertThat(clean.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(clean.exitValue()).as(Files.readString(log)).isZero();
        assertThat(ids("it-s3k")).isEqualTo(expectedNow());
    }

    private static Set<String> expectedNow() throws IOException {
        Set<String> ids = new TreeSet<>();
        try (Stream<Path> files = Files.walk(trail)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                if (!file.toString().contains("CloudTrail-Digest")) {
                    ids.addAll(monitronIds(file));
                }
            }
        }
        return ids;
    }

    /** A copy of the first log file of a day, under a new name, its event ids made unique. */
    private static Path copyOfFirstLogFileWithNewIds(Path root, String suffix, String day) throws IOException {
        String dayPath = day.replace('-', '/');
        Path source;
        try (Stream<Path> files = Files.walk(root)) {
            source = files.filter(p -> p.toString().replace('\\', '/').contains("/CloudTrail/us-east-1/" + dayPath))
                    .filter(p -> p.toString().endsWith(".json.gz"))
                    .sorted()
                    .findFirst()
                    .orElseGet(() -> null);
        }
        if (source == null) {
            // no file that day in this region: derive one from the first file of the trail
            try (Stream<Path> files = Files.walk(root)) {
                Path any = files.filter(p -> p.toString().replace('\\', '/').contains("/CloudTrail/us-east-1/"))
                        .filter(p -> p.toString().endsWith(".json.gz"))
                        .sorted()
                        .findFirst()
                        .orElseThrow();
                String name = any.getFileName().toString();
                String stamp = day.replace("-", "") + name.substring(name.indexOf('T', name.indexOf("_us-east-1_")));
                Path dir = root.resolve(
                        root.relativize(any.getParent()).toString().replaceAll("\\d{4}/\\d{2}/\\d{2}$", dayPath));
                Files.createDirectories(dir);
                Path target = dir.resolve(name.substring(0, name.indexOf("_us-east-1_") + "_us-east-1_".length())
                        + stamp.substring(0, stamp.indexOf('Z') + 1) + "_" + suffix + ".json.gz");
                return rewriteIds(any, target, suffix);
            }
        }
        String name = source.getFileName().toString();
        Path target = source.resolveSibling(name.substring(0, name.lastIndexOf('_') + 1) + suffix + ".json.gz");
        return rewriteIds(source, target, suffix);
    }

    private static Path rewriteIds(Path source, Path target, String suffix) throws IOException {
        JsonNode body;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(source))) {
            body = JSON.readTree(in);
        }
        List<JsonNode> records = new ArrayList<>();
        body.path("Records").forEach(records::add);
        for (JsonNode record : records) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) record)
                    .put("eventID", record.path("eventID").asText() + "-" + suffix);
        }
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(target))) {
            JSON.writeValue(out, body);
        }
        return target;
    }
}
