package org.minafoundation.uptime.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The simulated chain is one consistent chain, computable anywhere, and recognises its own hashes only. */
class SimulatedChainTest {

    private static final long SEED = 42;
    /** Far from genesis, across several 1024-slot chunks. */
    private static final long FIRST_SLOT = SimulatedChain.slotAt(Instant.parse("2026-01-15T00:00:00Z"));
    private static final int SLOTS = 5_000;

    private final SimulatedChain chain = new SimulatedChain(SEED);

    @Test
    void genesisIsTheFirstBlock() {
        Block genesis = chain.tipAt(SimulatedChain.GENESIS);
        assertEquals(1, genesis.height());
        assertEquals(0, genesis.globalSlot());
        assertEquals(genesis, chain.canonicalAtHeight(1));
    }

    @Test
    void heightsRiseByOnePerCanonicalBlockAndParentsLink() {
        Block previous = chain.tipAt(SimulatedChain.slotStart(FIRST_SLOT - 1));
        int filled = 0;
        for (long slot = FIRST_SLOT; slot < FIRST_SLOT + SLOTS; slot++) {
            Block tip = chain.tipAt(SimulatedChain.slotStart(slot).plusSeconds(179));
            assertTrue(tip.canonical());
            if (tip.globalSlot() == slot) {
                filled++;
                assertEquals(previous.height() + 1, tip.height(), "a new block at slot " + slot);
                assertEquals(previous.stateHash(), tip.parentStateHash(), "parent of height " + tip.height());
                assertEquals(tip, chain.canonicalAtHeight(tip.height()));
            } else {
                assertEquals(previous, tip, "an empty slot " + slot + " keeps the tip");
            }
            previous = tip;
        }
        double share = filled / (double) SLOTS;
        assertTrue(share > 0.7 && share < 0.8, "about 75% of slots hold a block: " + share);
    }

    @Test
    void canonicalBeforeWalksParents() {
        Block tip = chain.tipAt(SimulatedChain.slotStart(FIRST_SLOT));
        Block walked = tip;
        for (int n = 1; n <= 20; n++) {
            Block ancestor = chain.canonicalBefore(tip, n);
            assertEquals(walked.parentStateHash(), ancestor.stateHash());
            assertEquals(tip.height() - n, ancestor.height());
            walked = ancestor;
        }
    }

    @Test
    void forksAreShortMinorityBranchesOffCanonicalBlocks() {
        Map<String, Block> forks = forkBlocks();
        double perSlot = forks.size() / (double) SLOTS;
        assertTrue(perSlot > 0.01 && perSlot < 0.08, "a few % of slots: " + perSlot);
        for (Block fork : forks.values()) {
            assertFalse(fork.canonical());
            Block canonicalTwin = chain.canonicalAtHeight(fork.height());
            assertNotEquals(canonicalTwin.blockHash(), fork.blockHash());
            assertNotEquals(canonicalTwin.stateHash(), fork.stateHash());
            Block parent = chain.canonicalBefore(fork, 1);
            assertEquals(parent.stateHash(), fork.parentStateHash());
            assertEquals(fork.height() - 1, parent.height());
            assertTrue(parent.globalSlot() < fork.globalSlot());
            // Within two blocks of its root: the fork's base is canonical.
            assertTrue(parent.canonical() || chain.canonicalBefore(fork, 2).canonical());
            // Never extended: no canonical block descends from a fork block.
            Block next = chain.canonicalAtHeight(fork.height() + 1);
            assertNotEquals(fork.stateHash(), next.parentStateHash());
        }
    }

    @Test
    void byBlockHashRoundTripsEveryBlockEvenInAFreshInstance() {
        SimulatedChain elsewhere = new SimulatedChain(SEED);
        List<Block> blocks = new ArrayList<>(forkBlocks().values());
        for (long slot = FIRST_SLOT; slot < FIRST_SLOT + SLOTS; slot += 7) {
            blocks.add(chain.tipAt(SimulatedChain.slotStart(slot)));
        }
        for (Block block : blocks) {
            assertEquals(Optional.of(block), elsewhere.byBlockHash(block.blockHash()));
            assertEquals(HashCodec.LENGTH, block.blockHash().length());
            assertEquals(HashCodec.LENGTH, block.stateHash().length());
            assertTrue(block.stateHash().startsWith("3N"));
        }
    }

    @Test
    void garbageAndOtherSeedsHashesAreUnknown() {
        Block block = chain.tipAt(SimulatedChain.slotStart(FIRST_SLOT));
        String hash = block.blockHash();
        SplittableRandom random = new SplittableRandom(7);
        List<String> garbage = new ArrayList<>(List.of("", "3N", "not a hash", block.stateHash(),
                hash.substring(1), hash + "1", hash.replace(hash.charAt(20), hash.charAt(20) == 'z' ? 'y' : 'z'),
                new SimulatedChain(SEED + 1).tipAt(block.producedAt()).blockHash()));
        for (int i = 0; i < 1000; i++) {
            garbage.add(HashCodec.garbageBlockHash(random.nextLong()));
        }
        garbage.add(null);
        for (String g : garbage) {
            assertEquals(Optional.empty(), chain.byBlockHash(g), String.valueOf(g));
        }
    }

    /** Every fork block alive at some slot of the test range, by block hash. */
    private Map<String, Block> forkBlocks() {
        Map<String, Block> forks = new LinkedHashMap<>();
        for (long slot = FIRST_SLOT; slot < FIRST_SLOT + SLOTS; slot++) {
            chain.forkAt(SimulatedChain.slotStart(slot)).ifPresent(b -> forks.put(b.blockHash(), b));
        }
        return forks;
    }
}
