package io.monitron.indexer.samples;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The generator's only source of randomness: one seeded stream, so a seed and a spec always give the same output.
 * Never consult the wall clock or {@code Math.random()} anywhere in the generator.
 */
final class SeededRandom {
    private static final char[] ALPHANUMERIC =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final char[] UPPER_ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final SplittableRandom random;

    SeededRandom(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** A uniform int in {@code [0, bound)}. */
    int below(int bound) {
        return random.nextInt(bound);
    }

    /** A uniform int in {@code [min, max]}. */
    int between(int min, int max) {
        return min + random.nextInt(max - min + 1);
    }

    double fraction() {
        return random.nextDouble();
    }

    boolean chance(double probability) {
        return random.nextDouble() < probability;
    }

    <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    @SafeVarargs
    final <T> T pickOne(T... values) {
        return values[random.nextInt(values.length)];
    }

    /** A random (version 4) UUID, the shape of eventID and most requestIDs. */
    String uuid() {
        long high = (random.nextLong() & 0xffffffffffff0fffL) | 0x0000000000004000L;
        long low = (random.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return hex(high >>> 32, 8) + "-" + hex(high >>> 16, 4) + "-" + hex(high, 4) + "-" + hex(low >>> 48, 4) + "-"
                + hex(low, 12);
    }

    String alphanumeric(int length) {
        return fromAlphabet(ALPHANUMERIC, length);
    }

    /** Upper-case letters and digits 2-7, the alphabet of IAM unique ids and access key ids. */
    String upperAlphanumeric(int length) {
        return fromAlphabet(UPPER_ALPHANUMERIC, length);
    }

    String hex(int length) {
        return fromAlphabet(HEX, length);
    }

    private String fromAlphabet(char[] alphabet, int length) {
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = alphabet[random.nextInt(alphabet.length)];
        }
        return new String(chars);
    }

    private static String hex(long value, int digits) {
        String text = Long.toHexString(value & (digits == 16 ? -1L : (1L << (digits * 4)) - 1));
        return "0".repeat(digits - text.length()) + text;
    }
}
