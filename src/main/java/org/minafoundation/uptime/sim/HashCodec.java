package org.minafoundation.uptime.sim;

import java.util.Optional;

/**
 * Mina-looking hashes that carry their own identity, so a verifier holding only the seed
 * can recognise any block hash read back from the database without having generated it.
 *
 * <p>Both kinds are 52 base58 characters like the real ones: state hashes start with "3N";
 * block hashes (what the uptime backend stores: a hash of the submitted block file) have no
 * fixed prefix, as in production data. The first 11 digits are an invertibly scrambled header
 * (kind, branch, slot, 16-bit seed check), the rest is seed-derived noise. A decoded header
 * is only a claim: callers regenerate the hash and compare it with the input, which ties it to
 * the seed beyond doubt.
 */
final class HashCodec {

    static final int LENGTH = 52;
    static final String STATE_PREFIX = "3N";

    private static final int BLOCK = 1;
    private static final int STATE = 2;
    private static final long TAG = 0x48415348L;

    /** Where a block sits: {@code slot} of a canonical block (branch 0) or of a fork's root (branch = depth). */
    record Position(int slot, int branch) {
    }

    private final long seed;
    private final long seedKey;

    HashCodec(long seed) {
        this.seed = seed;
        this.seedKey = Mix.hash(seed, TAG);
    }

    String blockHash(int slot, int branch) {
        return encode("", BLOCK, slot, branch);
    }

    String stateHash(int slot, int branch) {
        return encode(STATE_PREFIX, STATE, slot, branch);
    }

    /** The position a block hash claims, if it is shaped like one of this seed's block hashes. */
    Optional<Position> decodeBlockHash(String hash) {
        if (hash == null || hash.length() != LENGTH) {
            return Optional.empty();
        }
        long header;
        try {
            header = Mix.unmix(Base58.parse(hash, 0, Base58.LONG_WIDTH)) ^ seedKey;
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        int kind = (int) (header >>> 56);
        int branch = (int) (header >>> 48) & 0xFF;
        int slot = (int) (header >>> 16);
        if (kind != BLOCK || slot < 0 || (header & 0xFFFF) != check(kind, slot, branch)) {
            return Optional.empty();
        }
        return Optional.of(new Position(slot, branch));
    }

    /** A block-hash-shaped string that names no block of any chain: what an invalid submitter sends. */
    static String garbageBlockHash(long noise) {
        StringBuilder out = new StringBuilder(LENGTH);
        Base58.appendNoise(out, noise, LENGTH);
        return out.toString();
    }

    private String encode(String prefix, int kind, int slot, int branch) {
        long header = ((long) kind << 56) | ((long) (branch & 0xFF) << 48) | ((slot & 0xFFFFFFFFL) << 16)
                | check(kind, slot, branch);
        StringBuilder out = new StringBuilder(LENGTH);
        out.append(prefix);
        Base58.append(out, Mix.mix(header ^ seedKey), Base58.LONG_WIDTH);
        Base58.appendNoise(out, Mix.hash(seed, TAG, header), LENGTH - out.length());
        return out.toString();
    }

    private long check(int kind, int slot, int branch) {
        return Mix.hash(seed, kind, slot, branch) & 0xFFFF;
    }
}
