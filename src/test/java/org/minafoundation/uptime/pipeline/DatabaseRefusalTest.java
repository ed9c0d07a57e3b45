package org.minafoundation.uptime.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.minafoundation.uptime.store.DatabaseRefusal;
import org.minafoundation.uptime.support.Cli;
import org.minafoundation.uptime.support.TestPostgres;

/**
 * A database that answers but refuses the coordinator (no such database, no such user,
 * wrong password) is a setting to fix, not an outage to wait for: after RETRY_COUNT
 * retries the coordinator stops with exit 1 and says what to check, instead of waiting forever.
 */
class DatabaseRefusalTest {

    @Test
    void aDatabaseThatDoesNotExistStopsTheCoordinator() throws Exception {
        Map<String, String> env = TestPostgres.environment("no_such_database");

        Cli.Result result = runGuardedAgainstHanging(env);

        assertEquals(1, result.exitCode(), result.out() + result.err());
        String output = result.out() + result.err();
        assertTrue(output.contains("database no_such_database refused user postgres")
                && output.contains("check POSTGRES_DB, POSTGRES_USER and POSTGRES_PASSWORD"), output);
        assertTrue(output.contains("Stopping the coordinator with exit code 1"), output);
    }

    @Test
    void aUserTheDatabaseDoesNotKnowStopsTheCoordinator() throws Exception {
        Map<String, String> env = TestPostgres.environment("postgres");
        env.put("POSTGRES_USER", "nobody_here");

        Cli.Result result = runGuardedAgainstHanging(env);

        assertEquals(1, result.exitCode(), result.out() + result.err());
        assertTrue((result.out() + result.err()).contains("refused user nobody_here"), result.out() + result.err());
    }

    @Test
    void aRefusedLoginIsARefusalWhereverItIsWrappedAndAnOutageIsNot() {
        SQLException badPassword = new SQLException("FATAL: password authentication failed for user \"x\"", "28P01");
        SQLException starting = new SQLException("FATAL: the database system is starting up", "57P03");

        assertTrue(DatabaseRefusal.refused(new SQLTransientConnectionException("pool timeout", badPassword)));
        assertTrue(DatabaseRefusal.refused(new SQLException("no database", "3D000")));
        assertFalse(DatabaseRefusal.refused(new SQLTransientConnectionException("pool timeout", starting)));
        assertFalse(DatabaseRefusal.refused(new SQLException("refused", "08001", new ConnectException())));
    }

    /** A coordinator that waits forever would hang the suite: give up on it after two minutes. */
    private static Cli.Result runGuardedAgainstHanging(Map<String, String> env) throws Exception {
        return CompletableFuture.supplyAsync(() -> Cli.run(env, "run")).get(2, TimeUnit.MINUTES);
    }
}
