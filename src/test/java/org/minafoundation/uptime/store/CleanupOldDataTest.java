package org.minafoundation.uptime.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.minafoundation.uptime.support.Cli;
import org.minafoundation.uptime.support.TestPostgres;

/**
 * cleanup_old_data(180) on 400 days of data: exactly the old rows of each table go, and
 * the state hashes that kept rows still refer to stay.
 */
class CleanupOldDataTest {

    /** Ages in days of the batches (start epoch) and of the submissions (date); none near the 180-day edge. */
    static final int[] BATCH_AGES = {1, 45, 120, 175, 185, 250, 320, 399};
    static final int[] SUBMISSION_AGES = {0, 10, 50, 100, 150, 176, 184, 200, 300, 399};

    /** Deleted rows per table, in the order the function deletes them. */
    static final Map<String, Long> EXPECTED_DELETED = expectedDeleted();

    private static Map<String, Long> expectedDeleted() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("points_summary", 8L);
        m.put("points", 16L);
        m.put("bot_logs_statehash", 5L);
        m.put("bot_logs", 4L);
        m.put("submissions", 4L);
        m.put("statehash", 5L);
        return m;
    }

    @Test
    void deletesExactlyTheOldRowsAndKeepsReferencedStateHashes() throws Exception {
        String db = createdDatabase();
        DataSource dataSource = TestPostgres.dataSource(db);
        List<Integer> keptBatches = populate(dataSource);
        Map<String, Long> before = counts(dataSource);

        TestPostgres.execute(db, "SELECT cleanup_old_data(180)");

        Map<String, Long> after = counts(dataSource);
        for (String table : EXPECTED_DELETED.keySet()) {
            assertEquals(EXPECTED_DELETED.get(table), before.get(table) - after.get(table), "deleted from " + table);
        }
        assertEquals(Map.of("points_summary", 7L, "points", 14L, "bot_logs_statehash", 5L, "bot_logs", 4L,
                "submissions", 6L, "statehash", 4L), after);
        assertEquals(new TreeSet<>(keptBatches), strings(dataSource, "SELECT id FROM bot_logs").stream()
                .map(Integer::valueOf).collect(java.util.stream.Collectors.toCollection(TreeSet::new)));
        assertEquals(Set.of("sA", "sB", "sC", "sI"), strings(dataSource, "SELECT value FROM statehash"));
        assertEquals(Set.of("age0", "age10", "age50", "age100", "age150", "age176"),
                strings(dataSource, "SELECT submitter FROM submissions"));
        // Nothing left points at a deleted batch.
        assertEquals(Set.of(), strings(dataSource, "SELECT bot_log_id FROM points WHERE bot_log_id NOT IN (SELECT id FROM bot_logs)"
                + " UNION SELECT bot_log_id FROM points_summary WHERE bot_log_id NOT IN (SELECT id FROM bot_logs)"
                + " UNION SELECT bot_log_id FROM bot_logs_statehash WHERE bot_log_id NOT IN (SELECT id FROM bot_logs)"));
    }

    @Test
    void cleanupCommandPrintsTheCountPerTable() throws Exception {
        String db = createdDatabase();
        populate(TestPostgres.dataSource(db));

        Cli.Result result = Cli.run(TestPostgres.environment(db), "cleanup", "--days", "180");

        assertEquals(0, result.exitCode(), result.err());
        Map<String, Long> printed = new LinkedHashMap<>();
        Matcher m = Pattern.compile("(?m)^\\s+(\\w+)\\s+(\\d+)\\s*$").matcher(result.out());
        while (m.find()) {
            printed.put(m.group(1), Long.valueOf(m.group(2)));
        }
        assertEquals(new ArrayList<>(EXPECTED_DELETED.entrySet()), new ArrayList<>(printed.entrySet()), result.out());
        assertEquals(4L, counts(TestPostgres.dataSource(db)).get("bot_logs"));

        Cli.Result again = Cli.run(TestPostgres.environment(db), "cleanup", "--days", "180");
        assertEquals(0, again.exitCode(), again.err());
        assertEquals(6, Pattern.compile("(?m)^\\s+\\w+\\s+0\\s*$").matcher(again.out()).results().count(), again.out());
    }

    @Test
    void cleanupRejectsBadDays() {
        String db = TestPostgres.newDatabaseName();
        assertEquals(2, Cli.run(TestPostgres.environment(db), "cleanup", "--days", "0").exitCode());
        assertEquals(2, Cli.run(TestPostgres.environment(db), "cleanup", "--days", "many").exitCode());
        assertEquals(2, Cli.run(TestPostgres.environment(db), "cleanup").exitCode());
    }

    private static String createdDatabase() {
        String db = TestPostgres.newDatabaseName();
        Cli.Result created = Cli.run(TestPostgres.environment(db), "create-database");
        assertEquals(0, created.exitCode(), created.err());
        return db;
    }

    /**
     * Eight batches (four under 180 days old, four older) with points on one to three nodes,
     * state-hash links, ten submissions and nine state hashes: sA, sB, sC only used by kept
     * rows, sI by kept and deleted rows, sD, sE, sF only by deleted rows, sG, sH by nothing.
     * Returns the ids of the batches that must stay.
     */
    static List<Integer> populate(DataSource dataSource) throws Exception {
        List<Integer> kept = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            long now;
            try (ResultSet r = s.executeQuery("SELECT extract(epoch FROM now())::bigint")) {
                r.next();
                now = r.getLong(1);
            }
            Map<String, Integer> hash = new LinkedHashMap<>();
            for (String v : List.of("sA", "sB", "sC", "sD", "sE", "sF", "sG", "sH", "sI")) {
                hash.put(v, insertReturningId(c, "INSERT INTO statehash (value) VALUES ('" + v + "') RETURNING id"));
            }
            List<Integer> nodes = new ArrayList<>();
            for (int n = 1; n <= 3; n++) {
                nodes.add(insertReturningId(c, "INSERT INTO nodes (block_producer_key, score, score_percent) VALUES ('B62node" + n
                        + "', 0, 0) RETURNING id"));
            }
            try (PreparedStatement batch = c.prepareStatement("INSERT INTO bot_logs (processing_time, files_processed,"
                    + " file_timestamps, batch_start_epoch, batch_end_epoch) VALUES (1, 2, to_timestamp(?), ?, ?) RETURNING id");
                    PreparedStatement point = c.prepareStatement("INSERT INTO points (file_name, file_timestamps, amount,"
                            + " created_at, node_id, bot_log_id, statehash_id) VALUES (?, now(), 1, now(), ?, ?, ?)");
                    PreparedStatement link = c.prepareStatement("INSERT INTO bot_logs_statehash"
                            + " (parent_statehash_id, statehash_id, weight, bot_log_id) VALUES (?, ?, 1, ?)")) {
                for (int i = 0; i < BATCH_AGES.length; i++) {
                    boolean old = BATCH_AGES[i] > 180;
                    long start = now - BATCH_AGES[i] * 86_400L - 3_600;
                    batch.setLong(1, start + 1_200);
                    batch.setLong(2, start);
                    batch.setLong(3, start + 1_200);
                    int batchId;
                    try (ResultSet r = batch.executeQuery()) {
                        r.next();
                        batchId = r.getInt(1);
                    }
                    if (!old) {
                        kept.add(batchId);
                    }
                    for (int n = 0; n <= i % 3; n++) {
                        for (int k = 0; k < 2; k++) {
                            boolean shared = (i == 0 || i == 4) && n == 0 && k == 0;
                            point.setString(1, "b" + i + "-n" + n + "-" + k + ".json");
                            point.setInt(2, nodes.get(n));
                            point.setInt(3, batchId);
                            point.setInt(4, hash.get(shared ? "sI" : old ? "sF" : "sC"));
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
                    + " submitter, created_at, block_hash, state_hash) VALUES (current_date - ?, (current_date - ?) + time '12:00',"
                    + " ?, now(), 'block', 'sD')")) {
                for (int age : SUBMISSION_AGES) {
                    sub.setInt(1, age);
                    sub.setInt(2, age);
                    sub.setString(3, "age" + age);
                    sub.executeUpdate();
                }
            }
        }
        return kept;
    }

    private static void link(PreparedStatement link, int parent, int child, int batchId) throws Exception {
        link.setInt(1, parent);
        link.setInt(2, child);
        link.setInt(3, batchId);
        link.executeUpdate();
    }

    private static int insertReturningId(Connection c, String sql) throws Exception {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getInt(1);
        }
    }

    static Map<String, Long> counts(DataSource dataSource) throws Exception {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (String table : EXPECTED_DELETED.keySet()) {
                try (ResultSet r = s.executeQuery("SELECT count(*) FROM " + table)) {
                    r.next();
                    counts.put(table, r.getLong(1));
                }
            }
        }
        return counts;
    }

    private static Set<String> strings(DataSource dataSource, String sql) throws Exception {
        Set<String> values = new TreeSet<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                values.add(r.getString(1));
            }
        }
        return values;
    }
}
