package org.minafoundation.uptime.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.minafoundation.uptime.model.BatchFailure;
import org.minafoundation.uptime.model.BatchFailure.Outcome;

class BatchFailureAlertTest {

    private static final String FAILURE = "batch [2024-03-01T00:00:00Z, 2024-03-01T00:20:00Z) failed: boom";

    @Test
    void aRetriedBatchSaysSo() {
        assertEquals("Uptime coordinator: " + FAILURE + ". Nothing of it was kept; the batch will be retried.",
                new BatchFailureAlert(3).message(failure(Outcome.RETRIED, FAILURE)));
    }

    @Test
    void aCoordinatorThatGivesUpSaysItStoppedAndWhy() {
        assertEquals("Uptime coordinator stopped: " + FAILURE + ". The retries are used up (RETRY_COUNT=3);"
                + " nothing of this batch was kept. Fix the cause and restart the coordinator: it redoes this batch.",
                new BatchFailureAlert(3).message(failure(Outcome.GIVEN_UP, FAILURE)));
    }

    @Test
    void quotesNewlinesAndBackslashesAreKeptAndSlackMarkupIsEscaped() {
        String failure = "failed: \"quoted\" 'single' back\\slash\nsecond line & <@channel>";
        assertEquals("Uptime coordinator: failed: \"quoted\" 'single' back\\slash\nsecond line &amp; &lt;@channel&gt;."
                + " Nothing of it was kept; the batch will be retried.", new BatchFailureAlert(1).message(failure(Outcome.RETRIED, failure)));
    }

    @Test
    void missingPropertiesStillGiveAMessage() {
        assertEquals("Uptime coordinator: a batch failed for an unknown reason. Nothing of it was kept;"
                + " the batch will be retried.", new BatchFailureAlert(1).message(null));
    }

    @Test
    void aRetryFailingExactlyAsThePreviousOneIsNotRepeatedUntilABatchIsVerifiedAgain() {
        BatchFailureAlert alert = new BatchFailureAlert(3);
        String outage = "planning the next batch failed: Connection refused";

        assertNotNull(alert.message(failure(Outcome.RETRIED, outage)));
        assertNull(alert.message(failure(Outcome.RETRIED, outage)), "the database is still unreachable");
        assertNull(alert.message(failure(Outcome.RETRIED, outage)));
        assertNotNull(alert.message(failure(Outcome.RETRIED, FAILURE)), "another failure is news");
        assertNotNull(alert.message(failure(Outcome.RETRIED, outage)));
        alert.batchVerified();
        assertNotNull(alert.message(failure(Outcome.RETRIED, outage)), "after a verified batch the same failure is news again");
    }

    @Test
    void aBatchInterruptedByTheCoordinatorStoppingIsNoNews() {
        assertNull(new BatchFailureAlert(0).message(BatchFailure.stopped()));
    }

    @Test
    void aBatchAnotherCoordinatorProcessedIsNotSaidToBeRetried() {
        String message = new BatchFailureAlert(3).message(failure(Outcome.TAKEN_OVER, FAILURE));

        assertTrue(message.startsWith("Uptime coordinator: " + FAILURE + ". Two coordinators processed batches at once"),
                message);
        assertFalse(message.contains("retried"), message);
    }

    @Test
    void aBatchRedoneAfterTheLockWasLostSaysWhy() {
        String message = new BatchFailureAlert(3).message(failure(Outcome.LOCK_LOST, FAILURE));

        assertTrue(message.contains("It redoes the batch once it holds the lock again"), message);
    }

    @Test
    void aStopIsAlwaysPosted() {
        BatchFailureAlert alert = new BatchFailureAlert(1);

        assertNotNull(alert.message(failure(Outcome.RETRIED, FAILURE)));
        assertNotNull(alert.message(failure(Outcome.GIVEN_UP, FAILURE)));
        assertNotNull(alert.message(failure(Outcome.GIVEN_UP, FAILURE)));
        assertNotNull(alert.message(failure(Outcome.RETRIED, FAILURE)), "a stop forgets the last retry");
    }

    private static BatchFailure failure(Outcome outcome, String description) {
        return new BatchFailure(outcome, description, Duration.ZERO);
    }
}
