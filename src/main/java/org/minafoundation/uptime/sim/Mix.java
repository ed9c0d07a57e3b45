package org.minafoundation.uptime.sim;

/**
 * Stateless 64-bit hashing. Every random decision of the simulation is a hash of the seed
 * and the decision's coordinates (slot, producer, cycle...), so any part of the simulated
 * history can be computed on its own, in any order, in any process, with the same result.
 */
final class Mix {

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private static final long C1 = 0xff51afd7ed558ccdL;
    private static final long C2 = 0xc4ceb9fe1a85ec53L;
    private static final long C1_INVERSE = inverse(C1);
    private static final long C2_INVERSE = inverse(C2);

    private Mix() {
    }

    /** MurmurHash3's 64-bit finaliser: a bijection, so {@link #unmix} can undo it. */
    static long mix(long k) {
        k ^= k >>> 33;
        k *= C1;
        k ^= k >>> 33;
        k *= C2;
        k ^= k >>> 33;
        return k;
    }

    static long unmix(long k) {
        k ^= k >>> 33; // a shift of 32 or more undoes itself
        k *= C2_INVERSE;
        k ^= k >>> 33;
        k *= C1_INVERSE;
        k ^= k >>> 33;
        return k;
    }

    static long hash(long seed, long a) {
        return mix(mix(seed + GOLDEN) + GOLDEN * (a + 1));
    }

    static long hash(long seed, long a, long b) {
        return mix(hash(seed, a) + GOLDEN * (b + 1));
    }

    static long hash(long seed, long a, long b, long c) {
        return mix(hash(seed, a, b) + GOLDEN * (c + 1));
    }

    static long hash(long seed, long a, long b, long c, long d) {
        return mix(hash(seed, a, b, c) + GOLDEN * (d + 1));
    }

    /** A value in {@code [0, bound)} from a hash (bound much smaller than 2^63, so the bias is negligible). */
    static long below(long hash, long bound) {
        return Long.remainderUnsigned(hash, bound);
    }

    /** Multiplicative inverse of an odd number modulo 2^64 by Newton's iteration. */
    private static long inverse(long odd) {
        long x = odd; // correct to 3 bits; each step doubles the correct bits
        for (int i = 0; i < 5; i++) {
            x *= 2 - odd * x;
        }
        return x;
    }
}
