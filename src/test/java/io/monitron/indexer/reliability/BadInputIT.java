package io.monitron.indexer.reliability;

import static io.monitron.indexer.reliability.Events.JSON;
import static io.monitron.indexer.reliability.Events.concat;
import static io.monitron.indexer.reliability.Events.gzip;
import static io.monitron.indexer.reliability.Events.monitron;
import static io.monitron.indexer.reliability.Events.records;
import static io.monitron.indexer.reliability.Events.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.monitron.indexer.testing.ElasticsearchFixture;
import io.monitron.indexer.testing.IndexedDocuments;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bad input against the real Elasticsearch: each broken record is dead-lettered with its file, record number, reason
 * and raw text, counted in the summary and makes the run exit 3, while the good events of the same file are indexed.
 * Oddities CloudTrail consumers meet in practice (wrong field types, BOM, odd keys) are indexed, not rejected.
 */
class BadInputIT {
    private static final ElasticsearchFixture ES = ElasticsearchFixture.shared();
    private static final String PREFIX = "rel-bad";
    private static final String PATTERN = PREFIX + "-*";
    private static final long SEED = 20261001L;

    private static InProcessCli cli;

    @TempDir
    Path temp;

    @BeforeAll
    static void installTemplate() {
        cli = InProcessCli.against(ES.url());
        CliResult setup = cli.run("setup", "--index-prefix", PREFIX);
        assertThat(setup.exitCode()).as(setup.transcript()).isZero();
    }

    @BeforeEach
    void clean() {
        ES.deleteIndices(PATTERN);
    }

    private static String good(String id) {
        return monitron(id).toString();
    }

    private Path input(String name, byte[] content) {
        return Events.write(temp.resolve("in").resolve(name), content);
    }

    private CliResult index(Path input, String... more) {
        return cli.index(temp, PREFIX, input, more);
    }

    private static Set<String> indexed() {
        return IndexedDocuments.ids(ES, PATTERN);
    }

    /** Exit 3; exactly these records dead-lettered, naming the file; counted in the summary. */
    private static void assertRejected(CliResult run, Path file, long[] records, String reason) {
        assertThat(run.exitCode()).as(run.transcript()).isEqualTo(3);
        List<JsonNode> entries = run.deadLetters();
        assertThat(entries).as(run.transcript()).hasSize(records.length);
        for (int i = 0; i < records.length; i++) {
            JsonNode entry = entries.get(i);
            assertThat(entry.path("source").asText()).isEqualTo(file.toString());
            assertThat(entry.path("record").asLong()).isEqualTo(records[i]);
            assertThat(entry.path("reason").asText()).contains(reason);
            assertThat(entry.path("monitron_dead_letter").asInt()).isEqualTo(1);
        }
        assertThat(run.events("dead_lettered")).isEqualTo(records.length);
        assertThat(run.files("with_rejections")).isEqualTo(1);
        assertThat(run.summaryJson()).isNotNull();
    }

    @Test
    void truncatedGzipIndexesTheRecordsBeforeTheCutAndDeadLettersTheRest() {
        List<ObjectNode> events = new ArrayList<>();
        for (int i = 1; i <= 300; i++) {
            events.add(monitron("t-" + i));
        }
        byte[] whole = gzip(utf8(records(events)));
        Path file = input("cut.json.gz", Arrays.copyOf(whole, whole.length * 2 / 3));

        CliResult run = index(file);

        Set<String> ids = indexed();
        assertThat(ids).isNotEmpty().hasSizeLessThan(300);
        // exactly the records before the cut: a prefix of the file
        Set<String> prefix = new TreeSet<>();
        for (int i = 1; i <= ids.size(); i++) {
            prefix.add("t-" + i);
        }
        assertThat(ids).isEqualTo(prefix);
        assertRejected(run, file, new long[] {ids.size() + 1}, "gzip data is corrupt or truncated");
        assertThat(run.deadLetters().get(0).path("reason").asText()).contains("the records after it are lost");
    }

