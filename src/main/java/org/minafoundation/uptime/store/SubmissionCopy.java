package org.minafoundation.uptime.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Function;
import org.minafoundation.uptime.model.StoredSubmission;

/**
 * Copies the submissions read from Cassandra into the Postgres {@code submissions} table,
 * inside the batch's transaction. Idempotent: a redone batch skips rows already there
 * (unique on submitter and submitted_at). Cassandra text may hold NUL characters (the
 * backend stores what a producer sent), which PostgreSQL text cannot: they are dropped
 * from the copy, or one such row would fail its batch on every attempt.
 */
final class SubmissionCopy {

    private SubmissionCopy() {
    }

    static void insert(Connection c, List<StoredSubmission> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement p = c.prepareStatement(
                "INSERT INTO submissions (submitted_at_date, submitted_at, submitter, created_at, block_hash, remote_addr,"
                        + " peer_id, graphql_control_port, built_with_commit_sha, state_hash, parent, height, slot,"
                        + " validation_error, verified)"
                        + " SELECT t.submitted_at::date, t.submitted_at, t.submitter, t.created_at, t.block_hash,"
                        + " t.remote_addr, t.peer_id, t.port, t.sha, t.state_hash, t.parent, t.height, t.slot,"
                        + " t.validation_error, t.verified"
                        + " FROM unnest(?::timestamp[], ?::text[], ?::timestamp[], ?::text[], ?::text[], ?::text[],"
                        + " ?::int[], ?::text[], ?::text[], ?::text[], ?::int[], ?::int[], ?::text[], ?::boolean[])"
                        + " AS t(submitted_at, submitter, created_at, block_hash, remote_addr, peer_id, port, sha,"
                        + " state_hash, parent, height, slot, validation_error, verified)"
                        + " ON CONFLICT (submitter, submitted_at) DO NOTHING")) {
            p.setArray(1, array(c, "timestamp", rows, r -> utc(r.submittedAt())));
            p.setArray(2, text(c, rows, StoredSubmission::submitter));
            p.setArray(3, array(c, "timestamp", rows, r -> utc(r.createdAt())));
            p.setArray(4, text(c, rows, r -> r.backend().blockHash()));
            p.setArray(5, text(c, rows, r -> r.backend().remoteAddr()));
            p.setArray(6, text(c, rows, r -> r.backend().peerId()));
            p.setArray(7, array(c, "int4", rows, r -> r.backend().graphqlControlPort()));
            p.setArray(8, text(c, rows, r -> r.backend().builtWithCommitSha()));
            p.setArray(9, text(c, rows, StoredSubmission::stateHash));
            p.setArray(10, text(c, rows, StoredSubmission::parent));
            p.setArray(11, array(c, "int4", rows, r -> r.height() == null ? null : Math.toIntExact(r.height())));
            p.setArray(12, array(c, "int4", rows, StoredSubmission::slot));
            p.setArray(13, text(c, rows, StoredSubmission::validationError));
            p.setArray(14, array(c, "bool", rows, StoredSubmission::verified));
            p.executeUpdate();
        }
    }

    /** Zone-less UTC text, so the JVM's zone never shifts it. */
    private static String utc(Instant instant) {
        return instant == null ? null : LocalDateTime.ofInstant(instant, ZoneOffset.UTC).toString();
    }

    private static java.sql.Array text(Connection c, List<StoredSubmission> rows, Function<StoredSubmission, String> column)
            throws SQLException {
        return c.createArrayOf("text", rows.stream().map(column).map(SubmissionCopy::withoutNul).toArray());
    }

    static String withoutNul(String value) {
        return value == null || value.indexOf('\u0000') < 0 ? value : value.replace("\u0000", "");
    }

    private static java.sql.Array array(Connection c, String type, List<StoredSubmission> rows,
            Function<StoredSubmission, Object> column) throws SQLException {
        return c.createArrayOf(type, rows.stream().map(column).toArray());
    }
}
