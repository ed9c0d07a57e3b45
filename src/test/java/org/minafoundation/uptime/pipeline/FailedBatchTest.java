package org.minafoundation.uptime.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.minafoundation.uptime.support.Cli;
import org.minafoundation.uptime.support.DatabaseSnapshot;
import org.minafoundation.uptime.support.GoldenRun;
import org.minafoundation.uptime.support.TestPostgres;

/**
 * A failure while a batch is being written (here: the last statement of the transaction,
 * the score history, refused by a trigger) leaves nothing of that batch behind, and the
 * batch is redone.
 */
class FailedBatchTest {

    /** Makes the next {@code failures} writes of score history fail. */
    private static void failScoreHistoryWrites(String database, int failures) {
        TestPostgres.execute(database, """
                CREATE TABLE injected_failures (remaining int);
                INSERT INTO injected_failures VALUES (%d);
                CREATE FUNCTION fail_history() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  IF (SELECT remaining FROM injected_failures) > 0 THEN
                    -- runs in its own transaction, so the count survives the batch's rollback
                    PERFORM dblink_exec('host=localhost port=' || current_setting('port')
                        || ' dbname=' || current_database() || ' user=postgres password=postgres',
                        'UPDATE injected_failures SET remaining = remaining - 1');
                    RAISE EXCEPTION 'injected failure while writing score history';
                  END IF;
                  RETURN NEW;
                END $$;
                CREATE TRIGGER fail_history BEFORE INSERT ON score_history
                  FOR EACH STATEMENT EXECUTE FUNCTION fail_history();
                """.formatted(failures));
    }

    @Test
    void aBatchThatFailsForGoodLeavesTheDatabaseAsAfterThePreviousBatch() throws Exception {
        GoldenRun run = GoldenRun.prepare("midnight-40");
        long firstEnd = run.batchEnds().get(0);
        assertEquals(0, run.runUntil(firstEnd).exitCode());
        DatabaseSnapshot afterFirst = DatabaseSnapshot.of(run.database());
        TestPostgres.execute(run.database(), "CREATE EXTENSION IF NOT EXISTS dblink");
        failScoreHistoryWrites(run.database(), 1000);

        Cli.Result result = run.runUntil(run.lastEnd(), Map.of("RETRY_COUNT", "2"));

        assertEquals(1, result.exitCode());
        assertTrue(result.out().contains("3 attempts, RETRY_COUNT=2"), "says why it stopped");
        assertEquals(afterFirst, DatabaseSnapshot.of(run.database()));
        assertEquals(997, remainingFailures(run.database()), "three attempts were made");
        try (Connection c = TestPostgres.dataSource(run.database()).getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*) FROM statehash s WHERE NOT EXISTS"
                        + " (SELECT 1 FROM points p WHERE p.statehash_id = s.id) AND NOT EXISTS"
                        + " (SELECT 1 FROM bot_logs_statehash b WHERE s.id IN (b.statehash_id, b.parent_statehash_id))"
                        + " AND s.value NOT IN (SELECT state_hash FROM submissions WHERE state_hash IS NOT NULL"
                        + "   UNION SELECT parent FROM submissions WHERE parent IS NOT NULL)")) {
            r.next();
            assertEquals(0, r.getInt(1), "no stray rows");
        }
    }

    @Test
    void aBatchThatFailsOnceIsRedoneAndTheResultIsUnchanged() throws Exception {
        GoldenRun clean = GoldenRun.prepare("midnight-40");
        assertEquals(0, clean.runUntil(clean.lastEnd()).exitCode());

        GoldenRun failing = GoldenRun.prepare("midnight-40");
        TestPostgres.execute(failing.database(), "CREATE EXTENSION IF NOT EXISTS dblink");
        failScoreHistoryWrites(failing.database(), 2);
        assertEquals(0, failing.runUntil(failing.lastEnd()).exitCode());

        assertEquals(0, remainingFailures(failing.database()));
        assertEquals(DatabaseSnapshot.of(clean.database()), DatabaseSnapshot.of(failing.database()));
    }

    private static int remainingFailures(String database) throws Exception {
        try (Connection c = TestPostgres.dataSource(database).getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT remaining FROM injected_failures")) {
            r.next();
            return r.getInt(1);
        }
    }
}
