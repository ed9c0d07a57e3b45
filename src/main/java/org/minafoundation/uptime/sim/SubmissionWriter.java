package org.minafoundation.uptime.sim;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Writes a network's submissions into the Postgres {@code submissions} table as the uptime
 * backend leaves them: backend columns filled, verifier columns NULL.
 *
 * <p>Built for millions of rows: one COPY in text format, fed twenty minutes of submissions
 * at a time, encoded a few thousand rows at a time, so memory stays bounded by the largest
 * twenty minutes (100,000 rows in the benchmark's largest case, under {@code -Xmx256m}).
 * Times go over the wire as zone-less UTC text, so the JVM's zone can never shift them. The
 * window must not have been written yet: COPY stops at the first row the (submitter,
 * submitted_at) unique index rejects.
 */
public final class SubmissionWriter {

    /**
     * Generation step; any step gives the same rows, since windows split consistently, but
     * not the same ids (rows are numbered in the order each step lists them).
     */
    static final Duration CHUNK = Duration.ofMinutes(20);
    /** Rows encoded per write to the COPY stream: about a megabyte of text. */
    private static final int ROWS_PER_WRITE = 4_000;
    private static final String COPY = "COPY submissions (submitted_at_date, submitted_at, submitter, created_at,"
            + " block_hash, remote_addr, peer_id, graphql_control_port, built_with_commit_sha) FROM STDIN";

    private SubmissionWriter() {
    }

    /** Writes every submission of {@code network} in {@code [from, to)}, in one transaction; returns the row count. */
    public static long write(DataSource dataSource, SimulatedNetwork network, Instant from, Instant to)
            throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY);
            try {
                for (Instant start = from; start.isBefore(to); start = start.plus(CHUNK)) {
                    Instant end = start.plus(CHUNK).isBefore(to) ? start.plus(CHUNK) : to;
                    List<SimulatedSubmission> rows = network.submissions(start, end);
                    for (int i = 0; i < rows.size(); i += ROWS_PER_WRITE) {
                        byte[] text = text(rows.subList(i, Math.min(rows.size(), i + ROWS_PER_WRITE)));
                        copy.writeToCopy(text, 0, text.length);
                    }
                }
                return copy.endCopy();
            } finally {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
            }
        }
    }

    /** COPY text format: tab-separated, one line per row; none of the generated values needs escaping. */
    static byte[] text(List<SimulatedSubmission> submissions) {
        StringBuilder out = new StringBuilder(submissions.size() * 320);
        for (SimulatedSubmission s : submissions) {
            LocalDateTime at = LocalDateTime.ofInstant(s.submittedAt(), ZoneOffset.UTC);
            out.append(at.toLocalDate()).append('\t');
            timestamp(out, at).append('\t');
            out.append(s.submitter()).append('\t');
            timestamp(out, LocalDateTime.ofInstant(s.createdAt(), ZoneOffset.UTC)).append('\t');
            out.append(s.blockHash()).append('\t');
            out.append(s.remoteAddr()).append('\t');
            out.append(s.peerId()).append('\t');
            out.append(s.graphqlControlPort()).append('\t');
            out.append(s.builtWithCommitSha()).append('\n');
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** ISO date-time with all six fractional digits, which PostgreSQL reads exactly. */
    private static StringBuilder timestamp(StringBuilder out, LocalDateTime t) {
        out.append(t.toLocalDate()).append(' ');
        two(out, t.getHour()).append(':');
        two(out, t.getMinute()).append(':');
        two(out, t.getSecond()).append('.');
        String micros = Integer.toString(1_000_000 + t.getNano() / 1000);
        return out.append(micros, 1, 7);
    }

    private static StringBuilder two(StringBuilder out, int value) {
        return out.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }
}
