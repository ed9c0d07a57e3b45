package org.minafoundation.uptime.store;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.minafoundation.uptime.model.Batch;
import org.minafoundation.uptime.scoring.BatchScore;
import org.minafoundation.uptime.scoring.ShortlistEntry;
import org.minafoundation.uptime.scoring.Submission;
import org.minafoundation.uptime.model.BatchSubmissions;

/**
 * The rows a scored batch adds, each kind in one set-based statement: state hashes, new
 * producers, the shortlist and the points. Shared by the batch loop and {@code rescore},
 * so a recomputed batch is written exactly as a first-time one.
 */
final class BatchWrites {

    private BatchWrites() {
    }

    /** {@code bot_logs.file_timestamps}: the oldest scored submission, or the batch end when nobody scored. */
    static Instant fileTimestamp(Batch batch, BatchSubmissions submissions, BatchScore score) {
        return score.pointRows().isEmpty()
                ? batch.end()
                : submissions.scored().stream().map(Submission::submittedAt).min(Comparator.naturalOrder()).get();
    }

    static void insertStateHashes(Connection c, List<Submission> rows) throws SQLException {
        Set<String> hashes = new LinkedHashSet<>();
        for (Submission row : rows) {
            hashes.add(row.stateHash());
            if (row.parentHash() != null) {
                hashes.add(row.parentHash());
            }
        }
        try (PreparedStatement p = c.prepareStatement(
                "INSERT INTO statehash (value) SELECT DISTINCT v FROM unnest(?::text[]) AS v"
                        + " ON CONFLICT (value) DO NOTHING")) {
            p.setArray(1, c.createArrayOf("text", hashes.toArray()));
            p.executeUpdate();
        }
    }

    static void insertNodes(Connection c, List<Submission> rows, Instant now) throws SQLException {
        Object[] keys = rows.stream().map(Submission::submitter).distinct().toArray();
        try (PreparedStatement p = c.prepareStatement(
                "INSERT INTO nodes (block_producer_key, updated_at)"
                        + " SELECT k, ? FROM unnest(?::text[]) AS k"
                        + " WHERE NOT EXISTS (SELECT 1 FROM nodes n WHERE n.block_producer_key = k)")) {
            p.setObject(1, now.atOffset(ZoneOffset.UTC));
            p.setArray(2, c.createArrayOf("text", keys));
            p.executeUpdate();
        }
    }

    static void insertShortlist(Connection c, int botLogId, List<ShortlistEntry> entries) throws SQLException {
        if (entries.isEmpty()) {
            return;
        }
        try (PreparedStatement p = c.prepareStatement(
                "INSERT INTO bot_logs_statehash (parent_statehash_id, statehash_id, weight, bot_log_id)"
                        + " SELECT ph.id, sh.id, e.weight, ?"
                        + " FROM unnest(?::text[], ?::text[], ?::int[]) WITH ORDINALITY AS e(parent, hash, weight, ord)"
                        + " JOIN statehash sh ON sh.value = e.hash"
                        + " LEFT JOIN statehash ph ON ph.value = e.parent"
                        + " ORDER BY e.ord")) {
            p.setInt(1, botLogId);
            p.setArray(2, c.createArrayOf("text", entries.stream().map(ShortlistEntry::parentHash).toArray()));
            p.setArray(3, c.createArrayOf("text", entries.stream().map(ShortlistEntry::stateHash).toArray()));
            p.setArray(4, c.createArrayOf("int4", entries.stream().map(ShortlistEntry::weight).toArray()));
            p.executeUpdate();
        }
    }

    /*
     * A batch's point rows with their producer and state hash ids, from six arrays (file
     * name, submitted_at, epoch, submitter, height, state hash). min(id): the reference's
     * nodes table has no unique key, a producer may appear twice. One hash join over all
     * producers: a per-row lookup lets the planner walk the primary key for min(id) (tens
     * of microseconds a row when its statistics lag).
     */
    private static final String NEW_POINTS = """
            SELECT e.file_name, e.submitted_at::timestamptz AS file_timestamps, e.epoch, n.id AS node_id, e.height,
                   sh.id AS statehash_id, e.ord
            FROM unnest(?::text[], ?::text[], ?::bigint[], ?::text[], ?::bigint[], ?::text[])
                 WITH ORDINALITY AS e(file_name, submitted_at, epoch, submitter, height, hash, ord)
            JOIN statehash sh ON sh.value = e.hash
            JOIN (SELECT block_producer_key, min(id) AS id FROM nodes GROUP BY block_producer_key) n
              ON n.block_producer_key = e.submitter
            """;

