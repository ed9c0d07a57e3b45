package org.minafoundation.uptime.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.TimeZone;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The writer stores exactly the network's submissions, times in UTC whatever the JVM zone, verifier columns empty. */
class SubmissionWriterTest {

    /** Crosses midnight UTC, so a zone shift would show in submitted_at_date too. */
    private static final Instant FROM = Instant.parse("2026-01-14T22:10:00Z");
    private static final Instant TO = Instant.parse("2026-01-15T01:40:00.5Z");

    @Test
    void writesEveryColumnTheBackendWrites() throws Exception {
        SimulatedNetwork network = new SimulatedNetwork(99, 30);
        List<SimulatedSubmission> expected = network.submissions(FROM, TO);
        DataSource dataSource = SimDatabase.fresh();
        TimeZone zone = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("America/St_Johns")); // a half-hour offset shows any shift
        long written;
        try {
            written = SubmissionWriter.write(dataSource, network, FROM, TO);
        } finally {
            TimeZone.setDefault(zone);
        }
        assertEquals(expected.size(), written);

        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT submitted_at_date, submitted_at, submitter, created_at,"
                        + " block_hash, remote_addr, peer_id, graphql_control_port, built_with_commit_sha,"
                        + " state_hash, parent, height, slot, validation_error, verified, snark_work"
                        + " FROM submissions ORDER BY submitted_at, submitter")) {
            for (SimulatedSubmission e : expected) {
                r.next();
                LocalDateTime at = r.getObject(2, LocalDateTime.class);
                assertEquals(e.submittedAt(), at.toInstant(ZoneOffset.UTC));
                assertEquals(at.toLocalDate(), r.getObject(1, LocalDate.class));
                assertEquals(e.submitter(), r.getString(3));
                assertEquals(e.createdAt(), r.getObject(4, LocalDateTime.class).toInstant(ZoneOffset.UTC));
                assertEquals(e.blockHash(), r.getString(5));
                assertEquals(e.remoteAddr(), r.getString(6));
                assertEquals(e.peerId(), r.getString(7));
                assertEquals(e.graphqlControlPort(), r.getInt(8));
                assertEquals(e.builtWithCommitSha(), r.getString(9));
                for (int column = 10; column <= 16; column++) {
                    assertNull(r.getObject(column), "verifier column " + column);
                }
            }
            assertEquals(false, r.next());
        }
    }
}
