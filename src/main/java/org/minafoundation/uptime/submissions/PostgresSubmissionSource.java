package org.minafoundation.uptime.submissions;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.apache.camel.ExchangeProperty;
import org.minafoundation.uptime.model.Batch;
import org.minafoundation.uptime.model.BatchSubmissions;
import org.minafoundation.uptime.model.StoredSubmission;

/**
 * Reads a batch's submissions from the Postgres {@code submissions} table in one query
 * over the whole window, newest first. {@code submitted_at} holds UTC without a zone, so
 * bounds and values are exchanged as zone-less UTC date-times, never through the JVM zone.
 */
public final class PostgresSubmissionSource {

    private static final String QUERY = "SELECT submitted_at, submitter, created_at, state_hash, parent, height, slot,"
            + " validation_error, verified FROM submissions"
            + " WHERE submitted_at >= ? AND submitted_at < ? ORDER BY submitted_at DESC, submitter";

    private final DataSource dataSource;

    public PostgresSubmissionSource(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public BatchSubmissions load(@ExchangeProperty("batch") Batch batch) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement p = c.prepareStatement(QUERY)) {
            p.setObject(1, utc(batch.start()));
            p.setObject(2, utc(batch.end()));
            p.setFetchSize(5000);
            List<StoredSubmission> rows = new ArrayList<>();
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    rows.add(new StoredSubmission(
                            instant(r.getObject(1, LocalDateTime.class)),
                            r.getString(2),
                            instant(r.getObject(3, LocalDateTime.class)),
                            r.getString(4),
                            r.getString(5),
                            nullableLong(r, 6),
                            r.getObject(7) == null ? null : r.getInt(7),
                            r.getString(8),
                            r.getObject(9, Boolean.class),
                            StoredSubmission.Backend.NONE));
                }
            }
            return BatchSubmissions.classify(rows);
        }
    }

    private static Long nullableLong(ResultSet r, int column) throws SQLException {
        long value = r.getLong(column);
        return r.wasNull() ? null : value;
    }

    static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    static Instant instant(LocalDateTime utc) {
        return utc == null ? null : utc.toInstant(ZoneOffset.UTC);
    }
}
