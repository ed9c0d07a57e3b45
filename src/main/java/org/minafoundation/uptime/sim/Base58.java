package org.minafoundation.uptime.sim;

/**
 * Fixed-width base58 (Bitcoin alphabet, as Mina uses) of 64-bit groups. Fixed width keeps
 * every simulated hash and key at its real length, and long arithmetic instead of
 * BigInteger keeps millions of generated rows cheap.
 */
final class Base58 {

    static final String ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    /** Characters that hold any unsigned 64-bit value: 58^11 > 2^64. */
    static final int LONG_WIDTH = 11;

    private static final int[] DIGIT = new int[128];

    static {
        java.util.Arrays.fill(DIGIT, -1);
        for (int i = 0; i < ALPHABET.length(); i++) {
            DIGIT[ALPHABET.charAt(i)] = i;
        }
    }

    private Base58() {
    }

    /** Appends {@code value} (unsigned) as exactly {@code width} digits, most significant first. */
    static void append(StringBuilder out, long value, int width) {
        char[] digits = new char[width];
        for (int i = width - 1; i >= 0; i--) {
            digits[i] = ALPHABET.charAt((int) Long.remainderUnsigned(value, 58));
            value = Long.divideUnsigned(value, 58);
        }
        if (value != 0) {
            throw new IllegalArgumentException("value does not fit in " + width + " base58 digits");
        }
        out.append(digits);
    }

    /**
     * The unsigned value of {@code width} digits at {@code from}.
     *
     * @throws NumberFormatException on a character outside the alphabet or a value over 64 bits
     */
    static long parse(CharSequence text, int from, int width) {
        long value = 0;
        for (int i = from; i < from + width; i++) {
            char ch = text.charAt(i);
            int digit = ch < 128 ? DIGIT[ch] : -1;
            if (digit < 0) {
                throw new NumberFormatException("not base58: " + ch);
            }
            if (Long.compareUnsigned(value, Long.divideUnsigned(-1L - digit, 58)) > 0) {
                throw new NumberFormatException("over 64 bits");
            }
            value = value * 58 + digit;
        }
        return value;
    }

    /** {@code width} digits of base58 noise drawn from {@code seedHash}; any length. */
    static void appendNoise(StringBuilder out, long seedHash, int width) {
        long h = seedHash;
        int left = width;
        while (left > 0) {
            h = Mix.mix(h + 0x9E3779B97F4A7C15L);
            int digits = Math.min(left, NOISE_DIGITS);
            // Ten digits of a uniformly random long are close to uniform (58^10 is far below 2^64).
            append(out, Long.remainderUnsigned(h, POW58[digits]), digits);
            left -= digits;
        }
    }

    private static final int NOISE_DIGITS = 10;
    private static final long[] POW58 = new long[NOISE_DIGITS + 1];

    static {
        POW58[0] = 1;
        for (int i = 1; i <= NOISE_DIGITS; i++) {
            POW58[i] = POW58[i - 1] * 58;
        }
    }
}
