package org.minafoundation.uptime.model;

import java.time.Instant;

/** A row of submission storage as the verifier left it; any verifier column may be null. Never the block or SNARK work. */
public record StoredSubmission(
        Instant submittedAt,
        String submitter,
        Instant createdAt,
        String stateHash,
        String parent,
        Long height,
        Integer slot,
        String validationError,
        Boolean verified,
        Backend backend) {

    /** What the uptime backend recorded besides the verifier's columns (copied along from Cassandra). */
    public record Backend(String blockHash, String remoteAddr, String peerId, Integer graphqlControlPort,
            String builtWithCommitSha) {

        public static final Backend NONE = new Backend(null, null, null, null, null);
    }

    /** Verified and without a validation error: the verifier accepted it (SPEC §5). */
    public boolean valid() {
        return Boolean.TRUE.equals(verified) && (validationError == null || validationError.isEmpty());
    }
}
