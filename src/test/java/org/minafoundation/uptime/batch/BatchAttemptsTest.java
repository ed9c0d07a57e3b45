package org.minafoundation.uptime.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.main.Main;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.minafoundation.uptime.model.Batch;
import org.minafoundation.uptime.model.BatchFailure;
import org.minafoundation.uptime.model.BatchFailure.Outcome;
import org.minafoundation.uptime.metrics.CoordinatorMetrics;
import org.minafoundation.uptime.store.BatchAlreadyCommitted;

/** Which failures use up RETRY_COUNT, and what each leaves for the route's next steps. */
class BatchAttemptsTest {

    private static final Batch BATCH = new Batch(Instant.parse("2024-03-02T00:00:00Z"),
            Instant.parse("2024-03-02T00:20:00Z"), 7, 2);

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final RunControl control = new RunControl(new Main());
    private final BatchWait wait = new BatchWait(Clock.systemUTC());

    private BatchAttempts attempts(int retryCount) {
        return new BatchAttempts(retryCount, Duration.ofSeconds(10), control, wait,
                new CoordinatorMetrics(registry, Clock.systemUTC()));
    }

    @Test
    void failuresAreCountedUntilRetryCountIsUsedUpAndASuccessStartsAgain() throws Exception {
        BatchAttempts attempts = attempts(2);
        for (int round = 0; round < 2; round++) {
            for (int retry = 1; retry <= 2; retry++) {
                BatchFailure failure = attempts.failed(failedWith(new IllegalStateException("points refused")));
                assertEquals(BATCH + " failed: points refused", failure.description());
                assertEquals(Outcome.RETRIED, failure.outcome());
                assertEquals(Optional.of(Duration.ofSeconds(10)), failure.pauseBeforeRetry());
            }
            if (round == 0) {
                attempts.succeeded();
            }
        }
        assertFalse(control.ended(), "four failures, but never more than two in a row");

        BatchFailure third = attempts.failed(failedWith(new IllegalStateException("points refused")));

        assertEquals(Outcome.GIVEN_UP, third.outcome());
        assertEquals(Optional.empty(), third.pauseBeforeRetry());
        assertTrue(control.ended());
        assertEquals(1, control.exitCode());
        assertEquals(5, failedAttempts());
    }

    @Test
    void aBatchAnotherCoordinatorCommittedIsNoFailedAttempt() throws Exception {
        BatchAttempts attempts = attempts(0);
        BatchFailure taken = attempts.failed(
                failedWith(new CamelExecutionException("commit", null, new BatchAlreadyCommitted(BATCH))));

        assertTrue(taken.description().contains("another coordinator has processed it"), taken.description());
        assertEquals(Outcome.TAKEN_OVER, taken.outcome(), "not given up, and the alert says so");
        assertEquals(Optional.empty(), taken.pauseBeforeRetry(), "the next pass goes at once");
        assertFalse(control.ended(), "RETRY_COUNT=0, and still going");
        assertEquals(0, failedAttempts());

        attempts.failed(failedWith(new IllegalStateException("points refused")));
        assertTrue(control.ended(), "RETRY_COUNT=0 ends at the first counted failure");
    }

    @Test
    void anUnreachableDatabaseIsWaitedForWithGrowingPausesWithoutCounting() throws Exception {
        BatchAttempts attempts = attempts(0);
        long[] pauses = new long[8];
        for (int i = 0; i < pauses.length; i++) {
            BatchFailure failure = attempts.failed(failedWith(new SQLException("Connection refused", "08001")));
            assertEquals(Outcome.RETRIED, failure.outcome());
            pauses[i] = failure.pauseBeforeRetry().orElseThrow().toSeconds();
        }
        assertEquals("[1, 2, 4, 8, 16, 30, 30, 30]", java.util.Arrays.toString(pauses));
        assertFalse(control.ended());
        assertEquals(0, failedAttempts());
    }

    @Test
    void aFailureWhileStoppingIsNeitherCountedNorReported() throws Exception {
        BatchAttempts attempts = attempts(0);
        wait.stop();
        BatchFailure interrupted = attempts.failed(failedWith(new InterruptedException("the coordinator is stopping")));

        assertEquals(Outcome.STOPPED, interrupted.outcome(), "nothing to alert");
        assertEquals(Optional.empty(), interrupted.pauseBeforeRetry());
        assertFalse(control.ended());
        assertEquals(0, failedAttempts());
    }

    private Exchange failedWith(Exception cause) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.setProperty("batch", BATCH);
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, cause);
        return exchange;
    }

    private long failedAttempts() {
        return (long) registry.get("uptime.batches.failed").counter().count();
    }
}
