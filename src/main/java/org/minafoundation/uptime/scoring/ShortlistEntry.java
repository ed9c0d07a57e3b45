package org.minafoundation.uptime.scoring;

/** A state hash close enough to the consensus tip, with its parent and weight (a {@code bot_logs_statehash} row). */
public record ShortlistEntry(String parentHash, String stateHash, int weight) {
}
