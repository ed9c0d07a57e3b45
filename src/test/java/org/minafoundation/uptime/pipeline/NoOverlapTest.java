package org.minafoundation.uptime.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.minafoundation.uptime.support.GoldenRun;
import org.minafoundation.uptime.support.TestPostgres;

/**
 * A batch slower than the timer period (writing its bot_logs row takes 0.5 s, the timer
 * ticks every 0.2 s) never lets a second batch start: overlapping batches would plan the
 * same window twice and write it twice.
 */
class NoOverlapTest {

    @Test
    void aSlowBatchDoesNotStartASecondOne() throws Exception {
        GoldenRun run = GoldenRun.prepare("midnight-40");
        TestPostgres.execute(run.database(), """
                CREATE TABLE batch_probe (id serial, event text, at timestamptz DEFAULT clock_timestamp());
                CREATE FUNCTION slow_batch() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  PERFORM pg_sleep(0.5);
                  RETURN NEW;
                END $$;
                CREATE TRIGGER slow_batch BEFORE INSERT ON bot_logs FOR EACH ROW EXECUTE FUNCTION slow_batch();
                """);

        assertEquals(0, run.runUntil(run.lastEnd()).exitCode());

        try (Connection c = TestPostgres.dataSource(run.database()).getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*), count(DISTINCT batch_start_epoch),"
                        + " bool_and(batch_start_epoch = prev_end) FROM (SELECT batch_start_epoch,"
                        + " lag(batch_end_epoch) OVER (ORDER BY batch_end_epoch, id) AS prev_end"
                        + " FROM bot_logs WHERE files_processed > -1 OFFSET 0) b WHERE prev_end IS NOT NULL"
                        + " OR batch_start_epoch IS NOT NULL")) {
            r.next();
            assertEquals(run.batchEnds().size(), r.getInt(1), "one row per batch");
            assertEquals(run.batchEnds().size(), r.getInt(2), "no window written twice");
        }
    }
}
