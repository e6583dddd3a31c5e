package io.monitron.indexer.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The fast pass over records that cannot match must agree with the byte scanner: differential runs over generated
 * arrays full of what makes JSON scanning hard (quotes, escapes and brackets inside strings, nesting, white space,
 * scalar elements), comparing every record that holds the needle: same number, same bytes.
 */
class RecordSplitterPassOverTest {
    private static final String NEEDLE = "monitron.amazonaws.com";
    private static final NeedleSearch SEARCH = NeedleSearch.of(List.of(NEEDLE), true);

    /** A record as the handler saw it: its number in the input and its text. */
    record Seen(long number, String text) {}

    static final class Recorder implements RecordSplitter.RecordHandler {
        final List<Seen> seen = new ArrayList<>();
        long count;

        @Override
        public void record(
                byte[] bytes,
                int offset,
                int length,
                RecordSplitter.Kind kind,
                boolean complete,
                int sourceOffset,
                int sourceLength) {
            count++;
            seen.add(new Seen(count, new String(bytes, offset, length, StandardCharsets.UTF_8)));
        }

        @Override
        public void passedOver(long records) {
            count += records;
        }

        @Override
        public void tooLarge(
                byte[] prefix, int length, RecordSplitter.Kind kind, long size, boolean sizeKnown, boolean complete) {
            throw new AssertionError("no record here is too large");
        }

        List<Seen> withNeedle() {
            return seen.stream()
                    .filter(s -> s.text().contains(NEEDLE) || s.text().contains("\\u"))
                    .toList();
        }
    }

    @Test
    void passingOverAgreesWithTheByteScannerOnEveryRecordThatCouldMatch() throws IOException {
        int passedSome = differentialRounds(
                20261125L, RecordSplitterPassOverTest::array, (all, some) -> assertThat(some.seen.stream()
                                .filter(r -> !r.text().startsWith("{"))
                                .toList())
                        .as("elements that are not objects are never passed over")
                        .isEqualTo(all.seen.stream()
                                .filter(r -> !r.text().startsWith("{") && r.number() <= some.count)
                                .toList()));
        assertThat(passedSome).as("rounds where records were passed over").isGreaterThan(100);
    }

    @Test
    void recordsPassedOverAreCountedSoNumbersStayExact() throws IOException {
        StringBuilder text = new StringBuilder("{\"Records\":[");
        for (int i = 0; i < 500; i++) {
            text.append(i == 0 ? "" : ",")
                    .append("{\"eventSource\":\"s3.amazonaws.com\",\"n\":\"")
                    .append("x".repeat(i % 90))
                    .append("\"}");
        }
        text.append(",{\"eventSource\":\"" + NEEDLE + "\"}]}");
        Recorder some = split(text.toString(), SEARCH);
        // handed over: the first record, the few the byte scanner finishes before the needle, and the needle's
        assertThat(some.seen).hasSizeLessThan(5);
        assertThat(some.seen.get(some.seen.size() - 1).number()).isEqualTo(501);
        assertThat(some.count).isEqualTo(501);
    }

    @Test
    void compactTrailFilesAreSkippedToTheRecordHoldingAMatchWithExactNumbers() throws IOException {
        int skippedSome = differentialRounds(20261126L, RecordSplitterPassOverTest::trailFile, (all, some) -> {});
        assertThat(skippedSome).as("rounds where records were skipped").isGreaterThan(200);
    }

    @Test
    void aCompactTrailFileLargerThanOneWindowKeepsExactNumbersAcrossWindows() throws IOException {
        SplittableRandom random = new SplittableRandom(7);
        StringBuilder text = new StringBuilder("{\"Records\":[");
        int records = 0;
        while (text.length() < RecordSplitter.MAX_WINDOW + RecordSplitter.MAX_WINDOW / 2) {
            text.append(records == 0 ? "" : ",").append("{\"eventVersion\":\"1.08\",\"eventSource\":\"");
            text.append(random.nextInt(200) == 0 ? NEEDLE : "s3.amazonaws.com").append("\",\"n\":\"");
            text.append("x\\\"y".repeat(random.nextInt(10, 200))).append("\"}");
            records++;
        }
        String file = text.append("]}").toString();
        Recorder all = split(file, null);
        Recorder some = split(file, SEARCH);
        assertThat(all.seen).hasSize(records);
        assertThat(some.withNeedle()).hasSizeGreaterThan(10).isEqualTo(all.withNeedle());
        assertThat(some.seen).hasSizeLessThan(all.withNeedle().size() + 10);
    }

    @Test
    void anOpeningBeyondTheRecordsArrayIsNotTakenForARecord() throws IOException {
        String record = "{\"eventVersion\":\"1.08\"}";
        String match = "{\"eventVersion\":\"1.08\",\"s\":\"" + NEEDLE + "\"}";
        for (String after : new String[] {"{}", "{\"a\":1}"}) {
            String text =
                    "{\"Records\":[" + record + "," + record + "," + record + "],\"x\":[" + after + "," + match + "]}";
            Recorder all = split(text, null);
            Recorder some = split(text, SEARCH);
            assertThat(all.withNeedle()).as(text).isEmpty();
            assertThat(some.withNeedle()).as(text).isEmpty();
        }
    }

