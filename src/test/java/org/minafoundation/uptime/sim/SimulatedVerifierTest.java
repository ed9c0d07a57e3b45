package org.minafoundation.uptime.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.minafoundation.uptime.model.Batch;
import org.minafoundation.uptime.model.Slice;

/**
 * The simulated verifier, given only the seed, fills the verifier columns of exactly the
 * rows in its slices: chain data for known blocks, an error for the invalid producers.
 */
class SimulatedVerifierTest {

    private static final long SEED = 77;
    private static final Instant WRITTEN_FROM = Instant.parse("2026-04-01T08:00:00Z");
    private static final Instant WRITTEN_TO = Instant.parse("2026-04-01T13:00:00Z");
    /** Verified part: whole 20-minute batches, with unverified rows written on both sides. */
    private static final Instant FROM = Instant.parse("2026-04-01T09:00:00Z");
    private static final Instant TO = Instant.parse("2026-04-01T12:00:00Z");

    @Test
    void fillsTheVerifierColumnsOfItsSlicesOnly() throws Exception {
        SimulatedNetwork network = new SimulatedNetwork(SEED, 60);
        DataSource dataSource = SimDatabase.fresh();
        long written = SubmissionWriter.write(dataSource, network, WRITTEN_FROM, WRITTEN_TO);

        // A fresh chain, as a verifier in another process would have.
        SimulatedChain chain = new SimulatedChain(SEED);
        SimulatedVerifier verifier = new SimulatedVerifier(dataSource, chain);
        for (Instant start = FROM; start.isBefore(TO); start = start.plus(Duration.ofMinutes(20))) {
            for (Slice slice : new Batch(start, start.plus(Duration.ofMinutes(20)), 0, 3).slices()) {
                verifier.verify(slice);
            }
        }

        Set<String> invalid = network.producers().stream().filter(p -> p.profile() == ProducerProfile.INVALID)
                .map(SimulatedProducer::key).collect(Collectors.toSet());
        int inside = 0;
        int errors = 0;
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT submitted_at, submitter, block_hash, state_hash, parent, height,"
                        + " slot, validation_error, verified FROM submissions")) {
            while (r.next()) {
                Instant at = r.getObject(1, LocalDateTime.class).toInstant(ZoneOffset.UTC);
                String row = r.getString(2) + " at " + at;
                if (at.isBefore(FROM) || !at.isBefore(TO)) {
                    for (int column = 4; column <= 9; column++) {
                        assertNull(r.getObject(column), "outside the slices, untouched: " + row);
                    }
                    continue;
                }
                inside++;
                assertEquals(true, r.getObject(9), row);
                if (invalid.contains(r.getString(2))) {
                    errors++;
                    assertNotNull(r.getString(8), row);
                    assertEquals("", r.getString(4), row);
                    assertNull(r.getObject(5), row);
                    assertNull(r.getObject(6), row);
                    assertNull(r.getObject(7), row);
                } else {
                    Block block = network.chain().byBlockHash(r.getString(3)).orElseThrow();
                    assertNull(r.getString(8), row);
                    assertEquals(block.stateHash(), r.getString(4), row);
                    assertEquals(block.parentStateHash(), r.getString(5), row);
                    assertEquals(block.height(), r.getLong(6), row);
                    assertEquals(block.globalSlot(), r.getInt(7), row);
                }
            }
        }
        assertTrue(inside > 0 && inside < written, inside + " of " + written);
        assertTrue(errors > 0, "the invalid producers' rows were in the slices");
        assertEquals(inside, SimDatabase.count(dataSource, "SELECT count(*) FROM submissions WHERE submitted_at >= '"
                + LocalDateTime.ofInstant(FROM, ZoneOffset.UTC) + "' AND submitted_at < '"
                + LocalDateTime.ofInstant(TO, ZoneOffset.UTC) + "'"));
    }
}
