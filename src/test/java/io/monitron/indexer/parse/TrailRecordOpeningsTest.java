package io.monitron.indexer.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TrailRecordOpeningsTest {
    private static final String OPENING = "{\"eventVersion\":";
    private static final String SEPARATED = "}," + OPENING;

    @Test
    void findsTheLastSeparatedOpeningAndCountsTheRecordsBeforeIt() {
        String text = "{\"Records\":[{\"eventVersion\":\"1.08\",\"a\":{\"b\":1}},{\"eventVersion\":\"1.08\"},"
                + "{\"eventVersion\":\"1.09\",\"c\":\"x\"}]}";
        byte[] bytes = bytes(text);
        int first = text.indexOf(OPENING);
        int second = text.indexOf(SEPARATED) + 2;
        int third = text.lastIndexOf(SEPARATED) + 2;
        assertThat(TrailRecordOpenings.lastSeparated(bytes, first, bytes.length))
                .isEqualTo(third);
        assertThat(TrailRecordOpenings.recordsBetween(bytes, first, third)).isEqualTo(2);
        assertThat(TrailRecordOpenings.recordsBetween(bytes, second, third)).isEqualTo(1);
        // an opening must lie wholly within the range, its "}," included
        assertThat(TrailRecordOpenings.lastSeparated(bytes, first, third + OPENING.length() - 1))
                .isEqualTo(second);
        assertThat(TrailRecordOpenings.lastSeparated(bytes, second - 1, bytes.length))
                .isEqualTo(third);
        assertThat(TrailRecordOpenings.lastSeparated(bytes, third - 1, bytes.length))
                .isEqualTo(-1);
        assertThat(TrailRecordOpenings.opensAt(bytes, first, bytes.length)).isTrue();
        assertThat(TrailRecordOpenings.opensAt(bytes, first - 1, bytes.length)).isFalse();
        assertThat(TrailRecordOpenings.opensAt(bytes, first, first + 10)).isFalse();
    }

    @Test
    void escapedOrSpacedLookAlikesAreNotSeparatedOpenings() {
        byte[] bytes = bytes("{\"eventVersion\":0,\"m\":\"},{\\\"eventVersion\\\":\"}, {\"eventVersion\":1},\n"
                + "{\"eventVersion\":2},{\"eventversion\":3}");
        assertThat(TrailRecordOpenings.lastSeparated(bytes, 0, bytes.length)).isEqualTo(-1);
    }

    @Test
    void recordsNotAllInTheCompactFormAreNotCounted() {
        String compact = "{\"eventVersion\":1},{\"eventVersion\":2},{\"eventVersion\":3}";
        assertThat(TrailRecordOpenings.recordsBetween(bytes(compact), 0, compact.length()))
                .isEqualTo(3);
        for (String irregular : new String[] {
            "{\"eventVersion\":1}, {\"eventVersion\":2},{\"eventVersion\":3}",
            "{\"eventVersion\":1},42,{\"eventVersion\":2},{\"eventVersion\":3}",
            "{\"eventVersion\":1,\"detail\":{\"eventVersion\":9}},{\"eventVersion\":2}",
            "{\"other\":1},{\"eventVersion\":2},{\"eventVersion\":3}",
        }) {
            assertThat(TrailRecordOpenings.recordsBetween(bytes(irregular), 0, irregular.length()))
                    .as(irregular)
                    .isEqualTo(-1);
        }
    }

    @Test
    void findsWhereAnObjectEndsByItsStringsAndNesting() {
        String text = "{\"a\":\"}\\\"}\\\\\",\"b\":[{},{\"c\":\"]\"}]},{\"eventVersion\":1}";
        byte[] bytes = bytes(text);
        int end = text.indexOf("},{\"eventVersion\"") + 1;
        assertThat(TrailRecordOpenings.endOfObject(bytes, 0, bytes.length)).isEqualTo(end);
        assertThat(TrailRecordOpenings.endOfObject(bytes, 0, end)).isEqualTo(end);
        assertThat(TrailRecordOpenings.endOfObject(bytes, 0, end - 1)).isEqualTo(-1);
        assertThat(TrailRecordOpenings.endOfObject(bytes, end + 1, bytes.length))
                .isEqualTo(bytes.length);
    }

    @Test
    void agreesWithANaiveSearchAtEveryAlignmentAndRange() {
        long seed = 20261125L;
        SplittableRandom random = new SplittableRandom(seed);
        String[] pieces = {SEPARATED, SEPARATED, OPENING, "},{\"event", "Version\":", "}", ",", "{", "\"", "x", "yz"};
        for (int round = 0; round < 5000; round++) {
            StringBuilder text = new StringBuilder();
            for (int n = random.nextInt(0, 40); n > 0; n--) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            byte[] bytes = bytes(text.toString());
            int from = random.nextInt(0, bytes.length + 1);
            int to = random.nextInt(from, bytes.length + 1);
            String range = text.substring(from, to);
            int naiveLast = range.lastIndexOf(SEPARATED);
            assertThat(TrailRecordOpenings.lastSeparated(bytes, from, to))
                    .as("seed %d round %d: last in [%d, %d) of %s", seed, round, from, to, text)
                    .isEqualTo(naiveLast < 0 ? -1 : from + naiveLast + 2);
            assertThat(TrailRecordOpenings.recordsBetween(bytes, from, to))
                    .as("seed %d round %d: records in [%d, %d) of %s", seed, round, from, to, text)
                    .isEqualTo(naiveRecords(range));
        }
    }

    /** Openings in the range, when the first is at its start and every other one follows "},"; else -1. */
    private static int naiveRecords(String range) {
        if (!range.startsWith(OPENING)) {
            return -1;
        }
        int openings = 0;
        for (int at = range.indexOf(OPENING); at >= 0; at = range.indexOf(OPENING, at + OPENING.length())) {
            openings++;
            if (at > 0 && !(at >= 2 && range.startsWith("},", at - 2))) {
                return -1;
            }
        }
        return openings;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
