package org.minafoundation.uptime.batch;

import java.time.Duration;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.util.ObjectHelper;
import org.minafoundation.uptime.config.ReadableDuration;
import org.minafoundation.uptime.metrics.CoordinatorMetrics;
import org.minafoundation.uptime.model.Batch;
import org.minafoundation.uptime.model.BatchFailure;
import org.minafoundation.uptime.model.BatchFailure.Outcome;
import org.minafoundation.uptime.model.Carried;
import org.minafoundation.uptime.store.BatchAlreadyCommitted;
import org.minafoundation.uptime.store.CoordinatorLockLost;
import org.minafoundation.uptime.store.DatabaseOutage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts the failed attempts at the current batch. A failed batch left nothing behind
 * (its transaction rolled back), so the next tick plans and redoes the same batch; after
 * {@code RETRY_COUNT} retries the coordinator stops with a non-zero exit.
 */
public final class BatchAttempts {

    private static final Logger LOG = LoggerFactory.getLogger(BatchAttempts.class);
    private static final Duration MAX_OUTAGE_PAUSE = Duration.ofSeconds(30);

    private final int retryCount;
    private final Duration retryDelay;
    private final RunControl control;
    private final BatchWait wait;
    private final CoordinatorMetrics metrics;

    private int failures;
    private Duration outage = Duration.ZERO;

    public BatchAttempts(int retryCount, Duration retryDelay, RunControl control, BatchWait wait,
            CoordinatorMetrics metrics) {
        this.retryCount = retryCount;
        this.retryDelay = retryDelay;
        this.control = control;
        this.wait = wait;
        this.metrics = metrics;
    }

    public synchronized void succeeded() {
        failures = 0;
        outage = Duration.ZERO;
    }

    /** A database outage is waited for, not counted (see {@link DatabaseOutage}). */
    static boolean databaseUnreachable(Throwable error) {
        return DatabaseOutage.unreachable(error);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /**
     * Called with the failed exchange; says what becomes of the batch (the route keeps it in
     * the property {@value Carried#BATCH_FAILURE} for the alert and the pause). A batch
     * interrupted because the coordinator stops is no failure: not counted, no alert.
     */
    public synchronized BatchFailure failed(Exchange exchange) throws InterruptedException {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        Batch batch = exchange.getProperty(Carried.BATCH, Batch.class);
        if (wait.stopping()) {
            // Interrupted by the stop (a wait, a verifier ended): nothing was kept, the next start redoes it.
            LOG.info("{} left unfinished: the coordinator is stopping; the next start redoes it",
                    batch == null ? "the next batch" : batch);
            return BatchFailure.stopped();
        }
        String what = (batch == null ? "planning the next batch" : batch.toString()) + " failed: " + describe(cause);
        if (databaseUnreachable(cause)) {
            // Not the batch's fault: wait for the database (readiness is down meanwhile) and
            // try again without using up RETRY_COUNT.
            outage = outage.isZero() ? Duration.ofSeconds(1) : min(outage.multipliedBy(2), MAX_OUTAGE_PAUSE);
            LOG.warn("{}; the database is unreachable: trying again in {} (not counted as a failed attempt)", what,
                    ReadableDuration.of(outage));
            return new BatchFailure(Outcome.RETRIED, what, outage);
        }
        if (ObjectHelper.getException(CoordinatorLockLost.class, cause) != null) {
            // Not a failure of this batch: another process may write now. The next pass waits
            // for the lock (a rescore holding it finishes first) and redoes the batch.
            LOG.warn("{}; not counted as a failed attempt: the batch is redone once this coordinator holds the lock"
                    + " again", what);
            return new BatchFailure(Outcome.LOCK_LOST, what, Duration.ZERO);
        }
        if (ObjectHelper.getException(BatchAlreadyCommitted.class, cause) != null) {
            // Not a failure of this batch: another coordinator did it. The next pass takes the
            // lock back (or waits for it) and plans from the newest batch.
            LOG.warn("{}; not counted as a failed attempt", what);
            return new BatchFailure(Outcome.TAKEN_OVER, what, Duration.ZERO);
        }
        outage = Duration.ZERO;
        failures++;
        boolean givenUp = failures > retryCount;
        metrics.batchFailed(!givenUp);
        if (givenUp) {
            control.fail(what + " (" + failures + " attempts, RETRY_COUNT=" + retryCount + ")");
            return new BatchFailure(Outcome.GIVEN_UP, what, Duration.ZERO);
        }
        LOG.warn("{}; nothing of it was kept, retry {} of {} in {}", what, failures, retryCount,
                ReadableDuration.of(retryDelay), cause);
        return new BatchFailure(Outcome.RETRIED, what, retryDelay);
    }

    /**
     * The pause {@link #failed} chose before the next attempt, taken after the failure was
     * reported (so an alert goes out at once, not after the pause).
     */
    public void pauseBeforeRetry(@ExchangeProperty(Carried.BATCH_FAILURE) BatchFailure failure)
            throws InterruptedException {
        if (failure != null && failure.pauseBeforeRetry().isPresent()) {
            wait.pause(failure.pause());
        }
    }

    private static String describe(Throwable cause) {
        if (cause == null) {
            return "unknown error";
        }
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return root == cause ? message : cause.getClass().getSimpleName() + ": " + message;
    }
}
