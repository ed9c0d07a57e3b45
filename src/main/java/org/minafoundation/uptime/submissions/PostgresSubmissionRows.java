package org.minafoundation.uptime.submissions;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.component.sql.RowMapperFactory;
import org.minafoundation.uptime.model.Batch;
import org.minafoundation.uptime.model.BatchSubmissions;
import org.minafoundation.uptime.model.Carried;
import org.minafoundation.uptime.model.StoredSubmission;
import org.springframework.jdbc.core.RowMapper;

/**
 * The beans of the Postgres read in {@code routes/submissions.yaml}: the batch window as the
 * query's named parameters, each row as a {@link StoredSubmission} (the row mapper camel-sql
 * uses), and the rows classified for scoring. {@code submitted_at} holds UTC without a zone, so
 * bounds and values are exchanged as zone-less UTC date-times, never through the JVM zone
 * (camel-sql's default mapper would read them as {@code java.sql.Timestamp} in the JVM zone,
 * an hour off around a daylight-saving change).
 */
public final class PostgresSubmissionRows implements RowMapperFactory {

    /** The named parameters {@code :#start} and {@code :#end} of the query, as the message body. */
    public Map<String, LocalDateTime> window(@ExchangeProperty(Carried.BATCH) Batch batch) {
        return Map.of("start", utc(batch.start()), "end", utc(batch.end()));
    }

    /** The rows the query returned, in its order (newest first). */
    public BatchSubmissions classify(List<StoredSubmission> rows) {
        return BatchSubmissions.classify(rows);
    }

    @Override
    public RowMapper<StoredSubmission> newColumnRowMapper() {
        return (r, rowNumber) -> row(r);
    }

    @Override
    public RowMapper<?> newBeanRowMapper(Class<?> mappedClass) {
        throw new UnsupportedOperationException("the submissions query maps its rows to StoredSubmission, not to "
                + mappedClass.getName() + ": leave out outputClass");
    }

    /** One row of the query, by column name: an adjusted query may add columns or reorder them. */
    static StoredSubmission row(ResultSet r) throws SQLException {
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

    private static Long nullableLong(ResultSet r, String column) throws SQLException {
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
