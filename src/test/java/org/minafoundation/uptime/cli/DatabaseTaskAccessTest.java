package org.minafoundation.uptime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.minafoundation.uptime.support.Cli;
import org.minafoundation.uptime.support.TestPostgres;

/**
 * The database tasks as a managed server's ordinary user meets them: allowed into its own
 * database only, not into {@code postgres}. create-database needs {@code postgres} only to
 * create the database; a task that cannot get in says why in its last line.
 */
class DatabaseTaskAccessTest {

    private String database;
    private String role;

    @BeforeEach
    void aRoleThatMayConnectOnlyToItsOwnDatabase() {
        database = TestPostgres.newDatabaseName();
        role = "owner_" + database;
        TestPostgres.execute("postgres", "CREATE ROLE " + role + " LOGIN");
        TestPostgres.execute("postgres", "CREATE DATABASE " + database + " OWNER " + role);
        TestPostgres.execute("postgres", "REVOKE CONNECT ON DATABASE postgres FROM PUBLIC");
    }

    @AfterEach
    void restoreTheDefaultGrant() {
        TestPostgres.execute("postgres", "GRANT CONNECT ON DATABASE postgres TO PUBLIC");
    }

    private Map<String, String> environment(String db) {
        Map<String, String> env = TestPostgres.environment(db);
        env.put("POSTGRES_USER", role);
        return env;
    }

    @Test
    void createDatabaseOnAnExistingDatabaseNeedsNoConnectOnPostgres() {
        SQLException refused = assertThrows(SQLException.class, () -> DriverManager.getConnection(
                TestPostgres.server().getJdbcUrl(role, "postgres")).close());
        assertEquals("42501", refused.getSQLState(), "the role may not connect to postgres: " + refused.getMessage());

        Cli.Result result = Cli.run(environment(database), "create-database");

        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains("Database '" + database + "' already exists; schema is up to date"), result.out());
        TestPostgres.execute(database, "SELECT count(*) FROM bot_logs");
    }

    @Test
    void aTaskThatCannotConnectSaysWhyInItsLine() {
        Cli.Result create = Cli.run(environment(TestPostgres.newDatabaseName()), "create-database");
        assertEquals(1, create.exitCode(), create.err());
        assertEquals(List.of("create-database failed: FATAL: permission denied for database \"postgres\";"
                + " Detail: User does not have CONNECT privilege."), lines(create.err()));

        Map<String, String> stranger = TestPostgres.environment(database);
        stranger.put("POSTGRES_USER", "nobody_" + database);
        Cli.Result init = Cli.run(stranger, "init-database");
        assertEquals(1, init.exitCode(), init.err());
        assertEquals(List.of("init-database failed: FATAL: role \"nobody_" + database + "\" does not exist"), lines(init.err()));
    }

    /** Where a pool is in the way (the schema migration's): its "Connection is not available" gives way to the cause it met. */
    @Test
    void theFailureLineNamesWhatThePoolMetNotThatItTimedOut() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(TestPostgres.server().getJdbcUrl("nobody_" + database, database));
        config.setConnectionTimeout(1_000);
        config.setInitializationFailTimeout(-1);
        try (HikariDataSource pool = new HikariDataSource(config)) {
            SQLException timedOut = assertThrows(SQLException.class, () -> pool.getConnection().close());
            assertTrue(timedOut.getMessage().contains("Connection is not available"), timedOut.getMessage());
            // as Flyway wraps it
            String line = FailureLine.of(new FlywayException("Unable to obtain connection from database: "
                    + timedOut.getMessage() + "\n------\nSQL State  : 08001", timedOut));
            assertEquals("FATAL: role \"nobody_" + database + "\" does not exist", line);
            assertFalse(line.contains("not available"), line);
        }
    }

    private static List<String> lines(String text) {
        return text.lines().filter(line -> !line.isBlank()).toList();
    }
}
