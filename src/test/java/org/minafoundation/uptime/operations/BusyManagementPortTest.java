package org.minafoundation.uptime.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.minafoundation.uptime.support.Cli;
import org.minafoundation.uptime.support.TestPostgres;

/**
 * A management port another process listens on is a bad setting: exit 2 naming
 * MANAGEMENT_PORT and the port, before any batch (not a coordinator without health or
 * metrics).
 */
class BusyManagementPortTest {

    @Test
    void aBusyManagementPortExitsTwoNamingIt() throws Exception {
        String database = TestPostgres.newDatabaseName();
        Map<String, String> env = TestPostgres.environment(database);
        assertEquals(0, Cli.run(env, "create-database").exitCode());
        long start = Instant.now().getEpochSecond() - 3600;
        assertEquals(0, Cli.run(env, "init-database", "--batch-end-epoch", String.valueOf(start)).exitCode());

        try (ServerSocket taken = new ServerSocket(0)) {
            env.put("MANAGEMENT_PORT", String.valueOf(taken.getLocalPort()));
            // --until: without the check the run would process its batches and exit 0
            Cli.Result result = Cli.run(env, "run", "--until", String.valueOf(start + 2400));

            assertEquals(2, result.exitCode(), result.out() + result.err());
            assertTrue(result.err().contains("MANAGEMENT_PORT") && result.err().contains(String.valueOf(taken.getLocalPort())),
                    result.err());
        }
        TestPostgres.execute(database, "DO $$ BEGIN IF (SELECT count(*) FROM bot_logs) <> 1 THEN"
                + " RAISE EXCEPTION 'a batch was processed'; END IF; END $$");
    }
}
