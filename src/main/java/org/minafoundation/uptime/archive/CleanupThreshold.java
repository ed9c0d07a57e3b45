package org.minafoundation.uptime.archive;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;

/**
 * The two limits {@code cleanup_old_data(days)} computes from {@code NOW()} (batches by
 * start epoch, submissions by date), and the deletes it runs, in its order and with its
 * conditions (sql/V3__cleanup_ignores_null_references.sql). Run in one transaction, each
 * delete sees the ones before it, so the last one removes exactly the state hashes that
 * nothing refers to once the others are gone.
 */
record CleanupThreshold(int days, long epoch, LocalDate date) {

    /** One table's delete, returning the deleted rows whole. */
    record Delete(String table, String sql) {
    }

    /** Computed as the function does, inside the caller's transaction (NOW() is the transaction's start). */
    static CleanupThreshold compute(Connection c, int days) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "SELECT EXTRACT(EPOCH FROM (NOW() - INTERVAL '1 day' * ?))::BIGINT, (NOW() - INTERVAL '1 day' * ?)::DATE")) {
            p.setInt(1, days);
            p.setInt(2, days);
            try (ResultSet r = p.executeQuery()) {
                r.next();
                return new CleanupThreshold(days, r.getLong(1), r.getObject(2, LocalDate.class));
            }
        }
    }

    /**
     * The deletes with the limits written in as literals: COPY takes no bind parameters. Both
     * are computed values (a number, an ISO date), never text from outside.
     */
    List<Delete> deletes() {
        String oldBatches = "SELECT id FROM bot_logs WHERE batch_start_epoch < " + epoch;
        return List.of(
                new Delete("points_summary", "DELETE FROM points_summary WHERE bot_log_id IN (" + oldBatches + ") RETURNING *"),
                new Delete("points", "DELETE FROM points WHERE bot_log_id IN (" + oldBatches + ") RETURNING *"),
                new Delete("bot_logs_statehash",
                        "DELETE FROM bot_logs_statehash WHERE bot_log_id IN (" + oldBatches + ") RETURNING *"),
                new Delete("bot_logs", "DELETE FROM bot_logs WHERE batch_start_epoch < " + epoch + " RETURNING *"),
                new Delete("submissions", "DELETE FROM submissions WHERE submitted_at_date < DATE '" + date + "' RETURNING *"),
                new Delete("statehash", "DELETE FROM statehash s"
                        + " WHERE NOT EXISTS (SELECT 1 FROM bot_logs_statehash b WHERE b.statehash_id = s.id)"
                        + " AND NOT EXISTS (SELECT 1 FROM bot_logs_statehash b WHERE b.parent_statehash_id = s.id)"
                        + " AND NOT EXISTS (SELECT 1 FROM points p WHERE p.statehash_id = s.id)"
                        + " RETURNING *"));
    }
}
