package org.minafoundation.uptime.store;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import javax.sql.DataSource;

/**
 * What the scores service reads of the scoreboard (SPEC §12): who is listed and how they
 * rank, the max score, a producer's score and its history. Every query is parameterised;
 * nothing of a request is ever part of the SQL text.
 *
 * @param everyoneListed IGNORE_APPLICATION_STATUS=1: every producer with a score is listed
 */
public record ScoresQueries(DataSource dataSource, int uptimeDays, boolean everyoneListed) {

    /** The newest batch whose file timestamp is not in the future: the scoreboard's "now". */
    private static final String NEWEST = "SELECT id, batch_end_epoch FROM bot_logs"
            + " WHERE batch_end_epoch IS NOT NULL AND file_timestamps <= now()"
            + " ORDER BY batch_end_epoch DESC, id DESC LIMIT 1";

    private static final String MAX_SCORE = "SELECT count(*) FROM bot_logs WHERE files_processed > -1"
            + " AND batch_start_epoch >= ? AND batch_end_epoch <= ?";

    /** Who is listed (applicants, or everyone with IGNORE_APPLICATION_STATUS=1), ranked. */
    private static final String LISTED = "SELECT block_producer_key, score, score_percent,"
            + " rank() OVER (ORDER BY score DESC) AS rank FROM nodes"
            + " WHERE score IS NOT NULL AND block_producer_key IS NOT NULL AND (application_status OR ?)";

    private static final String LISTED_AT = "SELECT n.block_producer_key, h.score, h.score_percent,"
            + " rank() OVER (ORDER BY h.score DESC) AS rank FROM score_history h JOIN nodes n ON n.id = h.node_id"
            + " WHERE h.score_at = (SELECT max(score_at) FROM score_history WHERE score_at < ?)"
            + " AND h.score IS NOT NULL AND n.block_producer_key IS NOT NULL AND (n.application_status OR ?)";

    /** The newest batch (its bot_logs id and end), empty before the first one. */
    public record NewestBatch(int botLogId, long endEpoch) {
    }

    public record Listed(int rank, String key, int score, BigDecimal scorePercent) {
    }

    /** One page of the leaderboard, with the number of producers matching in all. */
    public record Page(long updatedAtEpoch, long maxScore, long total, List<Listed> producers) {
    }

    public record HistoryPoint(Instant at, int score, BigDecimal scorePercent) {
    }

    public record Producer(String key, Integer score, BigDecimal scorePercent, Integer rank,
            Boolean applicationStatus, Optional<Instant> firstPointAt, Optional<Instant> lastPointAt) {
    }

