package org.minafoundation.uptime.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.minafoundation.uptime.support.Cli;
import org.minafoundation.uptime.support.GoldenRun;
import org.minafoundation.uptime.support.TestPostgres;

/**
 * Rows no verifier should leave, mixed into a real scenario: none stops a batch. Rows that
 * cannot be scored (no hash, empty hash, oversized hash, key or parent) are skipped and
 * counted; odd but usable ones (a parent equal to the hash, a cycle, a negative height,
 * a key that is not a Mina key) are scored by the usual rules; rows far outside every
 * batch are never read.
 */
class BadInputTest {

    private static final String LONG = "x".repeat(10_000);

    @Test
    void badRowsNeverStopABatch() throws Exception {
        GoldenRun run = GoldenRun.prepare("midnight-40");
        String insert = "INSERT INTO submissions (submitted_at_date, submitted_at, submitter, state_hash, parent, height,"
                + " validation_error, verified) VALUES ";
        TestPostgres.execute(run.database(), insert
                // unusable: skipped and counted (5 rows)
                + "('2024-03-01', '2024-03-01 23:05:00', 'B62bad1', NULL, 'p', 1, NULL, true),"
                + "('2024-03-01', '2024-03-01 23:05:01', 'B62bad2', '', 'p', 1, '', true),"
                + "('2024-03-01', '2024-03-01 23:05:02', 'B62bad3', '" + LONG + "', 'p', 1, NULL, true),"
                + "('2024-03-01', '2024-03-01 23:05:03', '" + LONG + "', 'h-long-key', 'p', 1, NULL, true),"
                + "('2024-03-01', '2024-03-01 23:05:04', 'B62bad5', 'h-long-parent', '" + LONG + "', 1, NULL, true),"
                // odd but usable
                + "('2024-03-01', '2024-03-01 23:06:00', 'B62odd1', 'self', 'self', -5, NULL, true),"
                + "('2024-03-01', '2024-03-01 23:06:01', 'B62odd2', 'cycle-a', 'cycle-b', 2147483647, NULL, true),"
                + "('2024-03-01', '2024-03-01 23:06:02', 'B62odd3', 'cycle-b', 'cycle-a', 0, NULL, true),"
                + "('2024-03-01', '2024-03-01 23:06:03', 'not a key at all', 'cycle-b', 'cycle-a', 0, NULL, true),"
                // never read: outside every batch
                + "('1970-01-01', '1970-01-01 00:00:01', 'B62past', 'h', 'p', 1, NULL, true),"
                + "('9999-12-31', '9999-12-31 23:59:59', 'B62future', 'h', 'p', 1, NULL, true)");

        Cli.Result result = run.runUntil(run.lastEnd());

        assertEquals(0, result.exitCode(), result.out());
        assertTrue(result.out().contains("5 skipped (unusable"), "the unusable rows are counted in the batch line");
        try (Connection c = TestPostgres.dataSource(run.database()).getConnection(); Statement s = c.createStatement()) {
            ResultSet batches = s.executeQuery("SELECT count(*) FROM bot_logs WHERE files_processed > -1");
            batches.next();
            assertEquals(run.batchEnds().size(), batches.getInt(1), "every batch was written");
            ResultSet keys = s.executeQuery("SELECT count(*) FROM nodes WHERE length(block_producer_key) > 128"
                    + " OR block_producer_key IN ('B62bad1', 'B62bad2', 'B62bad3', 'B62bad5', 'B62past', 'B62future')");
            keys.next();
            assertEquals(0, keys.getInt(1), "skipped and unread rows create no producer");
            ResultSet odd = s.executeQuery("SELECT count(*) FROM nodes WHERE block_producer_key IN"
                    + " ('B62odd1', 'B62odd2', 'B62odd3', 'not a key at all')");
            odd.next();
            assertEquals(4, odd.getInt(1), "odd but usable rows are taken into account");
        }
    }
}
