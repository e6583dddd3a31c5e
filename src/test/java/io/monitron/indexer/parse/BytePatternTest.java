package io.monitron.indexer.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BytePatternTest {
    @Test
    void findsTheFirstOccurrenceWithinTheRangeOnly() {
        byte[] text = "xx monitron.amazonaws.com yy monitron.amazonaws.com".getBytes(StandardCharsets.UTF_8);
        BytePattern p = BytePattern.of("monitron.amazonaws.com");
        assertThat(p.indexIn(text, 0, text.length)).isEqualTo(3);
        assertThat(p.indexIn(text, 4, text.length - 4)).isEqualTo(29);
        assertThat(p.foundIn(text, 0, 24)).isFalse();
        assertThat(p.foundIn(text, 0, 25)).isTrue();
        assertThat(p.foundIn(new byte[0], 0, 0)).isFalse();
    }

    @Test
    void agreesWithANaiveSearchOnRandomInput() {
        long seed = 20261124L;
        SplittableRandom random = new SplittableRandom(seed);
        for (int round = 0; round < 2000; round++) {
            byte[] hay = new byte[random.nextInt(0, 200)];
            for (int i = 0; i < hay.length; i++) {
                hay[i] = (byte) ("ab\\u\"".charAt(random.nextInt(5)));
            }
            byte[] needle = new byte[random.nextInt(1, 5)];
            for (int i = 0; i < needle.length; i++) {
                needle[i] = (byte) ("ab\\u\"".charAt(random.nextInt(5)));
            }
            assertThat(BytePattern.of(needle).indexIn(hay, 0, hay.length))
                    .as("seed %d round %d", seed, round)
                    .isEqualTo(naive(hay, needle));
        }
    }

    private static int naive(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
