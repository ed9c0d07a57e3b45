package org.minafoundation.uptime.scoring;

import java.time.Instant;

/**
 * A verified, valid submission as scoring sees it: who sent which state hash with which
 * parent, when, and at what height. {@code createdAt} and {@code height} may be null.
 */
public record Submission(
        Instant submittedAt,
        String submitter,
        String stateHash,
        String parentHash,
        Long height,
        Instant createdAt) {
}
