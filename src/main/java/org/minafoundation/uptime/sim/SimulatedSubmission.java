package org.minafoundation.uptime.sim;

import java.time.Instant;

/**
 * One submission as the uptime backend receives it: the backend's columns of the
 * {@code submissions} table (times in microseconds), plus the profile of the producer
 * that made it, which the database never sees but tests check against.
 */
public record SimulatedSubmission(Instant submittedAt, String submitter, Instant createdAt, String blockHash,
        String remoteAddr, String peerId, int graphqlControlPort, String builtWithCommitSha,
        ProducerProfile profile) {
}
