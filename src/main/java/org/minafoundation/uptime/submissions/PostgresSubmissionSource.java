package org.minafoundation.uptime.submissions;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.minafoundation.uptime.model.Batch;
import org.minafoundation.uptime.model.BatchSubmissions;
import org.minafoundation.uptime.model.StoredSubmission;
import org.minafoundation.uptime.store.SubmissionRow;

/**
 * Reads a batch's submissions from the Postgres {@code submissions} table with plain JDBC,
 * for what runs without Camel (the rescore, the benchmark): the same query and the same rows
 * as the batch loop's {@code read-postgres} step in {@code routes/submissions.yaml}.
 */
public final class PostgresSubmissionSource {

    /**
     * The text of {@code read-postgres} (PostgresSubmissionQueryTest keeps the two equal): one
     * query over the whole window, newest first; {@code :#start} and {@code :#end} are the
     * window's bounds as UTC date-times.
     */
    static final String QUERY = "SELECT submitted_at, submitter, created_at, state_hash, parent, height, slot,"
            + " validation_error, verified FROM submissions"
            + " WHERE submitted_at >= :#start AND submitted_at < :#end ORDER BY submitted_at DESC, submitter";

    private static final String JDBC_QUERY = QUERY.replace(":#start", "?").replace(":#end", "?");

    private final DataSource dataSource;

    public PostgresSubmissionSource(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public BatchSubmissions load(Batch batch) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement p = c.prepareStatement(JDBC_QUERY)) {
            p.setObject(1, SubmissionRow.utc(batch.start()));
            p.setObject(2, SubmissionRow.utc(batch.end()));
            p.setFetchSize(5000);
            List<StoredSubmission> rows = new ArrayList<>();
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    rows.add(SubmissionRow.of(r));
                }
            }
            return BatchSubmissions.classify(rows);
        }
    }
}