    @Test
    void inTheCompactFormTheRecordHoldingAMatchIsFoundWithoutFollowingTheRecordsBeforeIt() throws IOException {
        // the second record lacks a closing brace: following the structure record by record would run on into the
        // third; in the compact form the third is found by its opening (and the damage, in a record that cannot
        // match, is not looked at, like any record passed over)
        String text = "{\"Records\":[{\"eventVersion\":\"1.08\",\"a\":1},"
                + "{\"eventVersion\":\"1.08\",\"b\":{\"c\":1},"
                + "{\"eventVersion\":\"1.08\",\"x\":{\"y\":\"z\"}},"
                + "{\"eventVersion\":\"1.08\",\"eventSource\":\"" + NEEDLE + "\"}]}";
        Recorder some = split(text, SEARCH);
        assertThat(some.seen).hasSize(2);
        assertThat(some.seen.get(1))
                .isEqualTo(new Seen(4, "{\"eventVersion\":\"1.08\",\"eventSource\":\"" + NEEDLE + "\"}"));
        // the same records with a space after each comma: split (or passed over) one by one, the damage shows
        Recorder spaced = split(text.replace("},{", "}, {"), SEARCH);
        assertThat(spaced.seen.stream().map(Seen::text))
                .noneMatch(t -> t.equals(some.seen.get(1).text()));
    }

    /**
     * Splits 400 generated inputs with and without the search: every record that could match must be handed over by
     * both, with the same number and bytes; {@code alsoCheck} sees both splits of each input.
     *
     * @return the rounds where the search handed over fewer records
     */
    private static int differentialRounds(
            long seed, Function<SplittableRandom, String> input, BiConsumer<Recorder, Recorder> alsoCheck)
            throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        int fewer = 0;
        for (int round = 0; round < 400; round++) {
            String text = input.apply(random);
            Recorder all = split(text, null);
            Recorder some = split(text, SEARCH);
            assertThat(some.withNeedle())
                    .as("seed %d round %d: %s", seed, round, text)
                    .isEqualTo(all.withNeedle());
            alsoCheck.accept(all, some);
            if (some.seen.size() < all.seen.size()) {
                fewer++;
            }
        }
        return fewer;
    }

    private static Recorder split(String text, NeedleSearch search) throws IOException {
        Recorder recorder = new Recorder();
        new RecordSplitter(
                        new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                        64,
                        recorder,
                        search,
                        RecordSplitter.DEFAULT_MAX_RECORD_SIZE)
                .run();
        return recorder;
    }

    private static String array(SplittableRandom random) {
        StringBuilder text = new StringBuilder("{\"Records\":[");
        int records = random.nextInt(1, 60);
        for (int i = 0; i < records; i++) {
            if (i > 0) {
                text.append(random.nextInt(8) == 0 ? " ,\n " : ",");
            }
            int kind = random.nextInt(40);
            if (kind == 0) {
                text.append("\"a scalar element\"");
            } else if (kind == 1) {
                text.append(random.nextInt(1000));
            } else if (kind == 2) {
                text.append("[1,");
                string(random, text);
                text.append(']');
            } else {
                object(random, text, 0);
            }
        }
        return text.append("]}").toString();
    }

    /**
     * A trail file in the compact form CloudTrail writes (every record opening with {@code eventVersion}, a comma
     * alone between records), now and then broken by what a rewritten file could hold: white space between records, a
     * scalar element, a member whose value opens with {@code eventVersion}. (Not: an object element that opens with
     * another member right after a comma alone, nor an array of such objects inside a record; see {@link
     * TrailRecordOpenings}.)
     */
    private static String trailFile(SplittableRandom random) {
        StringBuilder text = new StringBuilder("{\"Records\":[");
        int records = random.nextInt(1, 60);
        for (int i = 0; i < records; i++) {
            if (i > 0) {
                text.append(random.nextInt(30) == 0 ? ", " : ",");
            }
            int kind = random.nextInt(40);
            if (kind == 0) {
                text.append(random.nextInt(1000));
                continue;
            }
            text.append("{\"eventVersion\":");
            string(random, text);
            if (kind == 2) {
                text.append(",\"detail\":{\"eventVersion\":\"1.08\",\"eventSource\":\"" + NEEDLE + "\"}");
            }
            int members = random.nextInt(0, 8);
            for (int m = 0; m < members; m++) {
                text.append(",\"k").append(m).append("\":");
                if (random.nextInt(4) == 0) {
                    object(random, text, 1);
                } else {
                    string(random, text);
                }
            }
            text.append('}');
        }
        return text.append("]}").toString();
    }

    private static void object(SplittableRandom random, StringBuilder text, int depth) {
        boolean array = depth > 0 && random.nextInt(4) == 0;
        text.append(array ? '[' : '{');
        int members = random.nextInt(0, 8);
        for (int m = 0; m < members; m++) {
            if (m > 0) {
                text.append(',');
            }
            if (!array) {
                text.append('"').append("k").append(m).append("\":");
            }
            int kind = random.nextInt(10);
            if (kind < 2 && depth < 4) {
                object(random, text, depth + 1);
            } else if (kind < 4) {
                text.append(random.nextInt(100000));
            } else {
                string(random, text);
            }
        }
        text.append(array ? ']' : '}');
    }

    private static void string(SplittableRandom random, StringBuilder text) {
        String[] pieces = {
            "plain",
            "{",
            "}",
            "[",
            "]",
            "\\\"",
            "\\\\",
            "\\\\\\\"",
            ",",
            ":",
            " ",
            "x".repeat(70),
            NEEDLE,
            "\\u0041",
            "\\n"
        };
        text.append('"');
        int n = random.nextInt(0, 12);
        for (int i = 0; i < n; i++) {
            String piece = pieces[random.nextInt(pieces.length)];
            if (piece.equals(NEEDLE) && random.nextInt(6) != 0) {
                piece = "ec2.amazonaws.com";
            }
            if (piece.equals("\\u0041") && random.nextInt(4) != 0) {
                piece = "u0041";
            }
            text.append(piece);
        }
        text.append('"');
    }
}
