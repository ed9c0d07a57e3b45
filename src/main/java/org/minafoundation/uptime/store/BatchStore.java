package org.minafoundation.uptime.store;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.apache.camel.ExchangeProperty;
import org.minafoundation.uptime.batch.Batch;
import org.minafoundation.uptime.batch.BatchResult;
import org.minafoundation.uptime.scoring.BatchScore;
import org.minafoundation.uptime.scoring.ShortlistEntry;
import org.minafoundation.uptime.scoring.Submission;
import org.minafoundation.uptime.submissions.BatchSubmissions;

/**
 * Reads where the coordinator stands and writes one batch's results. Everything a batch
 * writes goes through {@link #commit} on one connection in one transaction, set-based:
 * a crash at any instant leaves the database as after the previous batch.
 */
public final class BatchStore {

    /** {@code points.file_name} and timestamp literals: microseconds, UTC. */
    private static final DateTimeFormatter MICROS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);

    private final DataSource dataSource;
    private final Clock clock;
    private final int uptimeDays;

    public BatchStore(DataSource dataSource, Clock clock, int uptimeDays) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.uptimeDays = uptimeDays;
    }

    /** The batch after the newest {@code bot_logs} row. */
    public Batch nextBatch(Duration interval, int sliceCount) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement p = c.prepareStatement(
                        "SELECT id, batch_end_epoch FROM bot_logs ORDER BY batch_end_epoch DESC, id DESC LIMIT 1");
                ResultSet r = p.executeQuery()) {
            if (!r.next()) {
                throw new IllegalStateException("bot_logs is empty: run init-database to choose where to start");
            }
            Instant start = Instant.ofEpochSecond(r.getLong(2));
            return new Batch(start, start.plus(interval), r.getInt(1), sliceCount);
        }
    }

    /** The shortlist stored by the batch {@code botLogId}, in stored order. */
    public List<ShortlistEntry> shortlistOf(int botLogId) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement p = c.prepareStatement(
                        "SELECT ps.value, s.value, b.weight FROM bot_logs_statehash b"
                                + " JOIN statehash s ON s.id = b.statehash_id"
                                + " LEFT JOIN statehash ps ON ps.id = b.parent_statehash_id"
                                + " WHERE b.bot_log_id = ? ORDER BY b.id")) {
            p.setInt(1, botLogId);
            List<ShortlistEntry> entries = new ArrayList<>();
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    entries.add(new ShortlistEntry(r.getString(1), r.getString(2), r.getInt(3)));
                }
            }
            return entries;
        }
    }

    /** Writes the batch, its points and shortlist, and the scoreboard, all or nothing. */
    public BatchResult commit(
            @ExchangeProperty("batch") Batch batch,
            @ExchangeProperty("submissions") BatchSubmissions submissions,
            @ExchangeProperty("score") BatchScore score,
            @ExchangeProperty("verificationSeconds") double verificationSeconds) throws SQLException {
        Instant now = clock.instant();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                insertStateHashes(c, submissions.scored());
                insertNodes(c, submissions.scored(), now);
                int botLogId = insertBotLog(c, batch, submissions, score, verificationSeconds);
                insertShortlist(c, botLogId, score.nextShortlist());
                insertPoints(c, botLogId, score.pointRows(), now);
                Scoreboard.update(c, batch.startEpoch(), batch.endEpoch(), uptimeDays);
                SubmissionCopy.insert(c, submissions.toCopy());
                c.commit();
                return new BatchResult(botLogId, score.pointRows().size(),
                        (int) score.pointRows().stream().map(Submission::submitter).distinct().count(),
                        score.shortlist().size());
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c, e);
                throw e;
            }
        }
    }

    /** Rolls back without hiding the original failure (the connection may be broken by it). */
    private static void rollbackQuietly(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException rollbackFailure) {
            cause.addSuppressed(rollbackFailure);
        }
    }

    private static void insertStateHashes(Connection c, List<Submission> rows) throws SQLException {
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

    private static void insertNodes(Connection c, List<Submission> rows, Instant now) throws SQLException {
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

    private static int insertBotLog(Connection c, Batch batch, BatchSubmissions submissions, BatchScore score,
            double verificationSeconds) throws SQLException {
        Instant fileTimestamp = score.pointRows().isEmpty()
                ? batch.end()
                : submissions.scored().stream().map(Submission::submittedAt).min(Comparator.naturalOrder()).get();
        try (PreparedStatement p = c.prepareStatement(
                "INSERT INTO bot_logs (files_processed, file_timestamps, batch_start_epoch, batch_end_epoch, processing_time)"
                        + " VALUES (?, ?, ?, ?, ?) RETURNING id")) {
            p.setInt(1, submissions.valid());
            p.setObject(2, fileTimestamp.atOffset(ZoneOffset.UTC));
            p.setLong(3, batch.startEpoch());
            p.setLong(4, batch.endEpoch());
            p.setDouble(5, verificationSeconds);
            try (ResultSet r = p.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }

    private static void insertShortlist(Connection c, int botLogId, List<ShortlistEntry> entries) throws SQLException {
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

    private static void insertPoints(Connection c, int botLogId, List<Submission> rows, Instant now) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        int n = rows.size();
        Object[] fileNames = new Object[n];
        Object[] submittedAt = new Object[n];
        Object[] epochs = new Object[n];
        Object[] submitters = new Object[n];
        Object[] heights = new Object[n];
        Object[] hashes = new Object[n];
        for (int i = 0; i < n; i++) {
            Submission row = rows.get(i);
            String at = MICROS.format(row.submittedAt());
            fileNames[i] = at + "-" + row.submitter();
            submittedAt[i] = at + "+00";
            // The reference stores the submission's created_at; fall back to now when the backend left it empty.
            epochs[i] = (row.createdAt() != null ? row.createdAt() : now).toEpochMilli();
            submitters[i] = row.submitter();
            heights[i] = row.height();
            hashes[i] = row.stateHash();
        }
        try (PreparedStatement p = c.prepareStatement(
                "INSERT INTO points (file_name, file_timestamps, blockchain_epoch, node_id, blockchain_height, amount,"
                        + " created_at, bot_log_id, statehash_id)"
                        + " SELECT e.file_name, e.submitted_at::timestamptz, e.epoch,"
                        + " (SELECT min(n.id) FROM nodes n WHERE n.block_producer_key = e.submitter),"
                        + " e.height, 1, ?, ?, sh.id"
                        + " FROM unnest(?::text[], ?::text[], ?::bigint[], ?::text[], ?::bigint[], ?::text[])"
                        + " WITH ORDINALITY AS e(file_name, submitted_at, epoch, submitter, height, hash, ord)"
                        + " JOIN statehash sh ON sh.value = e.hash ORDER BY e.ord")) {
            p.setObject(1, now.atOffset(ZoneOffset.UTC));
            p.setInt(2, botLogId);
            p.setArray(3, array(c, "text", fileNames));
            p.setArray(4, array(c, "text", submittedAt));
            p.setArray(5, array(c, "int8", epochs));
            p.setArray(6, array(c, "text", submitters));
            p.setArray(7, array(c, "int8", heights));
            p.setArray(8, array(c, "text", hashes));
            p.executeUpdate();
        }
    }

    private static Array array(Connection c, String type, Object[] values) throws SQLException {
        return c.createArrayOf(type, values);
    }
}
