package org.minafoundation.uptime.pipeline;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.minafoundation.uptime.support.Cli;
import org.minafoundation.uptime.support.DatabaseSnapshot;
import org.minafoundation.uptime.support.GoldenRun;
import org.minafoundation.uptime.support.TestPostgres;

/**
 * A rescore whose coordinator lock session ends after its first batch: the next batch's
 * transaction finds it no longer holds the lock and rolls back; the rescore takes the lock
 * again when it is free and continues, or stops with exit 1 when another process holds it,
 * and the same command continues later. Either way the end is a first-time run's database.
 */
class RescoreLockLostTest {

    /** "uptime-coordinator" as a number: the coordinator lock's key. */
    private static final long LOCK_KEY = 0x7570_7469_6d65L;

    /*
     * At the first progress mark, the rescore's lock session is terminated; with {@code
     * takeIt}, the marking session itself then takes the lock (it is a connection of the
     * rescore's pool, not its lock session), as another process would.
     */
    private static String loseTheLockAtTheFirstMark(boolean takeIt) {
        return """
                CREATE TABLE lock_lost (done boolean);
                CREATE FUNCTION lose_the_lock() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  IF NOT EXISTS (SELECT 1 FROM lock_lost) THEN
                    INSERT INTO lock_lost VALUES (true);
                    PERFORM pg_terminate_backend(pid, 10000) FROM pg_stat_activity
                      WHERE datname = current_database() AND application_name = 'uptime-coordinator lock';
                    %s
                  END IF;
                  RETURN NEW;
                END $$;
                CREATE TRIGGER lose_the_lock BEFORE INSERT OR UPDATE ON rescore_progress
                  FOR EACH ROW EXECUTE FUNCTION lose_the_lock();
                """.formatted(takeIt ? "PERFORM pg_advisory_lock(" + LOCK_KEY + ");" : "");
    }

    private static int lockHolders(GoldenRun run) throws Exception {
        try (Connection c = TestPostgres.dataSource(run.database()).getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"
                        + " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"
                        + " AND ((classid::bigint << 32) | objid::bigint) = " + LOCK_KEY)) {
            r.next();
            return r.getInt(1);
        }
    }

    private static GoldenRun damagedRun() throws Exception {
        GoldenRun run = GoldenRun.prepare("midnight-40");
        assertEquals(0, run.runUntil(run.lastEnd()).exitCode());
        return run;
    }

    private static void damage(GoldenRun run) {
        TestPostgres.execute(run.database(), "DELETE FROM points_summary WHERE bot_log_id IN (SELECT max(id) FROM bot_logs);"
                + " DELETE FROM points WHERE bot_log_id IN (SELECT max(id) FROM bot_logs)");
    }

    @Test
    void aRescoreThatLostItsLockTakesItAgainAndContinues() throws Exception {
        GoldenRun run = damagedRun();
        DatabaseSnapshot firstRun = DatabaseSnapshot.of(run.database());
        damage(run);
        assertNotEquals(firstRun, DatabaseSnapshot.of(run.database()));
        TestPostgres.execute(run.database(), loseTheLockAtTheFirstMark(false));

        Cli.Result result = Cli.run(run.env(), "rescore", "--from", String.valueOf(run.batchEnds().get(0) - 1200));

        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains("The coordinator lock was lost and is held again"), result.out());
        assertEquals(firstRun, DatabaseSnapshot.of(run.database()));
    }

    @Test
    void aRescoreWhoseLockAnotherProcessTookStopsAndTheSameCommandContinuesLater() throws Exception {
        GoldenRun run = damagedRun();
        DatabaseSnapshot firstRun = DatabaseSnapshot.of(run.database());
        damage(run);
        TestPostgres.execute(run.database(), loseTheLockAtTheFirstMark(true));
        String from = String.valueOf(run.batchEnds().get(0) - 1200);

        Cli.Result stopped = Cli.run(run.env(), "rescore", "--from", from);

        assertEquals(1, stopped.exitCode(), stopped.out());
        assertTrue(stopped.err().contains("no longer holds the coordinator lock")
                && stopped.err().contains("run the same command again to continue"), stopped.err());
        // the session that took the lock ends with the stopped rescore's pool, on the server's own time
        await().atMost(Duration.ofSeconds(30)).until(() -> lockHolders(run) == 0);
        Cli.Result continued = Cli.run(run.env(), "rescore", "--from", from);
        assertEquals(0, continued.exitCode(), continued.err());
        assertTrue(continued.out().contains("Continuing an interrupted rescore"), continued.out());
        assertEquals(firstRun, DatabaseSnapshot.of(run.database()));
    }
}
