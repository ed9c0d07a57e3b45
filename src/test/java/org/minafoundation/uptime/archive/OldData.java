package org.minafoundation.uptime.archive;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.minafoundation.uptime.support.TestPostgres;

/**
 * 400 days of coordinator data (the shape of CleanupOldDataTest's), every value derived
 * from one given "now" so that two databases seeded with it are identical row for row.
 * Eight batches, four older than 180 days; state hashes sA, sB, sC used only by kept rows,
 * sI by kept and old rows, sD, sE, sF only by old rows, sG, sH by nothing; ten submissions
 * with awkward text (commas, quotes, new lines, empty strings, NULLs, bytes, non-ASCII).
 */
final class OldData {

    static final int[] BATCH_AGES = {1, 45, 120, 175, 185, 250, 320, 399};
    static final int[] SUBMISSION_AGES = {0, 10, 50, 100, 150, 176, 184, 200, 300, 399};

    /** The awkward remote_addr of the 300-day-old submission, which the archive must carry unchanged. */
    static final String AWKWARD_TEXT = "10.0.0.1, \"quoted\"\nsecond line ✓";

    /** Rows cleanup_old_data(180) deletes from this data, per table, in its order. */
    static final Map<String, Integer> DELETED_AT_180 = deletedAt180();

    private OldData() {
    }

    private static Map<String, Integer> deletedAt180() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("points_summary", 8);
        m.put("points", 16);
        m.put("bot_logs_statehash", 5);
        m.put("bot_logs", 4);
        m.put("submissions", 4);
        m.put("statehash", 5);
        return m;
    }

    /** The database's clock, rounded to the second: the "now" to seed twins with. */
    static long databaseNow(String database) throws SQLException {
        try (Connection c = TestPostgres.dataSource(database).getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT extract(epoch FROM now())::bigint")) {
            r.next();
            return r.getLong(1);
        }
    }

    static void populate(DataSource dataSource, long now) throws SQLException {
        OffsetDateTime stamp = OffsetDateTime.ofInstant(java.time.Instant.ofEpochSecond(now), ZoneOffset.UTC);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            Map<String, Integer> hash = new LinkedHashMap<>();
            for (String v : List.of("sA", "sB", "sC", "sD", "sE", "sF", "sG", "sH", "sI")) {
                hash.put(v, id(c, "INSERT INTO statehash (value) VALUES ('" + v + "') RETURNING id"));
            }
            int[] nodes = new int[3];
            for (int n = 0; n < 3; n++) {
                nodes[n] = id(c, "INSERT INTO nodes (block_producer_key, score, score_percent) VALUES ('B62node" + n
                        + "', 0, 0) RETURNING id");
            }
            try (PreparedStatement batch = c.prepareStatement("INSERT INTO bot_logs (processing_time, files_processed,"
                    + " file_timestamps, batch_start_epoch, batch_end_epoch) VALUES (?, ?, ?, ?, ?) RETURNING id");
                    PreparedStatement point = c.prepareStatement("INSERT INTO points (file_name, file_timestamps,"
                            + " blockchain_epoch, blockchain_height, amount, created_at, node_id, bot_log_id, statehash_id)"
                            + " VALUES (?, ?, ?, NULL, 1, ?, ?, ?, ?)");
                    PreparedStatement link = c.prepareStatement("INSERT INTO bot_logs_statehash"
                            + " (parent_statehash_id, statehash_id, weight, bot_log_id) VALUES (?, ?, ?, ?)")) {
                for (int i = 0; i < BATCH_AGES.length; i++) {
                    boolean old = BATCH_AGES[i] > 180;
                    long start = now - BATCH_AGES[i] * 86_400L - 3_600;
                    batch.setDouble(1, 1.25 + i);
                    batch.setInt(2, i + 2);
                    batch.setObject(3, OffsetDateTime.ofInstant(java.time.Instant.ofEpochSecond(start + 1_200), ZoneOffset.UTC));
                    batch.setLong(4, start);
                    batch.setLong(5, start + 1_200);
                    int batchId;
                    try (ResultSet r = batch.executeQuery()) {
                        r.next();
                        batchId = r.getInt(1);
                    }
                    for (int n = 0; n <= i % 3; n++) {
                        for (int k = 0; k < 2; k++) {
                            boolean shared = (i == 0 || i == 4) && n == 0 && k == 0;
                            point.setString(1, "b" + i + "-n" + n + "-" + k + (k == 1 ? ", \"copy\".json" : ".json"));
                            point.setObject(2, stamp.minusDays(BATCH_AGES[i]).minusNanos(123_456_000L * k));
                            point.setLong(3, 80 + i);
                            point.setObject(4, stamp.minusDays(BATCH_AGES[i]));
                            point.setInt(5, nodes[n]);
                            point.setInt(6, batchId);
                            point.setInt(7, hash.get(shared ? "sI" : old ? "sF" : "sC"));
                            point.executeUpdate();
                        }
                    }
                    link(link, hash.get(old ? "sE" : "sB"), hash.get(old ? "sD" : "sA"), batchId);
                    if (i == 0) {
                        link(link, hash.get("sA"), hash.get("sI"), batchId);
                    }
                    if (i == 4) {
                        link(link, hash.get("sI"), hash.get("sD"), batchId);
                    }
                }
            }
            try (PreparedStatement sub = c.prepareStatement("INSERT INTO submissions (submitted_at_date, submitted_at,"
                    + " submitter, created_at, block_hash, remote_addr, peer_id, snark_work, graphql_control_port,"
                    + " built_with_commit_sha, state_hash, parent, height, slot, validation_error, verified)"
                    + " VALUES (?, ?, ?, ?, 'block', ?, ?, ?, ?, ?, 'sD', NULL, ?, ?, ?, ?)")) {
                LocalDate today = LocalDate.ofEpochDay(Math.floorDiv(now, 86_400L));
                for (int age : SUBMISSION_AGES) {
                    LocalDate day = today.minusDays(age);
                    sub.setObject(1, day);
                    sub.setObject(2, LocalDateTime.of(day, java.time.LocalTime.of(12, 0, 0, 250_000_000)));
                    sub.setString(3, "age" + age);
                    sub.setObject(4, LocalDateTime.of(day, java.time.LocalTime.of(12, 0, 1)));
                    sub.setString(5, age == 300 ? AWKWARD_TEXT : "10.0.0." + age);
                    sub.setString(6, age % 3 == 0 ? "" : "peer" + age);
                    sub.setBytes(7, age % 2 == 0 ? new byte[] {0, 10, 13, 44, 34, (byte) 255} : null);
                    sub.setInt(8, 3085);
                    sub.setString(9, "commit-é-" + age);
                    sub.setInt(10, 1000 + age);
                    sub.setInt(11, 2000 + age);
                    sub.setString(12, age % 4 == 0 ? null : "error, \"" + age + "\"");
                    if (age % 5 == 0) {
                        sub.setNull(13, java.sql.Types.BOOLEAN);
                    } else {
                        sub.setBoolean(13, age % 2 == 0);
                    }
                    sub.executeUpdate();
                }
            }
            c.commit();
        }
    }

    private static void link(PreparedStatement link, int parent, int child, int batchId) throws SQLException {
        link.setInt(1, parent);
        link.setInt(2, child);
        link.setInt(3, 1 + batchId % 7);
        link.setInt(4, batchId);
        link.executeUpdate();
    }

    private static int id(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getInt(1);
        }
    }
}
