package org.minafoundation.uptime.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.minafoundation.uptime.model.Batch;
import org.minafoundation.uptime.model.BatchResult;
import org.minafoundation.uptime.scoring.BatchScore;
import org.minafoundation.uptime.scoring.ShortlistEntry;
import org.minafoundation.uptime.scoring.Submission;
import org.minafoundation.uptime.model.BatchSubmissions;

/**
 * Reads where the coordinator stands and writes one batch's results. Everything a batch
 * writes goes through {@link #commit} on one connection in one transaction, set-based:
 * a crash at any instant leaves the database as after the previous batch.
 */
public final class BatchStore {

    private final DataSource dataSource;
    private final Clock clock;
    private final int uptimeDays;
    private final CoordinatorLock lock;

    /** {@code lock}: the coordinator lock this process holds, proved inside every commit. */
    public BatchStore(DataSource dataSource, Clock clock, int uptimeDays, CoordinatorLock lock) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.uptimeDays = uptimeDays;
        this.lock = lock;
    }

    /*
     * The newest batch by its end. A row without an end (the column is nullable) is no
     * batch: DESC would sort it first and restart time at 1970.
     */
    private static final String NEWEST = "SELECT id, batch_end_epoch FROM bot_logs WHERE batch_end_epoch IS NOT NULL"
            + " ORDER BY batch_end_epoch DESC, id DESC LIMIT 1";

    /** The batch after the newest {@code bot_logs} row. */
    public Batch nextBatch(Duration interval, int sliceCount) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement p = c.prepareStatement(NEWEST);
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
        try (Connection c = dataSource.getConnection()) {
            return StoredShortlist.of(c, botLogId);
        }
    }

    /** Writes the batch, its points and shortlist, and the scoreboard, all or nothing. */
    public BatchResult commit(Batch batch, BatchSubmissions submissions, BatchScore score, double verificationSeconds)
            throws SQLException {
        Instant now = clock.instant();
        return Transaction.of(dataSource, c -> {
            ensureStillNext(c, batch);
            BatchWrites.insertStateHashes(c, submissions.scored());
            BatchWrites.insertNodes(c, submissions.scored(), now);
            int botLogId = insertBotLog(c, batch, submissions, score, verificationSeconds);
            BatchWrites.insertShortlist(c, botLogId, score.nextShortlist());
            BatchWrites.insertPoints(c, botLogId, score.pointRows(), now);
            Scoreboard.update(c, batch.startEpoch(), batch.endEpoch(), uptimeDays);
            SubmissionCopy.insert(c, submissions.toCopy());
            return new BatchResult(botLogId, score.pointRows().size(),
                    (int) score.pointRows().stream().map(Submission::submitter).distinct().count(),
                    score.shortlist().size());
        });
    }

    /**
     * This process must still hold the coordinator lock, and the batch's predecessor must
     * still be the newest batch: a coordinator that lost its lock while waiting for a batch
     * to end may find that another one has processed it.
     */
    private void ensureStillNext(Connection c, Batch batch) throws SQLException {
        lock.proveHeldIn(c);
        try (PreparedStatement p = c.prepareStatement(NEWEST); ResultSet r = p.executeQuery()) {
            boolean stillNext = r.next() && r.getInt(1) == batch.previousBotLogId()
                    && r.getLong(2) == batch.startEpoch();
            if (!stillNext) {
                throw new BatchAlreadyCommitted(batch);
            }
        }
    }

    private static int insertBotLog(Connection c, Batch batch, BatchSubmissions submissions, BatchScore score,
            double verificationSeconds) throws SQLException {
        Instant fileTimestamp = BatchWrites.fileTimestamp(batch, submissions, score);
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
}
