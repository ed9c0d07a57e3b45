package org.minafoundation.uptime.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A deterministic Mina-like chain for one seed, computed on demand for any time: 3-minute
 * slots since mainnet genesis, a canonical block in about 75% of slots (see
 * {@link CanonicalSlots}), and in about 4% of canonical slots a minority fork of one or two
 * blocks that branches off that block and is never extended.
 *
 * <p>Thread-safe; two instances with the same seed agree on every block and hash, so a
 * verifier in another process recognises the hashes a network wrote.
 */
public final class SimulatedChain {

    public static final Instant GENESIS = Instant.parse("2021-03-17T00:00:00Z");
    public static final Duration SLOT = Duration.ofMinutes(3);
    /** A fork counts as alive for this many slots (2 hours) after the block it branches from. */
    public static final int FORK_LIFETIME_SLOTS = 40;

    private static final int FORK_PER_10000 = 400;
    private static final long FORK_TAG = 0x464F524BL;
    private static final int CACHED_BLOCKS = 8192;

    private final long seed;
    private final CanonicalSlots slots;
    private final HashCodec hashes;
    private final String genesisParent;
    private final Map<Long, Block> blocks = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Block> eldest) {
            return size() > CACHED_BLOCKS;
        }
    };

    public SimulatedChain(long seed) {
        this.seed = seed;
        this.slots = new CanonicalSlots(seed);
        this.hashes = new HashCodec(seed);
        this.genesisParent = hashes.stateHash(0, 0xFF);
    }

    public long seed() {
        return seed;
    }

    /** The global slot containing {@code t}. */
    public static long slotAt(Instant t) {
        if (t.isBefore(GENESIS)) {
            throw new IllegalArgumentException("before genesis: " + t);
        }
        return Duration.between(GENESIS, t).toSeconds() / SLOT.toSeconds();
    }

    public static Instant slotStart(long slot) {
        return GENESIS.plus(SLOT.multipliedBy(slot));
    }

    /** The newest canonical block produced at or before {@code t}. */
    public Block tipAt(Instant t) {
        return canonicalAtSlot(slots.lastFilledAtOrBefore(slotAt(t)));
    }

    /** The canonical block at {@code height} (genesis is height 1). */
    public Block canonicalAtHeight(long height) {
        if (height < 1) {
            throw new IllegalArgumentException("no block at height " + height);
        }
        return canonicalAtSlot(slots.slotOfHeight(height));
    }

    /**
     * The ancestor {@code n} blocks back on {@code b}'s branch: canonical once {@code n}
     * reaches past a fork block's depth, a block of the same fork before that.
     */
    public Block canonicalBefore(Block b, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("negative distance " + n);
        }
        if (n == 0) {
            return b;
        }
        if (!b.canonical()) {
            HashCodec.Position at = hashes.decodeBlockHash(b.blockHash()).orElseThrow();
            if (n < at.branch()) {
                return forkBlock(at.slot(), at.branch() - n);
            }
        }
        return canonicalAtHeight(b.height() - n);
    }

    /** A fork block alive at {@code t}: the newest one of a fork branching off within {@link #FORK_LIFETIME_SLOTS}. */
    public Optional<Block> forkAt(Instant t) {
        return latestFork(t, FORK_LIFETIME_SLOTS);
    }

    /**
     * The deepest block, produced by {@code t}, of the newest fork branching off within
     * {@code slotsBack} slots before {@code t}: the block a node stuck on that fork would have.
     */
    public Optional<Block> latestFork(Instant t, int slotsBack) {
        long now = slotAt(t);
        for (long root = now - 1; root >= Math.max(0, now - slotsBack); root--) {
            int depth = forkDepth(root);
            for (int d = depth; d >= 1; d--) {
                if (forkSlot(root, d) <= now) {
                    return Optional.of(forkBlock((int) root, d));
                }
            }
        }
        return Optional.empty();
    }

    /** Any block of this chain, canonical or fork, from its block hash alone; empty for anything else. */
    public Optional<Block> byBlockHash(String blockHash) {
        Optional<HashCodec.Position> position = hashes.decodeBlockHash(blockHash);
        if (position.isEmpty()) {
            return Optional.empty();
        }
        int slot = position.get().slot();
        int branch = position.get().branch();
        Block block;
        if (branch == 0 && slots.filled(slot)) {
            block = canonicalAtSlot(slot);
        } else if (branch >= 1 && branch <= forkDepth(slot)) {
            block = forkBlock(slot, branch);
        } else {
            return Optional.empty();
        }
        return block.blockHash().equals(blockHash) ? Optional.of(block) : Optional.empty();
    }

    /** 0 if no fork branches off {@code root}, else its length (1 or 2). */
    int forkDepth(long root) {
        // The cheap hash first: only the few fork candidates need the chunk layout.
        if (Mix.below(Mix.hash(seed, FORK_TAG, root), 10_000) >= FORK_PER_10000 || !slots.filled(root)) {
            return 0;
        }
        return Mix.below(Mix.hash(seed, FORK_TAG, root, 2), 10) < 4 ? 2 : 1;
    }

    /** Fork blocks follow their parent by one or two slots. */
    private long forkSlot(long root, int depth) {
        long slot = root;
        for (int d = 1; d <= depth; d++) {
            slot += 1 + (Mix.hash(seed, FORK_TAG, root, 3, d) & 1);
        }
        return slot;
    }

    private Block canonicalAtSlot(long slot) {
        return cached(slot << 2, () -> {
            long height = slots.height(slot);
            // The parent's hash straight from its slot: building the parent block would recurse to genesis.
            String parent = height == 1 ? genesisParent : hashes.stateHash((int) slots.slotOfHeight(height - 1), 0);
            return new Block(hashes.blockHash((int) slot, 0), hashes.stateHash((int) slot, 0), parent, height,
                    (int) slot, true);
        });
    }

    private Block forkBlock(int root, int depth) {
        return cached(((long) root << 2) | depth, () -> {
            Block parent = depth == 1 ? canonicalAtSlot(root) : forkBlock(root, depth - 1);
            return new Block(hashes.blockHash(root, depth), hashes.stateHash(root, depth), parent.stateHash(),
                    parent.height() + 1, (int) forkSlot(root, depth), false);
        });
    }

    private Block cached(long key, Supplier<Block> make) {
        synchronized (blocks) {
            Block block = blocks.get(key);
            if (block != null) {
                return block;
            }
        }
        Block block = make.get(); // outside the lock: making a block may make its parent
        synchronized (blocks) {
            blocks.put(key, block);
        }
        return block;
    }
}
