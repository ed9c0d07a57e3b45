package org.minafoundation.uptime.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.minafoundation.uptime.support.Cli;
import org.minafoundation.uptime.support.SyntheticNetwork;
import org.minafoundation.uptime.support.TestPostgres;

/**
 * After many batches, with a score window shorter than the run, the scoreboard and every
 * score history row equal a from-scratch recomputation in SQL over bot_logs and points_summary.
 */
class ScoreboardRecomputationTest {

    private static final String RECOMPUTED_AT = """
            WITH e AS (SELECT extract(epoch FROM ?::timestamp AT TIME ZONE 'UTC')::bigint AS end_epoch),
            w AS (SELECT end_epoch, end_epoch - 86400 AS start_epoch FROM e),
            surveys AS (SELECT count(*) AS n FROM bot_logs b, w
                        WHERE b.batch_start_epoch >= w.start_epoch AND b.batch_end_epoch <= w.end_epoch
                          AND b.files_processed > -1),
            ever AS (SELECT DISTINCT ps.node_id FROM points_summary ps JOIN bot_logs b ON b.id = ps.bot_log_id, w
                     WHERE b.batch_end_epoch <= w.end_epoch),
            pts AS (SELECT ps.node_id, count(*) AS points FROM points_summary ps JOIN bot_logs b ON b.id = ps.bot_log_id, w
                    WHERE b.batch_start_epoch >= w.start_epoch AND b.batch_end_epoch <= w.end_epoch GROUP BY 1)
            SELECT n.block_producer_key || ' ' || coalesce(p.points, 0) || ' '
                   || trunc(coalesce(p.points, 0)::numeric * 100 / s.n, 2)
            FROM ever JOIN nodes n ON n.id = ever.node_id LEFT JOIN pts p ON p.node_id = ever.node_id, surveys s
            ORDER BY 1
            """;

    @Test
    void scoresEqualARecomputationFromScratch() throws Exception {
        String database = TestPostgres.newDatabaseName();
        Map<String, String> env = TestPostgres.environment(database);
        env.put("UPTIME_DAYS_FOR_SCORE", "1");
        env.put("SURVEY_INTERVAL_MINUTES", "60");
        assertEquals(0, Cli.run(env, "create-database").exitCode());
        Instant start = Instant.parse("2024-05-01T00:00:00Z");
        // One producer goes quiet after the first day: its score must fall out of the window.
        SyntheticNetwork.write(database, start, Duration.ofDays(3), new double[] {1.0, 0.9, 0.6, 0.3}, 7);
        SyntheticNetwork.write(database, start, Duration.ofDays(1), new double[] {0, 0, 0, 0, 1.0}, 8);
        assertEquals(0, Cli.run(env, "init-database", "--batch-end-epoch", "2024-05-01 00:00:00").exitCode());

        assertEquals(0, Cli.run(env, "run", "--until", "2024-05-04 00:00:00").exitCode());

        try (Connection c = TestPostgres.dataSource(database).getConnection()) {
            List<String> scoreTimes = strings(c, "SELECT DISTINCT score_at::text FROM score_history ORDER BY 1");
            assertEquals(72, scoreTimes.size());
            for (String at : scoreTimes) {
                List<String> stored = strings(c, "SELECT n.block_producer_key || ' ' || h.score || ' ' || h.score_percent"
                        + " FROM score_history h JOIN nodes n ON n.id = h.node_id WHERE h.score_at = '" + at + "' ORDER BY 1");
                assertEquals(recomputed(c, at), stored, "score history at " + at);
            }
            List<String> board = strings(c, "SELECT block_producer_key || ' ' || score || ' ' || score_percent"
                    + " FROM nodes WHERE score IS NOT NULL ORDER BY 1");
            assertEquals(recomputed(c, "2024-05-04 00:00:00"), board);
            assertTrue(board.contains("B62producer4 0 0.00"), "a producer gone quiet falls to zero: " + board);
        }
    }

    private static List<String> recomputed(Connection c, String at) throws Exception {
        try (var p = c.prepareStatement(RECOMPUTED_AT)) {
            p.setString(1, at);
            List<String> rows = new ArrayList<>();
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    rows.add(r.getString(1));
                }
            }
            return rows;
        }
    }

    private static List<String> strings(Connection c, String sql) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                rows.add(r.getString(1));
            }
        }
        return rows;
    }
}