    private static final String INSERT_POINTS = "INSERT INTO points (file_name, file_timestamps, blockchain_epoch,"
            + " node_id, blockchain_height, amount, created_at, bot_log_id, statehash_id)"
            + " SELECT e.file_name, e.file_timestamps, e.epoch, e.node_id, e.height, 1, ?, ?, e.statehash_id"
            + " FROM new_points e";

    /** A batch's new points: one row per scored submission whose state hash is shortlisted. */
    static void insertPoints(Connection c, int botLogId, List<Submission> rows, Instant now) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement p = c.prepareStatement(
                "WITH new_points AS (" + NEW_POINTS + ") " + INSERT_POINTS + " ORDER BY e.ord")) {
            bindPoints(c, p, rows, now);
            p.setObject(7, now.atOffset(ZoneOffset.UTC));
            p.setInt(8, botLogId);
            int inserted = p.executeUpdate();
            // Never a point lost silently: the producers and hashes were written just before.
            if (inserted != rows.size()) {
                throw new IllegalStateException(String.format("batch %d: only %d of %d points found their producer"
                        + " and state hash rows; nothing of the batch is written", botLogId, inserted, rows.size()));
            }
        }
    }

    /**
     * {@code points_summary} of a batch whose points were replaced: exactly its producers
     * with a point (the insert trigger only ever adds, and a damaged batch may miss some).
     */
    static void settlePointsSummary(Connection c, int botLogId) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("DELETE FROM points_summary ps WHERE ps.bot_log_id = ?"
                + " AND NOT EXISTS (SELECT 1 FROM points p WHERE p.bot_log_id = ps.bot_log_id AND p.node_id = ps.node_id)")) {
            p.setInt(1, botLogId);
            p.executeUpdate();
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO points_summary (bot_log_id, node_id)"
                + " SELECT DISTINCT p.bot_log_id, p.node_id FROM points p WHERE p.bot_log_id = ? AND p.node_id IS NOT NULL"
                + " AND NOT EXISTS (SELECT 1 FROM points_summary ps WHERE ps.bot_log_id = p.bot_log_id AND ps.node_id = p.node_id)")) {
            p.setInt(1, botLogId);
            p.executeUpdate();
        }
    }

    /** The six arrays of {@link #NEW_POINTS}, parameters 1 to 6. */
    private static void bindPoints(Connection c, PreparedStatement p, List<Submission> rows, Instant now)
            throws SQLException {
        int n = rows.size();
        Object[] fileNames = new Object[n];
        Object[] submittedAt = new Object[n];
        Object[] epochs = new Object[n];
        Object[] submitters = new Object[n];
        Object[] heights = new Object[n];
        Object[] hashes = new Object[n];
        for (int i = 0; i < n; i++) {
            Submission row = rows.get(i);
            String time = MicrosText.format(row.submittedAt());
            fileNames[i] = fileName(time, row);
            submittedAt[i] = time + "+00";
            epochs[i] = epoch(row, now);
            submitters[i] = row.submitter();
            heights[i] = row.height();
            hashes[i] = row.stateHash();
        }
        p.setArray(1, array(c, "text", fileNames));
        p.setArray(2, array(c, "text", submittedAt));
        p.setArray(3, array(c, "int8", epochs));
        p.setArray(4, array(c, "text", submitters));
        p.setArray(5, array(c, "int8", heights));
        p.setArray(6, array(c, "text", hashes));
    }

    /** {@code points.file_name}: the submission's time to the microsecond and its producer, as the reference names files. */
    static String fileName(Submission row) {
        return fileName(MicrosText.format(row.submittedAt()), row);
    }

    private static String fileName(String submittedAt, Submission row) {
        return submittedAt + "-" + row.submitter();
    }

    /** {@code points.blockchain_epoch}: the reference stores the submission's created_at; now when the backend left it empty. */
    static long epoch(Submission row, Instant now) {
        return (row.createdAt() != null ? row.createdAt() : now).toEpochMilli();
    }

    private static Array array(Connection c, String type, Object[] values) throws SQLException {
        return c.createArrayOf(type, values);
    }
}
