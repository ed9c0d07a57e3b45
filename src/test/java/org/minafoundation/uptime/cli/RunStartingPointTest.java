package org.minafoundation.uptime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.minafoundation.uptime.support.Cli;
import org.minafoundation.uptime.support.TestPostgres;

/**
 * {@code run} on an external database that cannot say where the first batch starts: exit 2
 * at once, in one line naming the task to run first, instead of failing every retry of a
 * batch that cannot be planned. (The embedded default sets itself up: EmbeddedRestartTest, PackagedJarIT.)
 */
class RunStartingPointTest {

    @Test
    void anEmptyBotLogsExitsTwoSayingToRunInitDatabase() {
        String db = TestPostgres.newDatabaseName();
        Map<String, String> env = TestPostgres.environment(db);
        assertEquals(0, Cli.run(env, "create-database").exitCode());

        Cli.Result run = Cli.run(env, "run", "--until", "2024-03-02 00:00:00");

        assertEquals(2, run.exitCode(), run.out() + run.err());
        List<String> lines = lines(run.err());
        assertEquals(1, lines.size(), run.err());
        assertTrue(lines.get(0).startsWith("bot_logs is empty in PostgreSQL postgres@localhost:")
                && lines.get(0).endsWith("/" + db + ": run init-database to choose where the first batch starts"), lines.get(0));
        assertEquals(0, count(db), "nothing was written");
    }

    @Test
    void aDatabaseWithoutTheSchemaExitsTwoSayingToRunCreateDatabase() {
        String db = TestPostgres.newDatabaseName();
        TestPostgres.execute("postgres", "CREATE DATABASE " + db);

        Cli.Result run = Cli.run(TestPostgres.environment(db), "run", "--until", "2024-03-02 00:00:00");

        assertEquals(2, run.exitCode(), run.out() + run.err());
        List<String> lines = lines(run.err());
        assertEquals(1, lines.size(), run.err());
        assertTrue(lines.get(0).contains("bot_logs does not exist") && lines.get(0).contains("run create-database, then init-database"),
                lines.get(0));
    }

    private static long count(String db) {
        try (var c = TestPostgres.dataSource(db).getConnection(); var s = c.createStatement();
                var r = s.executeQuery("SELECT count(*) FROM bot_logs")) {
            r.next();
            return r.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> lines(String text) {
        return text.lines().filter(line -> !line.isBlank()).toList();
    }
}
