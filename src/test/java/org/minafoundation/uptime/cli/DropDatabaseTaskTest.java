package org.minafoundation.uptime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.minafoundation.uptime.support.Cli;
import org.minafoundation.uptime.support.TestPostgres;

/** drop-database removes POSTGRES_DB; a second drop says there is nothing to drop. */
class DropDatabaseTaskTest {

    @Test
    void dropsTheDatabaseThenSaysItIsGone() throws Exception {
        String db = TestPostgres.newDatabaseName();
        Map<String, String> env = TestPostgres.environment(db);
        assertEquals(0, Cli.run(env, "create-database").exitCode());
        assertEquals(0, Cli.run(env, "init-database", "--batch-end-epoch", "1709334000").exitCode());
        String other = TestPostgres.newDatabaseName();
        assertEquals(0, Cli.run(TestPostgres.environment(other), "create-database").exitCode());

        Cli.Result dropped = Cli.run(env, "drop-database");
        assertEquals(0, dropped.exitCode(), dropped.err());
        assertTrue(dropped.out().contains("Dropped database '" + db + "'"), dropped.out());
        assertEquals(0, CreateDatabaseTaskTest.count("SELECT count(*) FROM pg_database WHERE datname = ?", db));
        assertEquals(1, CreateDatabaseTaskTest.count("SELECT count(*) FROM pg_database WHERE datname = ?", other),
                "only POSTGRES_DB is dropped");

        Cli.Result again = Cli.run(env, "drop-database");
        assertEquals(0, again.exitCode(), again.err());
        assertTrue(again.out().contains("Database '" + db + "' does not exist; nothing dropped"), again.out());
    }
}
