package org.minafoundation.uptime.store;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.minafoundation.uptime.model.StoredSubmission;
import org.minafoundation.uptime.scoring.ShortlistEntry;

/**
 * What the database holds of one producer in the processed batches of a period: the batches,
 * its points, its submissions and each batch's stored shortlist; the raw material of the
 * batch-by-batch reasons (SPEC §12). A handful of set-based queries per request, whatever
 * the number of batches.
 */
public final class ProducerBatches {

    /** A processed batch (never the init row, whose window is empty), with the row before it. */
    public record ProcessedBatch(int botLogId, long startEpoch, long endEpoch, int filesProcessed,
            double processingSeconds, int previousBotLogId) {

        public boolean counted() {
            return filesProcessed > -1;
        }

        public Instant start() {
            return Instant.ofEpochSecond(startEpoch);
        }

        public Instant end() {
            return Instant.ofEpochSecond(endEpoch);
        }
    }

    /**
     * Everything stored about the producer in the period; {@code shortlists} holds those of the
     * period's batches and of the batch before each (what scoring that batch again starts from).
     */
    public record Period(List<ProcessedBatch> batches, Map<Integer, String> pointHashes,
            List<StoredSubmission> submissions, Map<Integer, List<ShortlistEntry>> shortlists,
            Map<Integer, Boolean> submissionsStored) {

        /** The batch's stored shortlist in stored order (empty when it stored none). */
        public List<ShortlistEntry> shortlist(int botLogId) {
            return shortlists.getOrDefault(botLogId, List.of());
        }

        /** The batch's shortlisted hashes with their weights. */
        public Map<String, Integer> weights(int botLogId) {
            Map<String, Integer> weights = new LinkedHashMap<>();
            shortlist(botLogId).forEach(entry -> weights.putIfAbsent(entry.stateHash(), entry.weight()));
            return weights;
        }
    }

    private static final String BATCHES = "SELECT b.id, b.batch_start_epoch, b.batch_end_epoch, b.files_processed,"
            + " coalesce(b.processing_time, 0),"
            + " (SELECT p.id FROM bot_logs p WHERE p.batch_end_epoch IS NOT NULL AND (p.batch_end_epoch < b.batch_end_epoch"
            + " OR (p.batch_end_epoch = b.batch_end_epoch AND p.id < b.id)) ORDER BY p.batch_end_epoch DESC, p.id DESC LIMIT 1)"
            + " FROM bot_logs b WHERE b.batch_start_epoch >= ? AND b.batch_start_epoch < ?"
            + " AND b.batch_start_epoch < b.batch_end_epoch ORDER BY b.batch_end_epoch, b.id";

    private static final String POINTS = "SELECT p.bot_log_id, s.value FROM points p JOIN nodes n ON n.id = p.node_id"
            + " LEFT JOIN statehash s ON s.id = p.statehash_id WHERE n.block_producer_key = ? AND p.bot_log_id = ANY (?)"
            + " ORDER BY p.id";

    private static final String SUBMISSIONS = "SELECT submitted_at, submitter, created_at, state_hash, parent, height,"
            + " slot, validation_error, verified FROM submissions"
            + " WHERE submitter = ? AND submitted_at >= ? AND submitted_at < ? ORDER BY submitted_at, id";


    /** The batches among {@code ids} with at least one stored submission in their window (UTC, no zone). */
    private static final String WITH_SUBMISSIONS = "SELECT b.id FROM bot_logs b WHERE b.id = ANY (?) AND EXISTS ("
            + "SELECT 1 FROM submissions s WHERE s.submitted_at >= to_timestamp(b.batch_start_epoch) AT TIME ZONE 'UTC'"
            + " AND s.submitted_at < to_timestamp(b.batch_end_epoch) AT TIME ZONE 'UTC')";

    private final DataSource dataSource;

