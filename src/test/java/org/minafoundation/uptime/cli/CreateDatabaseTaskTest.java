package org.minafoundation.uptime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.minafoundation.uptime.support.Cli;
import org.minafoundation.uptime.support.TestPostgres;

/** create-database is idempotent; every command has --help and refuses unknown options. */
class CreateDatabaseTaskTest {

    @Test
    void createsOnceThenSaysItExists() throws Exception {
        String db = TestPostgres.newDatabaseName();
        Map<String, String> env = TestPostgres.environment(db);
        assertEquals(0, count("SELECT count(*) FROM pg_database WHERE datname = ?", db));

        Cli.Result first = Cli.run(env, "create-database");
        assertEquals(0, first.exitCode(), first.err());
        assertTrue(first.out().contains("Created database '" + db + "'"), first.out());
        assertEquals(1, count("SELECT count(*) FROM pg_database WHERE datname = ?", db));
        TestPostgres.execute(db, "INSERT INTO nodes (block_producer_key) VALUES ('B62kept')");

        Cli.Result second = Cli.run(env, "create-database");
        assertEquals(0, second.exitCode(), second.err());
        assertTrue(second.out().contains("Database '" + db + "' already exists"), second.out());
        try (Connection c = TestPostgres.dataSource(db).getConnection();
                ResultSet r = c.createStatement().executeQuery("SELECT count(*) FROM nodes")) {
            r.next();
            assertEquals(1, r.getInt(1), "the second run kept the data");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"run", "create-database", "init-database", "drop-database", "create-ro-user", "cleanup"})
    void everyCommandHasHelpAndRefusesUnknownOptions(String command) throws Exception {
        String db = TestPostgres.newDatabaseName();
        Map<String, String> env = TestPostgres.environment(db);

        Cli.Result help = Cli.run(env, command, "--help");
        assertEquals(0, help.exitCode(), help.err());
        assertTrue(help.out().contains("Usage: uptime-coordinator " + command), help.out());

        Cli.Result unknown = command.equals("cleanup")
                ? Cli.run(env, command, "--days", "180", "--frobnicate")
                : Cli.run(env, command, "--frobnicate");
        assertEquals(2, unknown.exitCode(), unknown.out() + unknown.err());
        assertTrue(unknown.err().contains("Unknown option: '--frobnicate'"), unknown.err());
        assertTrue(unknown.err().contains("Usage: uptime-coordinator " + command), unknown.err());

        assertEquals(0, count("SELECT count(*) FROM pg_database WHERE datname = ?", db), "nothing was created");
    }

    @Test
    void topLevelHelpListsEveryCommand() {
        Cli.Result help = Cli.run(TestPostgres.environment(TestPostgres.newDatabaseName()), "--help");
        assertEquals(0, help.exitCode(), help.err());
        for (String command : new String[] {"run", "create-database", "init-database", "drop-database", "create-ro-user", "cleanup"}) {
            assertTrue(help.out().contains(command), command + " in " + help.out());
        }
        assertEquals(2, Cli.run(TestPostgres.environment(TestPostgres.newDatabaseName()), "no-such-command").exitCode());
    }

    static int count(String sql, String parameter) throws Exception {
        try (Connection c = TestPostgres.dataSource("postgres").getConnection(); PreparedStatement p = c.prepareStatement(sql)) {
            p.setString(1, parameter);
            try (ResultSet r = p.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }
}