    @Test
    void gzFileThatIsNotGzipIsDeadLetteredAndTheRunGoesOn() {
        Random random = new Random(SEED);
        System.out.println("[bad-input] random bytes seed " + SEED);
        byte[] noise = new byte[4096];
        random.nextBytes(noise);
        noise[0] = 0x03; // neither gzip magic nor JSON
        Path folder = temp.resolve("in");
        Path binary = input("binary.json.gz", noise);
        // a .gz that holds plain JSON is read for what it is
        input("plain-named-gz.json.gz", utf8(records(good("plain-1"))));

        CliResult run = index(folder);

        assertThat(indexed()).containsExactly("plain-1");
        assertRejected(run, binary, new long[] {0}, "neither gzip nor JSON"); // record 0: the whole input
        assertThat(run.files("read")).isEqualTo(2);
    }

    @ParameterizedTest(name = "broken record at position {0}")
    @ValueSource(ints = {1, 2, 3})
    void invalidJsonAtStartMiddleOrEndOfARecordsArrayRejectsOnlyThatRecord(int position) {
        List<String> elements = new ArrayList<>(List.of(good("a"), good("b")));
        elements.add(position - 1, "{\"eventID\": oops, \"eventSource\":\"monitron.amazonaws.com\"}");
        Path file = input("broken.json", utf8(records(elements.toArray(String[]::new))));

        CliResult run = index(file);

        assertThat(indexed()).containsExactly("a", "b");
        assertRejected(run, file, new long[] {position}, "invalid JSON");
        assertThat(run.deadLetters().get(0).path("raw").asText()).contains("oops");
    }

    @ParameterizedTest(name = "broken line {0} of newline-delimited events")
    @ValueSource(ints = {1, 2, 3})
    void invalidJsonAtStartMiddleOrEndOfNewlineDelimitedEventsRejectsOnlyThatLine(int position) {
        List<String> lines = new ArrayList<>(List.of(good("a"), good("b")));
        lines.add(position - 1, "{\"eventID\":\"x\", not json at all");
        Path file = input("events.ndjson", utf8(String.join("\n", lines) + "\n"));

        CliResult run = index(file);

        assertThat(indexed()).containsExactly("a", "b");
        assertRejected(run, file, new long[] {position}, position == 3 ? "cut off" : "invalid JSON");
    }

    @Test
    void textBeforeTheJsonOfAFileRejectsThatLineAndReadsTheRest() {
        Path file = input("preamble.json", utf8("this is not JSON\n" + good("a") + "\n" + good("b") + "\n"));

        CliResult run = index(file);

        assertThat(indexed()).containsExactly("a", "b");
        assertRejected(run, file, new long[] {1}, "invalid JSON");
    }

    @Test
    void garbageAfterTheRecordsArrayRejectsOnlyTheGarbage() {
        Path file = input("trailing.json", utf8(records(good("a"), good("b")) + "\ntrailing garbage\n"));

        CliResult run = index(file);

        assertThat(indexed()).containsExactly("a", "b");
        assertRejected(run, file, new long[] {3}, "invalid JSON");
    }

