package io.monitron.indexer.pipeline;

/** Byte-array search for the pre-parse checks; no allocation, no charset decoding. */
final class Bytes {
    private Bytes() {}

    static boolean contains(byte[] haystack, int offset, int length, byte[] needle) {
        int last = offset + length - needle.length;
        byte first = needle[0];
        outer:
        for (int i = offset; i <= last; i++) {
            if (haystack[i] != first) {
                continue;
            }
            for (int j = 1; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
