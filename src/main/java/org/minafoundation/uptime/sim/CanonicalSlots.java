package org.minafoundation.uptime.sim;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Which global slots hold a canonical block, and the height of each, for any slot without
 * walking from genesis.
 *
 * <p>Slots are grouped in chunks of {@value #CHUNK} and every chunk holds exactly
 * {@value #FILLED} canonical blocks (75%) at seed-shuffled positions. Fixing the count per
 * chunk makes the height of a block exact and O(chunk): the blocks of all earlier chunks
 * plus its rank inside its own chunk. Empty slots still fall at random within a chunk. Slot
 * 0 always holds the genesis block, height 1.
 */
final class CanonicalSlots {

    static final int CHUNK = 1024;
    static final int FILLED = 768;
    private static final long TAG = 0x534C4F54L;
    private static final int CACHED_CHUNKS = 256;

    /** One chunk's layout: a bitmap of filled positions and the filled positions in order. */
    private record Chunk(long[] bits, int[] positions) {

        boolean filled(int position) {
            return (bits[position >>> 6] & (1L << position)) != 0;
        }

        /** Filled positions at or before {@code position}. */
        int rank(int position) {
            int word = position >>> 6;
            int count = 0;
            for (int i = 0; i < word; i++) {
                count += Long.bitCount(bits[i]);
            }
            long mask = (position & 63) == 63 ? -1L : (1L << ((position & 63) + 1)) - 1;
            return count + Long.bitCount(bits[word] & mask);
        }
    }

    private final long seed;
    private volatile IndexedChunk last;
    private final Map<Long, Chunk> cache = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Chunk> eldest) {
            return size() > CACHED_CHUNKS;
        }
    };

    CanonicalSlots(long seed) {
        this.seed = seed;
    }

    boolean filled(long slot) {
        return slot >= 0 && chunk(slot / CHUNK).filled((int) (slot % CHUNK));
    }

    /** Height of the canonical block at a filled slot. */
    long height(long slot) {
        return slot / CHUNK * FILLED + chunk(slot / CHUNK).rank((int) (slot % CHUNK));
    }

    /** The newest filled slot at or before {@code slot} (slot 0 is always filled). */
    long lastFilledAtOrBefore(long slot) {
        long index = slot / CHUNK;
        Chunk chunk = chunk(index);
        int rank = chunk.rank((int) (slot % CHUNK));
        if (rank > 0) {
            return index * CHUNK + chunk.positions()[rank - 1];
        }
        return (index - 1) * CHUNK + chunk(index - 1).positions()[FILLED - 1];
    }

    /** The slot of the canonical block at {@code height} (at least 1). */
    long slotOfHeight(long height) {
        long index = (height - 1) / FILLED;
        return index * CHUNK + chunk(index).positions()[(int) ((height - 1) % FILLED)];
    }

    private Chunk chunk(long index) {
        // Queries cluster in time, so the last chunk used answers most of them without the lock.
        IndexedChunk last = this.last;
        if (last != null && last.index() == index) {
            return last.chunk();
        }
        Chunk chunk;
        synchronized (cache) {
            chunk = cache.computeIfAbsent(index, this::layout);
        }
        this.last = new IndexedChunk(index, chunk);
        return chunk;
    }

    private record IndexedChunk(long index, Chunk chunk) {
    }

    /** A seeded Fisher-Yates shuffle picks the chunk's filled positions. */
    private Chunk layout(long index) {
        int[] order = new int[CHUNK];
        for (int i = 0; i < CHUNK; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(Mix.hash(seed, TAG, index));
        for (int i = CHUNK - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        if (index == 0) {
            // Genesis at slot 0: swap position 0 into the filled part if the shuffle left it out.
            for (int i = FILLED; i < CHUNK; i++) {
                if (order[i] == 0) {
                    order[i] = order[0];
                    order[0] = 0;
                }
            }
        }
        long[] bits = new long[CHUNK / 64];
        for (int i = 0; i < FILLED; i++) {
            bits[order[i] >>> 6] |= 1L << order[i];
        }
        int[] positions = new int[FILLED];
        int n = 0;
        for (int p = 0; p < CHUNK; p++) {
            if ((bits[p >>> 6] & (1L << p)) != 0) {
                positions[n++] = p;
            }
        }
        return new Chunk(bits, positions);
    }
}
