package org.minafoundation.uptime.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.minafoundation.uptime.support.DatabaseSnapshot;
import org.minafoundation.uptime.support.GoldenRun;

/** Stopping after batch k and starting again gives the same database as one uninterrupted run. */
class RestartTest {

    @Test
    void aRestartedRunEqualsAnUninterruptedOne() throws Exception {
        GoldenRun uninterrupted = GoldenRun.prepare("midnight-40");
        assertEquals(0, uninterrupted.runUntil(uninterrupted.lastEnd()).exitCode());

        GoldenRun restarted = GoldenRun.prepare("midnight-40");
        for (long end : new long[] {restarted.batchEnds().get(1), restarted.batchEnds().get(3), restarted.lastEnd()}) {
            assertEquals(0, restarted.runUntil(end).exitCode());
        }

        assertEquals(DatabaseSnapshot.of(uninterrupted.database()), DatabaseSnapshot.of(restarted.database()));
    }
}
