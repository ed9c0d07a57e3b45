package org.minafoundation.uptime.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BatchFailureAlertTest {

    private static final String FAILURE = "batch [2024-03-01T00:00:00Z, 2024-03-01T00:20:00Z) failed: boom";

    @Test
    void aRetriedBatchSaysSo() {
        assertEquals("Uptime coordinator: " + FAILURE + ". Nothing of it was kept; the batch will be retried.",
                new BatchFailureAlert(3).message(FAILURE, false, null, null, null));
    }

    @Test
    void aCoordinatorThatGivesUpSaysItStoppedAndWhy() {
        assertEquals("Uptime coordinator stopped: " + FAILURE + ". The retries are used up (RETRY_COUNT=3);"
                + " nothing of this batch was kept. Fix the cause and restart the coordinator: it redoes this batch.",
                new BatchFailureAlert(3).message(FAILURE, true, null, null, null));
    }

    @Test
    void quotesNewlinesAndBackslashesAreKeptAndSlackMarkupIsEscaped() {
        String failure = "failed: \"quoted\" 'single' back\\slash\nsecond line & <@channel>";
        assertEquals("Uptime coordinator: failed: \"quoted\" 'single' back\\slash\nsecond line &amp; &lt;@channel&gt;."
                + " Nothing of it was kept; the batch will be retried.", new BatchFailureAlert(1).message(failure, false, null, null, null));
    }

    @Test
    void missingPropertiesStillGiveAMessage() {
        assertEquals("Uptime coordinator: a batch failed for an unknown reason. Nothing of it was kept;"
                + " the batch will be retried.", new BatchFailureAlert(1).message(null, null, null, null, null));
    }

    @Test
    void aRetryFailingExactlyAsThePreviousOneIsNotRepeatedUntilABatchIsVerifiedAgain() {
        BatchFailureAlert alert = new BatchFailureAlert(3);
        String outage = "planning the next batch failed: Connection refused";

        assertNotNull(alert.message(outage, false, null, null, null));
        assertNull(alert.message(outage, false, null, null, null), "the database is still unreachable");
        assertNull(alert.message(outage, false, null, null, null));
        assertNotNull(alert.message(FAILURE, false, null, null, null), "another failure is news");
        assertNotNull(alert.message(outage, false, null, null, null));
        alert.batchVerified();
        assertNotNull(alert.message(outage, false, null, null, null), "after a verified batch the same failure is news again");
    }

    @Test
    void aBatchInterruptedByTheCoordinatorStoppingIsNoNews() {
        assertNull(new BatchFailureAlert(0).message(null, false, true, null, null));
    }

    @Test
    void aBatchAnotherCoordinatorProcessedIsNotSaidToBeRetried() {
        String message = new BatchFailureAlert(3).message(FAILURE, false, null, true, null);

        assertTrue(message.startsWith("Uptime coordinator: " + FAILURE + ". Two coordinators processed batches at once"),
                message);
        assertFalse(message.contains("retried"), message);
    }

    @Test
    void aStopIsAlwaysPosted() {
        BatchFailureAlert alert = new BatchFailureAlert(1);

        assertNotNull(alert.message(FAILURE, false, null, null, null));
        assertNotNull(alert.message(FAILURE, true, null, null, null));
        assertNotNull(alert.message(FAILURE, true, null, null, null));
        assertNotNull(alert.message(FAILURE, false, null, null, null), "a stop forgets the last retry");
    }
}