    public ProducerBatches(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The batches starting in {@code [from, to)}, oldest first. */
    public List<ProcessedBatch> batches(Instant from, Instant to) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return batches(c, from, to);
        }
    }

    /** One batch by its id, if it is a processed batch. */
    public Optional<ProcessedBatch> batch(int botLogId) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement p = c.prepareStatement("SELECT batch_start_epoch FROM bot_logs WHERE id = ?"
                        + " AND batch_start_epoch < batch_end_epoch")) {
            p.setInt(1, botLogId);
            try (ResultSet r = p.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                Instant start = Instant.ofEpochSecond(r.getLong(1));
                return batches(c, start, start.plusSeconds(1)).stream().filter(b -> b.botLogId() == botLogId).findFirst();
            }
        }
    }

    /** The batch's stored shortlist, in stored order. */
    public List<ShortlistEntry> shortlist(int botLogId) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return StoredShortlist.of(c, botLogId);
        }
    }

    /** How many producers earned a point in the batch. */
    public int producersWithPoint(int botLogId) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement p = c.prepareStatement("SELECT count(DISTINCT node_id) FROM points WHERE bot_log_id = ?")) {
            p.setInt(1, botLogId);
            try (ResultSet r = p.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }

    /** The batches of the period and their shortlists (and the previous batches'), of nobody in particular. */
    public Period shortlisted(Instant from, Instant to) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            List<ProcessedBatch> batches = batches(c, from, to);
            return new Period(batches, Map.of(), List.of(), shortlists(c, batches), Map.of());
        }
    }

    private static Map<Integer, List<ShortlistEntry>> shortlists(Connection c, List<ProcessedBatch> batches)
            throws SQLException {
        Set<Integer> ids = new HashSet<>();
        batches.forEach(batch -> {
            ids.add(batch.botLogId());
            ids.add(batch.previousBotLogId());
        });
        return StoredShortlist.ofEach(c, ids);
    }

    /** The batches of the period and which gave the producer a point: nothing else (the 7-day strip). */
    public Period points(String key, Instant from, Instant to) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            List<ProcessedBatch> batches = batches(c, from, to);
            Array ids = c.createArrayOf("int4", batches.stream().map(ProcessedBatch::botLogId).toArray());
            return new Period(batches, points(c, key, ids), List.of(), Map.of(), Map.of());
        }
    }

    private static Map<Integer, String> points(Connection c, String key, Array ids) throws SQLException {
        Map<Integer, String> points = new HashMap<>();
        try (PreparedStatement p = c.prepareStatement(POINTS)) {
            p.setString(1, key);
            p.setArray(2, ids);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    points.putIfAbsent(r.getInt(1), r.getString(2));
                }
            }
        }
        return points;
    }

    public Period period(String key, Instant from, Instant to) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            List<ProcessedBatch> batches = batches(c, from, to);
            if (batches.isEmpty()) {
                return new Period(batches, Map.of(), List.of(), Map.of(), Map.of());
            }
            Array ids = c.createArrayOf("int4", batches.stream().map(ProcessedBatch::botLogId).toArray());
            Map<Integer, String> points = points(c, key, ids);
            List<StoredSubmission> submissions = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement(SUBMISSIONS)) {
                p.setString(1, key);
                p.setObject(2, SubmissionRow.utc(batches.get(0).start()));
                p.setObject(3, SubmissionRow.utc(batches.get(batches.size() - 1).end()));
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        submissions.add(SubmissionRow.of(r));
                    }
                }
            }
            Map<Integer, List<ShortlistEntry>> shortlists = shortlists(c, batches);
            Map<Integer, Boolean> stored = new HashMap<>();
            batches.forEach(batch -> stored.put(batch.botLogId(), false));
            try (PreparedStatement p = c.prepareStatement(WITH_SUBMISSIONS)) {
                p.setArray(1, ids);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        stored.put(r.getInt(1), true);
                    }
                }
            }
            return new Period(batches, points, submissions, shortlists, stored);
        }
    }

    private static List<ProcessedBatch> batches(Connection c, Instant from, Instant to) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(BATCHES)) {
            p.setLong(1, from.getEpochSecond());
            p.setLong(2, to.getEpochSecond());
            List<ProcessedBatch> batches = new ArrayList<>();
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    batches.add(new ProcessedBatch(r.getInt(1), r.getLong(2), r.getLong(3), r.getInt(4),
                            r.getDouble(5), r.getInt(6)));
                }
            }
            return batches;
        }
    }


}
