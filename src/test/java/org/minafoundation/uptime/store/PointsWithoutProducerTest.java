package org.minafoundation.uptime.store;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.minafoundation.uptime.scoring.Submission;
import org.minafoundation.uptime.support.TestPostgres;

/** A point whose producer has no {@code nodes} row fails its batch instead of vanishing from it. */
class PointsWithoutProducerTest {

    private static final Instant AT = Instant.parse("2024-06-01T00:10:00Z");

    @Test
    void aPointThatFindsNoProducerFailsTheBatch() throws Exception {
        DataSource dataSource = TestPostgres.migratedDatabase();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO bot_logs (id, files_processed, batch_start_epoch, batch_end_epoch) VALUES (1, 2, 0, 1200)");
            s.execute("INSERT INTO nodes (block_producer_key) VALUES ('B62known')");
            s.execute("INSERT INTO statehash (value) VALUES ('3Nhash')");
            List<Submission> rows = List.of(
                    new Submission(AT, "B62known", "3Nhash", null, 10L, AT),
                    new Submission(AT, "B62unknown", "3Nhash", null, 10L, AT));

            IllegalStateException failure = assertThrows(IllegalStateException.class,
                    () -> BatchWrites.insertPoints(c, 1, rows, AT));

            // The batch's transaction is then rolled back by its caller, as for any failure.
            assertTrue(failure.getMessage().contains("batch 1: only 1 of 2 points"), failure.getMessage());
        }
    }
}
