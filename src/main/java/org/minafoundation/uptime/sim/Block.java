package org.minafoundation.uptime.sim;

import java.time.Instant;

/**
 * A block of the simulated chain, canonical or on a short-lived fork.
 *
 * @param blockHash what the uptime backend stores in {@code submissions.block_hash}
 * @param stateHash what the verifier writes to {@code submissions.state_hash}
 * @param parentStateHash the state hash of the block this one extends
 */
public record Block(String blockHash, String stateHash, String parentStateHash, long height, int globalSlot,
        boolean canonical) {

    /** When the block was produced: the start of its slot. */
    public Instant producedAt() {
        return SimulatedChain.slotStart(globalSlot);
    }
}
