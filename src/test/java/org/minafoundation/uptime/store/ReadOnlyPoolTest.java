package org.minafoundation.uptime.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.minafoundation.uptime.config.Settings;
import org.minafoundation.uptime.support.Cli;
import org.minafoundation.uptime.support.TestPostgres;

/** The scores service's pool reads as POSTGRES_RO_USER, and no connection of it can write. */
class ReadOnlyPoolTest {

    @Test
    void theScoresPoolCannotWriteEvenAsTheCoordinatorsUser() throws Exception {
        String database = TestPostgres.newDatabaseName();
        Map<String, String> env = TestPostgres.environment(database);
        assertEquals(0, Cli.run(env, "create-database").exitCode());
        try (Database db = Database.open(Settings.forTasks(env).postgres());
                Connection c = db.readOnlyDataSource().getConnection();
                Statement s = c.createStatement()) {
            SQLException refused = assertThrows(SQLException.class,
                    () -> s.executeUpdate("INSERT INTO nodes (block_producer_key) VALUES ('B62written')"));
            assertEquals("25006", refused.getSQLState(), refused.getMessage()); // read_only_sql_transaction
            try (ResultSet r = s.executeQuery("SHOW statement_timeout")) {
                r.next();
                assertEquals("10s", r.getString(1));
            }
        }
    }

    @Test
    void withAReadOnlyUserTheScoresPoolConnectsAsIt() throws Exception {
        String database = TestPostgres.newDatabaseName();
        Map<String, String> env = TestPostgres.environment(database);
        env.put("POSTGRES_RO_USER", "ro_" + database);
        env.put("POSTGRES_RO_PASSWORD", "read-only-secret");
        assertEquals(0, Cli.run(env, "create-database").exitCode());
        assertEquals(0, Cli.run(env, "create-ro-user").exitCode());
        try (Database db = Database.open(Settings.forTasks(env).postgres());
                Connection c = db.readOnlyDataSource().getConnection();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT current_user")) {
            r.next();
            assertEquals("ro_" + database, r.getString(1));
        }
    }
}
