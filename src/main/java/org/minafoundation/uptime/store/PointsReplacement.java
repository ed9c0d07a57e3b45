package org.minafoundation.uptime.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.minafoundation.uptime.scoring.Submission;

/**
 * Makes a stored batch's points those a first-time run would write now, touching only the
 * rows that differ: a rescore that changes little writes little. The batch's stored points
 * are read once and matched here, one stored row per new point (a damaged batch may hold
 * duplicates, or rows pointing elsewhere); the unmatched stored rows are deleted and the
 * unmatched new points inserted as a first-time run inserts them. A kept point keeps its
 * {@code created_at} (when it was first granted).
 *
 * <p>Matching in memory instead of in SQL saves sending a batch's points to the server
 * only to find, in most batches, that nothing changed.
 */
final class PointsReplacement {

    /*
     * A stored point by the values a first-time run derives from its submission: the
     * producer by key and the state hash by value, as the insert resolves them.
     */
    private static final String STORED = """
            SELECT p.id, p.file_name, p.file_timestamps, p.blockchain_epoch, n.block_producer_key, p.node_id,
                   p.blockchain_height, sh.value, p.amount
            FROM points p
            LEFT JOIN nodes n ON n.id = p.node_id
            LEFT JOIN statehash sh ON sh.id = p.statehash_id
            WHERE p.bot_log_id = ?
            """;

    /** What identifies a point's content (everything but its id, batch and {@code created_at}). */
    private record Content(String fileName, Instant fileTimestamp, Long epoch, String producer, Long height,
            String stateHash) {
    }

    /**
     * The first node id of each producer key held by more than one node (the reference's
     * {@code nodes} has no unique key): points go to the first, as {@link BatchWrites} inserts them.
     */
    private final Map<String, Integer> firstOfDuplicatedKeys;

    private PointsReplacement(Map<String, Integer> firstOfDuplicatedKeys) {
        this.firstOfDuplicatedKeys = firstOfDuplicatedKeys;
    }

    /**
     * Reads which producer keys are duplicated. Rescore adds only keys missing from
     * {@code nodes}, so the answer holds for the whole run.
     */
    static PointsReplacement forRun(Connection c) throws SQLException {
        Map<String, Integer> duplicated = new HashMap<>();
        try (PreparedStatement p = c.prepareStatement(
                "SELECT block_producer_key, min(id) FROM nodes GROUP BY block_producer_key HAVING count(*) > 1");
                ResultSet r = p.executeQuery()) {
            while (r.next()) {
                duplicated.put(r.getString(1), r.getInt(2));
            }
        }
        return new PointsReplacement(duplicated);
    }

    /** Replaces batch {@code botLogId}'s points by those of {@code rows}. */
    void replace(Connection c, int botLogId, List<Submission> rows, Instant now) throws SQLException {
        Map<Content, List<Integer>> stored = stored(c, botLogId);
        List<Submission> missing = new ArrayList<>();
        for (Submission row : rows) {
            List<Integer> ids = stored.get(content(row, now));
            if (ids == null || ids.isEmpty()) {
                missing.add(row);
            } else {
                ids.remove(0);
            }
        }
        List<Integer> extra = new ArrayList<>();
        stored.values().forEach(extra::addAll);
        if (!extra.isEmpty()) {
            try (PreparedStatement p = c.prepareStatement("DELETE FROM points WHERE id = ANY (?)")) {
                p.setArray(1, c.createArrayOf("int4", extra.toArray()));
                p.executeUpdate();
            }
        }
        BatchWrites.insertPoints(c, botLogId, missing, now);
    }

    /**
     * The batch's stored points by content, oldest id first. A row without a producer, state
     * hash or amount 1, or granted to a producer's second node, matches no new point (null).
     */
    private Map<Content, List<Integer>> stored(Connection c, int botLogId) throws SQLException {
        Map<Content, List<Integer>> stored = new HashMap<>();
        try (PreparedStatement p = c.prepareStatement(STORED + " ORDER BY p.id")) {
            p.setInt(1, botLogId);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    int id = r.getInt(1);
                    OffsetDateTime fileTimestamp = r.getObject(3, OffsetDateTime.class);
                    String producer = r.getString(5);
                    Integer nodeId = r.getObject(6, Integer.class);
                    boolean firstNode = Objects.equals(nodeId, firstOfDuplicatedKeys.getOrDefault(producer, nodeId));
                    Content content = firstNode && Objects.equals(r.getObject(9, Integer.class), 1)
                            ? new Content(r.getString(2), fileTimestamp == null ? null : fileTimestamp.toInstant(),
                                    r.getObject(4, Long.class), producer, r.getObject(7, Long.class), r.getString(8))
                            : null;
                    stored.computeIfAbsent(content, k -> new ArrayList<>()).add(id);
                }
            }
        }
        return stored;
    }

    /** The content a first-time run gives a submission's point (see {@link BatchWrites#insertPoints}). */
    private static Content content(Submission row, Instant now) {
        Instant submittedAt = row.submittedAt().truncatedTo(ChronoUnit.MICROS);
        return new Content(BatchWrites.fileName(row), submittedAt, BatchWrites.epoch(row, now), row.submitter(),
                row.height(), row.stateHash());
    }
}
