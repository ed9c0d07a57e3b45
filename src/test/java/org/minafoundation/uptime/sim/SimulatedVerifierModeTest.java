package org.minafoundation.uptime.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.minafoundation.uptime.support.Cli;
import org.minafoundation.uptime.support.TestPostgres;

/**
 * VERIFIER_MODE=simulated goes through the real pipeline (direct:verify-slice, then loading
 * and scoring): every row of the window gets verified, synced producers earn points and
 * invalid ones none.
 */
class SimulatedVerifierModeTest {

    private static final long SEED = 11;
    private static final Instant START = Instant.parse("2024-06-01T00:00:00Z");
    private static final Instant END = START.plus(Duration.ofHours(3));

    @Test
    void theCoordinatorVerifiesAndScoresASimulatedNetwork() throws Exception {
        String database = TestPostgres.newDatabaseName();
        Map<String, String> env = TestPostgres.environment(database);
        assertEquals(0, Cli.run(env, "create-database").exitCode());
        assertEquals(0, Cli.run(env, "init-database", "--batch-end-epoch", String.valueOf(START.getEpochSecond()))
                .exitCode());
        SimulatedNetwork network = new SimulatedNetwork(SEED, 40);
        DataSource dataSource = TestPostgres.dataSource(database);
        long written = SubmissionWriter.write(dataSource, network, START, END);

        env.put("VERIFIER_MODE", "simulated");
        env.put("SIMULATION_SEED", String.valueOf(SEED));
        env.put("MINI_BATCH_NUMBER", "3");
        env.put("IGNORE_APPLICATION_STATUS", "1");
        assertEquals(0, Cli.run(env, "run", "--until", String.valueOf(END.getEpochSecond())).exitCode());

        assertEquals(written, SimDatabase.count(dataSource, "SELECT count(*) FROM submissions WHERE verified"));
        assertEquals(0, SimDatabase.count(dataSource, "SELECT count(*) FROM submissions WHERE verified IS NULL"));
        assertEquals(9, SimDatabase.count(dataSource, "SELECT count(*) FROM bot_logs WHERE files_processed > -1"));

        Set<String> scored = producersWithPoints(dataSource);
        Set<String> synced = keys(network, ProducerProfile.SYNCED);
        Set<String> invalid = keys(network, ProducerProfile.INVALID);
        assertTrue(!synced.isEmpty() && !invalid.isEmpty(), "the network has both profiles");
        assertTrue(scored.containsAll(synced), "every synced producer earned points: " + scored);
        assertTrue(invalid.stream().noneMatch(scored::contains), "no invalid producer earned a point");
    }

    private static Set<String> keys(SimulatedNetwork network, ProducerProfile profile) {
        return network.producers().stream().filter(p -> p.profile() == profile).map(SimulatedProducer::key)
                .collect(Collectors.toSet());
    }

    private static Set<String> producersWithPoints(DataSource dataSource) throws Exception {
        Set<String> keys = new HashSet<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery(
                        "SELECT DISTINCT n.block_producer_key FROM points p JOIN nodes n ON n.id = p.node_id")) {
            while (r.next()) {
                keys.add(r.getString(1));
            }
        }
        return keys;
    }
}
