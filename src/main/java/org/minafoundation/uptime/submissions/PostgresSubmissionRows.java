package org.minafoundation.uptime.submissions;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.component.sql.RowMapperFactory;
import org.minafoundation.uptime.model.Batch;
import org.minafoundation.uptime.model.BatchSubmissions;
import org.minafoundation.uptime.model.Carried;
import org.minafoundation.uptime.model.StoredSubmission;
import org.minafoundation.uptime.store.SubmissionRow;
import org.springframework.jdbc.core.RowMapper;

/**
 * The beans of the Postgres read in {@code routes/submissions.yaml}: the batch window as the
 * query's named parameters, each row as a {@link StoredSubmission} (the row mapper camel-sql
 * uses, {@link SubmissionRow}), and the rows classified for scoring. Bounds and values are
 * zone-less UTC date-times (camel-sql's default mapper would read {@code java.sql.Timestamp}
 * in the JVM zone, an hour off around a daylight-saving change).
 */
public final class PostgresSubmissionRows implements RowMapperFactory {

    /** The named parameters {@code :#start} and {@code :#end} of the query, as the message body. */
    public Map<String, LocalDateTime> window(@ExchangeProperty(Carried.BATCH) Batch batch) {
        return Map.of("start", SubmissionRow.utc(batch.start()), "end", SubmissionRow.utc(batch.end()));
    }

    /** The rows the query returned, in its order (newest first). */
    public BatchSubmissions classify(List<StoredSubmission> rows) {
        return BatchSubmissions.classify(rows);
    }

    @Override
    public RowMapper<StoredSubmission> newColumnRowMapper() {
        return (r, rowNumber) -> SubmissionRow.of(r);
    }

    @Override
    public RowMapper<?> newBeanRowMapper(Class<?> mappedClass) {
        throw new UnsupportedOperationException("the submissions query maps its rows to StoredSubmission, not to "
                + mappedClass.getName() + ": leave out outputClass");
    }
}
