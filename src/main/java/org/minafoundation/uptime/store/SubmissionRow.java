package org.minafoundation.uptime.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.minafoundation.uptime.model.StoredSubmission;

/**
 * A row of {@code submissions} as a {@link StoredSubmission}: the one mapping of the batch
 * loop's read and the scores service's. {@code submitted_at} and {@code created_at} hold UTC
 * without a zone, so values and bounds are exchanged as zone-less UTC date-times, never
 * through the JVM zone (a {@code java.sql.Timestamp} would be an hour off around a
 * daylight-saving change).
 */
public final class SubmissionRow {

    private SubmissionRow() {
    }

    /** The current row, by column name: an adjusted query may add columns or reorder them. */
    public static StoredSubmission of(ResultSet r) throws SQLException {
        return new StoredSubmission(
                instant(r.getObject("submitted_at", LocalDateTime.class)),
                r.getString("submitter"),
                instant(r.getObject("created_at", LocalDateTime.class)),
                r.getString("state_hash"),
                r.getString("parent"),
                nullableLong(r, "height"),
                r.getObject("slot") == null ? null : r.getInt("slot"),
                r.getString("validation_error"),
                r.getObject("verified", Boolean.class),
                StoredSubmission.Backend.NONE);
    }

    /** The zone-less UTC date-time a {@code timestamp without time zone} column compares with. */
    public static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(LocalDateTime utc) {
        return utc == null ? null : utc.toInstant(ZoneOffset.UTC);
    }

    private static Long nullableLong(ResultSet r, String column) throws SQLException {
        long value = r.getLong(column);
        return r.wasNull() ? null : value;
    }
}