    public Optional<NewestBatch> newestBatch() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return newestBatch(c);
        }
    }

    private static Optional<NewestBatch> newestBatch(Connection c) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(NEWEST); ResultSet r = p.executeQuery()) {
            return r.next() ? Optional.of(new NewestBatch(r.getInt(1), r.getLong(2))) : Optional.empty();
        }
    }

    /** The number of counted batches in the window ending at {@code endEpoch}: the score a producer can reach. */
    public long maxScore(long endEpoch) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return maxScore(c, endEpoch);
        }
    }

    private long maxScore(Connection c, long endEpoch) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(MAX_SCORE)) {
            p.setLong(1, ScoreboardWindow.startEpoch(endEpoch, uptimeDays));
            p.setLong(2, endEpoch);
            try (ResultSet r = p.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    /**
     * Listed producers whose key contains {@code search}, best first (score, then key),
     * {@code limit} from {@code offset}; ranks count every listed producer, searched or not.
     * With {@code at}, as the score history stood then (its newest rows strictly before).
     */
    public Page leaderboard(String search, int limit, int offset, Optional<Instant> at) throws SQLException {
        // one connection for the whole answer: a request never holds one while waiting for another
        try (Connection c = dataSource.getConnection()) {
            OptionalLong updatedAt = at.isPresent() ? historyTimeBefore(c, at.get())
                    : newestBatch(c).map(b -> OptionalLong.of(b.endEpoch())).orElse(OptionalLong.empty());
            if (updatedAt.isEmpty()) {
                return new Page(0, 0, 0, List.of());
            }
            return page(c, search, limit, offset, at, updatedAt.getAsLong());
        }
    }

    private Page page(Connection c, String search, int limit, int offset, Optional<Instant> at, long updatedAt)
            throws SQLException {
        String ranked = at.isPresent() ? LISTED_AT : LISTED;
        String sql = "SELECT block_producer_key, score, score_percent, rank, count(*) OVER () FROM (" + ranked + ") ranked"
                + " WHERE strpos(block_producer_key, ?) > 0 ORDER BY score DESC, block_producer_key LIMIT ? OFFSET ?";
        try (PreparedStatement p = c.prepareStatement(sql)) {
            int i = 1;
            if (at.isPresent()) {
                p.setObject(i++, SubmissionRow.utc(at.get()));
            }
            p.setBoolean(i++, everyoneListed);
            p.setString(i++, search);
            p.setInt(i++, limit);
            p.setInt(i, offset);
            List<Listed> rows = new ArrayList<>();
            long total = 0;
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    rows.add(new Listed(r.getInt(4), r.getString(1), r.getInt(2), r.getBigDecimal(3)));
                    total = r.getLong(5);
                }
            }
            if (rows.isEmpty() && offset > 0) {
                total = countListed(c, search, at);
            }
            return new Page(updatedAt, maxScore(c, updatedAt), total, rows);
        }
    }

    private long countListed(Connection c, String search, Optional<Instant> at) throws SQLException {
        String sql = "SELECT count(*) FROM (" + (at.isPresent() ? LISTED_AT : LISTED) + ") ranked"
                + " WHERE strpos(block_producer_key, ?) > 0";
        try (PreparedStatement p = c.prepareStatement(sql)) {
            int i = 1;
            if (at.isPresent()) {
                p.setObject(i++, SubmissionRow.utc(at.get()));
            }
            p.setBoolean(i++, everyoneListed);
            p.setString(i, search);
            try (ResultSet r = p.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    /** The newest score_history time strictly before {@code at}, as an epoch second. */
    private static OptionalLong historyTimeBefore(Connection c, Instant at) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT max(score_at) FROM score_history WHERE score_at < ?")) {
            p.setObject(1, SubmissionRow.utc(at));
            try (ResultSet r = p.executeQuery()) {
                r.next();
                LocalDateTime time = r.getObject(1, LocalDateTime.class);
                return time == null ? OptionalLong.empty() : OptionalLong.of(time.toEpochSecond(ZoneOffset.UTC));
            }
        }
    }

    /** A producer known to the coordinator: in {@code nodes}, or with stored submissions. */
    public Optional<Producer> producer(String key) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            Optional<Producer> node = node(c, key);
            if (node.isPresent()) {
                return node;
            }
            try (PreparedStatement p = c.prepareStatement("SELECT 1 FROM submissions WHERE submitter = ? LIMIT 1")) {
                p.setString(1, key);
                try (ResultSet r = p.executeQuery()) {
                    return r.next()
                            ? Optional.of(new Producer(key, null, null, null, null, Optional.empty(), Optional.empty()))
                            : Optional.empty();
                }
            }
        }
    }

    private Optional<Producer> node(Connection c, String key) throws SQLException {
        String sql = "SELECT n.score, n.score_percent, n.application_status,"
                + " (SELECT rank FROM (" + LISTED + ") ranked WHERE ranked.block_producer_key = n.block_producer_key),"
                + " (SELECT min(b.batch_end_epoch) FROM points pt JOIN bot_logs b ON b.id = pt.bot_log_id WHERE pt.node_id = n.id),"
                + " (SELECT max(b.batch_end_epoch) FROM points pt JOIN bot_logs b ON b.id = pt.bot_log_id WHERE pt.node_id = n.id)"
                + " FROM nodes n WHERE n.block_producer_key = ? ORDER BY n.id LIMIT 1";
        try (PreparedStatement p = c.prepareStatement(sql)) {
            p.setBoolean(1, everyoneListed);
            p.setString(2, key);
            try (ResultSet r = p.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                Number rank = (Number) r.getObject(4);
                return Optional.of(new Producer(key, (Integer) r.getObject(1), r.getBigDecimal(2),
                        rank == null ? null : rank.intValue(), (Boolean) r.getObject(3), epoch(r, 5), epoch(r, 6)));
            }
        }
    }

    /** The producer's score history inside the window ending at {@code endEpoch}, oldest first. */
    public List<HistoryPoint> history(String key, long endEpoch) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement p = c.prepareStatement(
                "SELECT h.score_at, h.score, h.score_percent FROM score_history h JOIN nodes n ON n.id = h.node_id"
                        + " WHERE n.block_producer_key = ? AND h.score_at > ? AND h.score_at <= ? ORDER BY h.score_at")) {
            p.setString(1, key);
            p.setObject(2, SubmissionRow.utc(Instant.ofEpochSecond(ScoreboardWindow.startEpoch(endEpoch, uptimeDays))));
            p.setObject(3, SubmissionRow.utc(Instant.ofEpochSecond(endEpoch)));
            List<HistoryPoint> points = new ArrayList<>();
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    points.add(new HistoryPoint(r.getObject(1, LocalDateTime.class).toInstant(ZoneOffset.UTC),
                            r.getInt(2), r.getBigDecimal(3)));
                }
            }
            return points;
        }
    }

    private static Optional<Instant> epoch(ResultSet r, int column) throws SQLException {
        long value = r.getLong(column);
        return r.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochSecond(value));
    }

    /** score_history.score_at and submissions.submitted_at are UTC without a zone. */
}
