package org.minafoundation.uptime.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class BatchFailureAlertTest {

    private static final String FAILURE = "batch [2024-03-01T00:00:00Z, 2024-03-01T00:20:00Z) failed: boom";

    @Test
    void aRetriedBatchSaysSo() {
        assertEquals("Uptime coordinator: " + FAILURE + ". Nothing of it was kept; the batch will be retried.",
                new BatchFailureAlert(3).message(FAILURE, false));
    }

    @Test
    void aCoordinatorThatGivesUpSaysItStoppedAndWhy() {
        assertEquals("Uptime coordinator stopped: " + FAILURE + ". The retries are used up (RETRY_COUNT=3);"
                + " nothing of this batch was kept. Fix the cause and restart the coordinator: it redoes this batch.",
                new BatchFailureAlert(3).message(FAILURE, true));
    }

    @Test
    void quotesNewlinesAndBackslashesAreKeptAndSlackMarkupIsEscaped() {
        String failure = "failed: \"quoted\" 'single' back\\slash\nsecond line & <@channel>";
        assertEquals("Uptime coordinator: failed: \"quoted\" 'single' back\\slash\nsecond line &amp; &lt;@channel&gt;."
                + " Nothing of it was kept; the batch will be retried.", new BatchFailureAlert(1).message(failure, false));
    }

    @Test
    void missingPropertiesStillGiveAMessage() {
        assertEquals("Uptime coordinator: a batch failed for an unknown reason. Nothing of it was kept;"
                + " the batch will be retried.", new BatchFailureAlert(1).message(null, null));
    }

    @Test
    void aRetryFailingExactlyAsThePreviousOneIsNotRepeatedUntilABatchIsVerifiedAgain() {
        BatchFailureAlert alert = new BatchFailureAlert(3);
        String outage = "planning the next batch failed: Connection refused";

        assertNotNull(alert.message(outage, false));
        assertNull(alert.message(outage, false), "the database is still unreachable");
        assertNull(alert.message(outage, false));
        assertNotNull(alert.message(FAILURE, false), "another failure is news");
        assertNotNull(alert.message(outage, false));
        alert.batchVerified();
        assertNotNull(alert.message(outage, false), "after a verified batch the same failure is news again");
    }

    @Test
    void aStopIsAlwaysPosted() {
        BatchFailureAlert alert = new BatchFailureAlert(1);

        assertNotNull(alert.message(FAILURE, false));
        assertNotNull(alert.message(FAILURE, true));
        assertNotNull(alert.message(FAILURE, true));
        assertNotNull(alert.message(FAILURE, false), "a stop forgets the last retry");
    }
}
