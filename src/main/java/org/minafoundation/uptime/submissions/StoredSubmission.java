package org.minafoundation.uptime.submissions;

import java.time.Instant;

/** A row of submission storage as the verifier left it; any verifier column may be null. */
public record StoredSubmission(
        Instant submittedAt,
        String submitter,
        Instant createdAt,
        String stateHash,
        String parent,
        Long height,
        Integer slot,
        String validationError,
        Boolean verified) {

    /** Verified and without a validation error: the verifier accepted it (SPEC §5). */
    public boolean valid() {
        return Boolean.TRUE.equals(verified) && (validationError == null || validationError.isEmpty());
    }
}
