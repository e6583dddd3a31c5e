package io.monitron.indexer.parse;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Eight bytes at a time in one {@code long} (SWAR, "SIMD within a register"): what the byte scanners share. A word
 * read with {@link #LONGS} holds byte {@code i} of the array in bits {@code 8i .. 8i+7}; tests leave the high bit of
 * each byte that passes.
 */
final class Swar {
    /** Reads eight bytes of a byte array as one little-endian {@code long}. */
    static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    static final long LOW_BITS = 0x0101010101010101L;
    static final long HIGH_BITS = 0x8080808080808080L;
    static final long LOW_7_BITS = 0x7F7F7F7F7F7F7F7FL;

    private Swar() {}

    /** {@code b} in every byte of a word. */
    static long repeated(int b) {
        return (b & 0xffL) * LOW_BITS;
    }

    /**
     * The high bit of each byte of {@code v} that is zero; exact for the lowest such byte (borrows only move up), so
     * right for "is there any" and "where is the first".
     */
    static long zeroBytes(long v) {
        return (v - LOW_BITS) & ~v & HIGH_BITS;
    }

    /** The high bit of each byte of {@code v} that is zero, exactly. */
    static long exactZeroBytes(long v) {
        return ~(((v & LOW_7_BITS) + LOW_7_BITS) | v | LOW_7_BITS);
    }
}
