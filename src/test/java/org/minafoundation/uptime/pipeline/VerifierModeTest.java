package org.minafoundation.uptime.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.minafoundation.uptime.support.Cli;
import org.minafoundation.uptime.support.DatabaseSnapshot;
import org.minafoundation.uptime.support.GoldenRun;

/** A verifier that cannot run fails the batch: it is retried, nothing is scored, and the exit says why. */
class VerifierModeTest {

    @Test
    void aFailingDispatchScoresNothing() throws Exception {
        GoldenRun run = GoldenRun.prepare("midnight-40");
        DatabaseSnapshot before = DatabaseSnapshot.of(run.database());

        Cli.Result result = run.runUntil(run.lastEnd(),
                Map.of("VERIFIER_MODE", "kubernetes", "WORKER_IMAGE", "verifier", "WORKER_TAG", "1", "RETRY_COUNT", "1"));

        assertEquals(1, result.exitCode());
        assertTrue(result.out().contains("VERIFIER_MODE=KUBERNETES cannot dispatch verifiers yet"), result.out());
        assertEquals(before, DatabaseSnapshot.of(run.database()));
    }
}
