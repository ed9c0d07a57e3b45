package org.minafoundation.uptime.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import org.minafoundation.uptime.model.Slice;
import org.minafoundation.uptime.sim.SimulatedNetwork;
import org.minafoundation.uptime.sim.SimulatedVerifier;
import org.minafoundation.uptime.sim.SubmissionWriter;

/** Fills a database with a simulated network's submissions over a period, already verified. */
final class SimulatedPeriod {

    static final Instant START = Instant.parse("2024-06-01T00:00:00Z");

    private SimulatedPeriod() {
    }

    /** Producers needed for about {@code submissionsPerBatch} submissions per 20-minute batch. */
    static int producersFor(int submissionsPerBatch, long seed) {
        int sample = 400;
        long rows = new SimulatedNetwork(seed, sample).submissions(START, START.plus(Duration.ofHours(4))).size();
        double perProducerPerBatch = rows / (double) sample / 12;
        return Math.max(1, (int) Math.round(submissionsPerBatch / perProducerPerBatch));
    }

    /** An hour of submissions is held in memory at once: 300,000 rows at 100,000 a batch. */
    private static final Duration CHUNK = Duration.ofHours(1);

    /** Writes and verifies [START, START + length), an hour at a time so memory stays bounded; returns the rows. */
    static long fill(DataSource dataSource, SimulatedNetwork network, Duration length) throws SQLException {
        long rows = 0;
        SimulatedVerifier verifier = new SimulatedVerifier(dataSource, network.chain());
        Instant end = START.plus(length);
        for (Instant from = START; from.isBefore(end); from = from.plus(CHUNK)) {
            Instant to = from.plus(CHUNK).isBefore(end) ? from.plus(CHUNK) : end;
            rows += SubmissionWriter.write(dataSource, network, from, to);
            verifier.verify(new Slice(0, from, to));
        }
        // The verifier's updates left a dead row behind every row: measure reads on a table as autovacuum keeps it.
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("VACUUM ANALYZE submissions");
        }
        return rows;
    }
}
