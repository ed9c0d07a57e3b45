package org.minafoundation.uptime.model;

import java.time.Duration;
import java.util.Optional;

/**
 * What became of a failed attempt at a batch: decided by the attempt counting
 * ({@code batchAttempts}), read by the pause before the next attempt and by the Slack
 * alert. The routes carry it in the exchange property {@value Carried#BATCH_FAILURE}.
 *
 * @param outcome what the coordinator does next
 * @param description what failed, for the alert and the log ("batch [...) failed: ..."); empty when stopped
 * @param pause how long to wait before the next attempt; zero when the next pass goes at once
 */
public record BatchFailure(Outcome outcome, String description, Duration pause) {

    public enum Outcome {
        /** Interrupted because the coordinator stops: not counted, no alert; the next start redoes it. */
        STOPPED,
        /** Counted (or a database outage, not counted): nothing was kept, the batch is tried again after the pause. */
        RETRIED,
        /** The retries are used up: the coordinator stops with a non-zero exit. */
        GIVEN_UP,
        /** Another coordinator committed the batch: not counted; the next pass plans from its newest batch. */
        TAKEN_OVER,
        /** This coordinator lost the lock mid-batch: not counted; redone once the lock is held again. */
        LOCK_LOST
    }

    public BatchFailure {
        pause = pause == null ? Duration.ZERO : pause;
    }

    public static BatchFailure stopped() {
        return new BatchFailure(Outcome.STOPPED, "", Duration.ZERO);
    }

    /** The pause before the next attempt, if there is one. */
    public Optional<Duration> pauseBeforeRetry() {
        return pause.isZero() ? Optional.empty() : Optional.of(pause);
    }
}
