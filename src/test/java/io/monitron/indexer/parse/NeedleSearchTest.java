package io.monitron.indexer.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NeedleSearchTest {
    private static final NeedleSearch MONITRON = NeedleSearch.of(List.of("monitron.amazonaws.com"), false);

    @Test
    void reportsTheEndOfTheLastOccurrenceWithinTheRangeOnly() {
        byte[] text = "xx monitron.amazonaws.com yy monitron.amazonaws.com".getBytes(StandardCharsets.UTF_8);
        assertThat(MONITRON.endOfLast(text, 0, text.length)).isEqualTo(text.length);
        assertThat(MONITRON.endOfLast(text, 0, text.length - 1)).isEqualTo(25);
        assertThat(MONITRON.foundIn(text, 0, 24)).isFalse();
        assertThat(MONITRON.foundIn(text, 0, 25)).isTrue();
        assertThat(MONITRON.foundIn(text, 4, 50)).isFalse();
        assertThat(MONITRON.foundIn(new byte[0], 0, 0)).isFalse();
    }

    @Test
    void findsAnOccurrenceFarFromTheEndThroughTheBlockFilter() {
        StringBuilder text = new StringBuilder("{\"eventSource\":\"monitron.amazonaws.com\"}");
        text.append("{\"eventSource\":\"s3.amazonaws.com\",\"userAgent\":\"console.amazonaws.com\"}".repeat(200));
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        assertThat(MONITRON.endOfLast(bytes, 0, bytes.length)).isEqualTo(38);
    }

    @Test
    void reportsUnicodeEscapesOnlyWhenAsked() {
        byte[] text = "{\"eventSource\":\"\\u006donitron.amazonaws.com\"} and more text after it"
                .getBytes(StandardCharsets.UTF_8);
        NeedleSearch withEscapes = NeedleSearch.of(List.of("monitron.amazonaws.com"), true);
        assertThat(MONITRON.foundIn(text, 0, text.length)).isFalse();
        assertThat(withEscapes.endOfLast(text, 0, text.length)).isEqualTo(18);
    }

    @Test
    void agreesWithANaiveSearchOnRandomInput() {
        long seed = 20261125L;
        SplittableRandom random = new SplittableRandom(seed);
        String alphabet = "ab.\\u\"";
        for (int round = 0; round < 3000; round++) {
            byte[] hay = randomBytes(random, alphabet, random.nextInt(0, 1200));
            List<byte[]> needles = new ArrayList<>();
            List<String> texts = new ArrayList<>();
            for (int n = random.nextInt(1, 3); n > 0; n--) {
                byte[] needle = randomBytes(random, alphabet, random.nextInt(1, 12));
                needles.add(needle);
                texts.add(new String(needle, StandardCharsets.UTF_8));
            }
            boolean escapes = random.nextBoolean();
            int from = hay.length == 0 ? 0 : random.nextInt(0, hay.length);
            NeedleSearch search = NeedleSearch.of(texts, escapes);
            assertThat(search.endOfLast(hay, from, hay.length))
                    .as("seed %d round %d", seed, round)
                    .isEqualTo(naiveEndOfLast(hay, from, needles, escapes));
            assertThat(search.startOfFirst(hay, from, hay.length))
                    .as("seed %d round %d", seed, round)
                    .isEqualTo(naiveStartOfFirst(hay, from, needles, escapes));
        }
    }

    private static byte[] randomBytes(SplittableRandom random, String alphabet, int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) alphabet.charAt(random.nextInt(alphabet.length()));
        }
        return bytes;
    }

    private static int naiveEndOfLast(byte[] hay, int from, List<byte[]> needles, boolean escapes) {
        for (int s = hay.length - 1; s >= from; s--) {
            if (escapes && hay[s] == '\\' && s + 1 < hay.length && hay[s + 1] == 'u') {
                return s + 2;
            }
            for (byte[] needle : needles) {
                if (startsAt(hay, s, needle)) {
                    return s + needle.length;
                }
            }
        }
        return -1;
    }

    private static int naiveStartOfFirst(byte[] hay, int from, List<byte[]> needles, boolean escapes) {
        for (int s = from; s < hay.length; s++) {
            if (escapes && hay[s] == '\\' && s + 1 < hay.length && hay[s + 1] == 'u') {
                return s;
            }
            for (byte[] needle : needles) {
                if (startsAt(hay, s, needle)) {
                    return s;
                }
            }
        }
        return -1;
    }

    private static boolean startsAt(byte[] hay, int s, byte[] needle) {
        if (s + needle.length > hay.length) {
            return false;
        }
        for (int j = 0; j < needle.length; j++) {
            if (hay[s + j] != needle[j]) {
                return false;
            }
        }
        return true;
    }
}
