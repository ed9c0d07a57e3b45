package org.minafoundation.uptime.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The queries of the existing leaderboard API ({@code /uptimescore/...}, SPEC §12), so that
 * its consumers get here what they got there: scores and percentages as the database's text.
 */
public final class LegacyScores {

    /** One element of the API's list; every value as text ("87.50"). */
    public record Row(String blockProducerKey, String score, String scorePercent) {
    }

    private static final String COLUMNS = "SELECT n.block_producer_key, %s.score::text, %s.score_percent::text";

    private final DataSource dataSource;

    public LegacyScores(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The applicants with a score, best first. */
    public List<Row> applicants() throws SQLException {
        return rows(COLUMNS.formatted("n", "n") + " FROM nodes n WHERE n.application_status = true"
                + " AND n.score IS NOT NULL ORDER BY n.score DESC, n.block_producer_key");
    }

    /** That key's newest score_history row. */
    public List<Row> newest(String key) throws SQLException {
        return rows(COLUMNS.formatted("h", "h") + " FROM score_history h JOIN nodes n ON n.id = h.node_id"
                + " WHERE n.block_producer_key = ? ORDER BY h.score_at DESC LIMIT 1", key);
    }

    /** Every score_history row at the newest time strictly before {@code at}, best first. */
    public List<Row> asOf(Instant at) throws SQLException {
        return rows(COLUMNS.formatted("h", "h") + " FROM score_history h JOIN nodes n ON n.id = h.node_id"
                + " WHERE h.score_at = (SELECT max(score_at) FROM score_history WHERE score_at < ?)"
                + " ORDER BY h.score DESC, n.block_producer_key", SubmissionRow.utc(at));
    }

    /** That key's newest score_history row strictly before {@code at}. */
    public List<Row> asOf(String key, Instant at) throws SQLException {
        return rows(COLUMNS.formatted("h", "h") + " FROM score_history h JOIN nodes n ON n.id = h.node_id"
                + " WHERE n.block_producer_key = ? AND h.score_at < ? ORDER BY h.score_at DESC LIMIT 1",
                key, SubmissionRow.utc(at));
    }

    private List<Row> rows(String sql, Object... parameters) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement p = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                p.setObject(i + 1, parameters[i]);
            }
            List<Row> rows = new ArrayList<>();
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    rows.add(new Row(r.getString(1), r.getString(2), r.getString(3)));
                }
            }
            return rows;
        }
    }
}