    @Test
    void fileCutOffInsideTheRecordsArrayKeepsTheCompleteRecords() {
        String whole = records(good("a"), good("b"), good("c"));
        Path file = input("cut.json", utf8(whole.substring(0, whole.indexOf("\"c\"") + 3)));

        CliResult run = index(file);

        assertThat(indexed()).containsExactly("a", "b");
        assertRejected(run, file, new long[] {3}, "cut off");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "{\"records\":[EVENT]}",
                "{\"Records\":{\"0\":EVENT}}",
                "{\"Records\":\"text\"}",
                "{\"Records\":null}",
                "{\"Records\":42}"
            })
    void recordsMissingOrNotAnArrayIsDeadLettered(String shape) {
        Path file = input("shape.json", utf8(shape.replace("EVENT", good("lost"))));
        Path other = input("other.json", utf8(records(good("kept"))));

        CliResult run = index(temp.resolve("in"));

        assertThat(indexed()).containsExactly("kept");
        assertRejected(run, file, new long[] {1}, shape.contains("records") ? "no Records array" : "Records is not an");
        assertThat(other).exists();
    }

    @Test
    void recordsThatAreNotObjectsAreDeadLettered() {
        Path file = input("scalars.json", utf8(records("1", "\"text\"", "null", "[]", "true", good("a"))));

        CliResult run = index(file);

        assertThat(indexed()).containsExactly("a");
        assertRejected(run, file, new long[] {1, 2, 3, 4, 5}, "record is not a JSON object");
    }

    @ParameterizedTest(name = "without {0}")
    @ValueSource(strings = {"eventTime", "eventSource"})
    void eventWithoutEventTimeOrEventSourceIsDeadLettered(String field) {
        ObjectNode broken = monitron("broken");
        broken.remove(field);
        Path file = input("missing.json", utf8(records(broken.toString(), good("a"))));

        CliResult run = index(file);

        assertThat(indexed()).containsExactly("a");
        assertRejected(run, file, new long[] {1}, field);
        JsonNode raw = readJson(run.deadLetters().get(0).path("raw").asText());
        assertThat(raw.path("eventID").asText()).isEqualTo("broken");
    }

    @Test
    void eventWithoutEventIdIsIndexedWithAStableIdAndAReRunAddsNoDuplicate() {
        ObjectNode anonymous = monitron(null);
        Path file = input("no-id.json", utf8(records(anonymous.toString(), good("a"))));

        CliResult first = index(file);
        assertThat(first.exitCode()).as(first.transcript()).isZero();
        Set<String> ids = indexed();
        assertThat(ids).hasSize(2).contains("a");
        String hashId = ids.stream().filter(id -> !id.equals("a")).findFirst().orElseThrow();
        assertThat(hashId).matches("[0-9a-f]{64}");

        CliResult again = index(file, "--full");
        assertThat(again.exitCode()).as(again.transcript()).isZero();
        assertThat(again.events("already_indexed")).isEqualTo(2);
        assertThat(again.events("indexed")).isZero();
        assertThat(indexed()).isEqualTo(ids);
        assertThat(IndexedDocuments.count(ES, PATTERN)).isEqualTo(2);
    }

    @ParameterizedTest(name = "eventTime {0}")
    @ValueSource(
            strings = {
                "\"yesterday\"",
                "\"2026-13-45T25:61:00Z\"",
                "\"\"",
                "1790000000",
                "null",
                "{\"t\":1}",
                "\"1969-12-31T23:59:59Z\"",
                "\"3000-01-01T00:00:00Z\"",
                "\"+10000-01-01T00:00:00Z\"",
                "\"-0001-01-01T00:00:00Z\""
            })
    void unparseableOrOutOfRangeEventTimeIsDeadLettered(String time) {
        ObjectNode broken = monitron("bad-time");
        broken.set("eventTime", readJson(time));
        Path file = input("time.json", utf8(records(good("a"), broken.toString())));

        CliResult run = index(file);

        assertThat(indexed()).containsExactly("a");
        assertRejected(run, file, new long[] {2}, "eventTime");
    }

    @ParameterizedTest(name = "requestParameters {0}")
    @ValueSource(strings = {"\"a string\"", "42", "null", "[1,\"two\",{\"three\":3}]", "{}", "true"})
    void requestParametersOfAnyTypeAreIndexed(String value) {
        ObjectNode odd = monitron("odd");
        odd.set("requestParameters", readJson(value));
        Path file = input("params.json", utf8(records(odd.toString())));

        CliResult run = index(file);

        assertThat(run.exitCode()).as(run.transcript()).isZero();
        assertThat(indexed()).containsExactly("odd");
    }

    @Test
    void fieldsOfTheWrongTypeAreLeftOutAndTheEventIsIndexed() {
        ObjectNode odd = monitron("odd");
        odd.put("readOnly", "true");
        odd.put("userIdentity", "alice");
        odd.put("awsRegion", 7);
        odd.putArray("recipientAccountId").add("111122223333");
        odd.put("eventName", 12);
        Path file = input("types.json", utf8(records(odd.toString())));

        CliResult run = index(file);

        assertThat(run.exitCode()).as(run.transcript()).isZero();
        assertThat(indexed()).containsExactly("odd");
    }

    @Test
    void tenMegabyteFieldIsIndexed() {
        ObjectNode big = monitron("big");
        String tenMegabytes = "x".repeat(10 * 1024 * 1024);
        ((ObjectNode) big.get("requestParameters")).put("blob", tenMegabytes);
        big.put("userAgent", tenMegabytes);
        Path file = input("big.json", utf8(records(big.toString(), good("a"))));

        CliResult run = index(file);

        assertThat(run.exitCode()).as(run.transcript()).isZero();
        assertThat(indexed()).containsExactly("a", "big");
    }

    @Test
    void nestingTwoThousandLevelsDeepIsDeadLetteredAndTheRestIndexed() {
        String deep = "{\"x\":".repeat(2000) + "1" + "}".repeat(2000);
        ObjectNode carrier = monitron("deep");
        String event = carrier.toString().replace("{\"Name\":\"plant-deep\"}", deep);
        Path file = input("deep.json", utf8(records(good("a"), event, good("b"))));

        CliResult run = index(file);

        assertThat(indexed()).containsExactly("a", "b");
        assertRejected(run, file, new long[] {2}, "nesting depth");
    }

    @Test
    void utf8ByteOrderMarkIsSkipped() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        input("bom.json", concat(bom, utf8(records(good("a")))));
        input("bom.json.gz", gzip(concat(bom, utf8(records(good("b"))))));

        CliResult run = index(temp.resolve("in"));

        assertThat(run.exitCode()).as(run.transcript()).isZero();
        assertThat(indexed()).containsExactly("a", "b");
    }

    @Test
    void invalidUtf8IsDeadLetteredAndTheRestIndexed() {
        byte[] broken = concat(
                utf8("{\"Records\":[" + good("a") + ","),
                utf8(monitron("bad-bytes").put("userAgent", "@@").toString()).clone(),
                utf8("," + good("b") + "]}"));
        // replace "@@" with an invalid UTF-8 sequence: a lead byte followed by a non-continuation byte
        String text = new String(broken, java.nio.charset.StandardCharsets.ISO_8859_1);
        int at = text.indexOf("@@");
        broken[at] = (byte) 0xC3;
        broken[at + 1] = (byte) 0x28;
        Path file = input("bytes.json", broken);

        CliResult run = index(file);

        assertThat(indexed()).containsExactly("a", "b");
        assertRejected(run, file, new long[] {2}, "UTF-8");
    }

    @Test
    void emptyFileAndZeroByteGzAreCountedAsEmpty() {
        input("empty.json", new byte[0]);
        input("empty.json.gz", new byte[0]);
        input("blank.json", utf8("  \n\n"));
        input("good.json", utf8(records(good("a"))));

        CliResult run = index(temp.resolve("in"));

        assertThat(run.exitCode()).as(run.transcript()).isZero();
        assertThat(run.files("empty")).isEqualTo(3);
        assertThat(run.files("read")).isEqualTo(4);
        assertThat(indexed()).containsExactly("a");
    }

    @Test
    void sameEventIdTwiceInOneFileAndAcrossFilesIsIndexedOnce() {
        input("one.json", utf8(records(good("dup"), good("dup"), good("a"))));
        input("two.json", utf8(records(good("dup"), good("a"))));

        CliResult run = index(temp.resolve("in"), "--concurrency", "1");

        assertThat(run.exitCode()).as(run.transcript()).isZero();
        assertThat(run.events("indexed")).isEqualTo(2);
        assertThat(run.events("already_indexed")).isEqualTo(3);
        assertThat(indexed()).containsExactly("a", "dup");
        assertThat(IndexedDocuments.count(ES, PATTERN)).isEqualTo(2);
    }

    @Test
    void hundredThousandRecordsInOneFileAreSplitUpToTheLastMatchAndTheMatchingOnesIndexed() {
        Random random = new Random(SEED);
        System.out.println("[bad-input] 100,000-record file seed " + SEED);
        List<ObjectNode> events = new ArrayList<>(100_000);
        Set<String> expected = new TreeSet<>();
        int lastMonitron = -1;
        for (int i = 0; i < 100_000; i++) {
            boolean monitron = random.nextInt(10) == 0;
            String id = String.format("h-%06d", i);
            if (monitron) {
                expected.add(id);
                lastMonitron = i;
                events.add(monitron(id));
            } else {
                events.add(Events.event(id, "ec2.amazonaws.com", "DescribeInstances", Events.OCTOBER));
            }
        }
        Path file = input("big.json.gz", gzip(utf8(records(events))));

        CliResult run = index(file);

        assertThat(run.exitCode()).as(run.transcript()).isZero();
        // the file is larger than one window: every record is split up to the last Monitron one, none after it
        assertThat(run.events("seen")).isEqualTo(lastMonitron + 1L);
        assertThat(run.events("indexed")).isEqualTo(expected.size());
        assertThat(IndexedDocuments.count(ES, PATTERN)).isEqualTo(expected.size());
    }

    @Test
    void keysWithDotsEmptyKeysAndVeryLongKeysAreIndexed() {
        ObjectNode odd = monitron("keys");
        ObjectNode params = (ObjectNode) odd.get("requestParameters");
        params.put("a.b.c", "dots");
        params.put("", "empty key");
        params.put(".", "just a dot");
        params.put("k".repeat(10_000), "long key");
        params.putObject("nested").put("x..y", 1).put("", "e");
        odd.put("top.level.dotted", "v");
        odd.put("", "empty top-level key");
        Path file = input("keys.json", utf8(records(odd.toString())));

        CliResult run = index(file);

        assertThat(run.exitCode()).as(run.transcript()).isZero();
        assertThat(indexed()).containsExactly("keys");
    }

    @Test
    void keyLongerThanTheParserAllowsIsDeadLetteredWithTheLimit() {
        ObjectNode odd = monitron("huge-key");
        ((ObjectNode) odd.get("requestParameters")).put("k".repeat(100_000), "key over 50,000 characters");
        Path file = input("huge-key.json", utf8(records(odd.toString(), good("a"))));

        CliResult run = index(file);

        assertThat(indexed()).containsExactly("a");
        assertRejected(run, file, new long[] {1}, "Name length");
    }

    @Test
    void deadLetterFileCanBeReDrivenOnceTheCauseIsFixed() {
        // an event the run rejects for a missing eventSource; fix it in the dead-letter file, then feed it back
        ObjectNode broken = monitron("fixed-later");
        broken.remove("eventSource");
        Path file = input("to-fix.json", utf8(records(broken.toString(), good("a"))));
        CliResult run = index(file);
        assertThat(run.exitCode()).isEqualTo(3);
        JsonNode entry = run.deadLetters().get(0);
        ObjectNode fixed = (ObjectNode) readJson(entry.path("raw").asText());
        fixed.put("eventSource", Events.MONITRON);
        ObjectNode redrive = ((ObjectNode) entry).deepCopy();
        redrive.put("raw", fixed.toString());
        Path redriveFile = Events.write(temp.resolve("redrive-in/entries.ndjson"), utf8(redrive + "\n"));

        CliResult again = cli.index(redriveFile.getParent(), PREFIX, redriveFile);

        assertThat(again.exitCode()).as(again.transcript()).isZero();
        assertThat(indexed()).containsExactly("a", "fixed-later");
        // the document says where the event was first read, and apart from that the dead-letter file it came back from
        JsonNode document = document("fixed-later");
        assertThat(document.path("log").path("file").path("path").asText()).isEqualTo(file.toString());
        assertThat(document.path("log").path("file").path("record").asLong()).isEqualTo(1);
        assertThat(document.path("aws").path("cloudtrail").path("redriven_from").asText())
                .isEqualTo(redriveFile.toString());
    }

    @Test
    void aReDrivenRecordRejectedAgainKeepsWhereItWasFirstReadThroughEveryRound() {
        ObjectNode broken = monitron("still-broken");
        String eventTime = broken.remove("eventTime").asText();
        Path file = input("broken.json", utf8(records(good("a"), broken.toString(), good("b"))));
        CliResult first = index(file);
        assertThat(first.exitCode()).as(first.transcript()).isEqualTo(3);
        Path firstDeadLetters = first.deadLetter();

        // re-driven before the cause is fixed: rejected again, still naming the trail file and record 2
        CliResult second = cli.index(folder("round-2"), PREFIX, firstDeadLetters);

        assertThat(second.exitCode()).as(second.transcript()).isEqualTo(3);
        JsonNode entry = second.deadLetters().get(0);
        assertThat(second.deadLetters()).hasSize(1);
        assertThat(entry.path("source").asText()).isEqualTo(file.toString());
        assertThat(entry.path("record").asLong()).isEqualTo(2);
        assertThat(entry.path("reason").asText()).contains("eventTime is missing");
        assertThat(entry.path("redriven_from").asText()).isEqualTo(firstDeadLetters.toString());
        assertThat(entry.path("redriven_from_record").asLong()).isEqualTo(1);

        // fixed in the second-round file and re-driven: the document still names the trail file
        ObjectNode fixed = (ObjectNode) readJson(entry.path("raw").asText());
        fixed.put("eventTime", eventTime);
        ObjectNode redrive = ((ObjectNode) entry).deepCopy();
        redrive.put("raw", fixed.toString());
        Path thirdInput = Events.write(temp.resolve("round-3-in/entries.ndjson"), utf8(redrive + "\n"));
        CliResult third = cli.index(folder("round-3"), PREFIX, thirdInput);

        assertThat(third.exitCode()).as(third.transcript()).isZero();
        JsonNode document = document("still-broken");
        assertThat(document.path("log").path("file").path("path").asText()).isEqualTo(file.toString());
        assertThat(document.path("log").path("file").path("record").asLong()).isEqualTo(2);
        assertThat(document.path("aws").path("cloudtrail").path("redriven_from").asText())
                .isEqualTo(thirdInput.toString());
    }

    @Test
    void reDrivingTheDeadLetterFolderAgainReadsNothing() {
        ObjectNode broken = monitron("fixed-in-place");
        broken.remove("eventSource");
        Path file = input("to-fix.json", utf8(records(broken.toString(), good("a"))));
        Path deadLetters = temp.resolve("dead-letter");
        CliResult run = cli.run(
                "index", "--path", file.toString(), "--index-prefix", PREFIX, "--dead-letter", deadLetters.toString());
        assertThat(run.exitCode()).as(run.transcript()).isEqualTo(3);
        // the cause fixed in the dead-letter file itself
        Path deadLetterFile = onlyFile(deadLetters);
        JsonNode entry = run.deadLetters().get(0);
        ObjectNode fixed = (ObjectNode) readJson(entry.path("raw").asText());
        fixed.put("eventSource", Events.MONITRON);
        ObjectNode redrive = ((ObjectNode) entry).deepCopy();
        redrive.put("raw", fixed.toString());
        Events.write(deadLetterFile, utf8(redrive + "\n"));

        CliResult redriven = reDrive(deadLetters, "redrive-1.json");
        CliResult again = reDrive(deadLetters, "redrive-2.json");

        assertThat(redriven.exitCode()).as(redriven.transcript()).isZero();
        assertThat(redriven.files("read")).isEqualTo(1);
        assertThat(redriven.events("indexed")).isEqualTo(1);
        assertThat(indexed()).containsExactly("a", "fixed-in-place");
        assertThat(again.exitCode()).as(again.transcript()).isZero();
        assertThat(again.files("read")).as(again.transcript()).isZero();
        assertThat(again.files("skipped_unchanged")).isEqualTo(1);
        assertThat(again.events("seen")).isZero();
    }

    /** {@code index --path FOLDER} where FOLDER is also the dead-letter place, as a user re-drives it. */
    private CliResult reDrive(Path deadLetters, String summary) {
        return cli.run(
                "index",
                "--path",
                deadLetters.toString(),
                "--index-prefix",
                PREFIX,
                "--dead-letter",
                deadLetters.toString(),
                "--summary-json",
                temp.resolve(summary).toString());
    }

    /** A new folder for a run's summary and dead letters. */
    private Path folder(String name) {
        try {
            return java.nio.file.Files.createDirectories(temp.resolve(name));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Path onlyFile(Path folder) {
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(folder)) {
            List<Path> all = files.toList();
            assertThat(all).hasSize(1);
            return all.get(0);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The source of the one document with this id. */
    private static JsonNode document(String id) {
        ES.refresh(PATTERN);
        JsonNode hits = ES.request(
                        "POST",
                        "/" + PATTERN + "/_search",
                        "{\"query\":{\"ids\":{\"values\":[" + JSON.valueToTree(id) + "]}}}")
                .json()
                .path("hits")
                .path("hits");
        assertThat(hits).hasSize(1);
        return hits.get(0).path("_source");
    }

    private static JsonNode readJson(String text) {
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
