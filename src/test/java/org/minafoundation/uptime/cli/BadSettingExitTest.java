package org.minafoundation.uptime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.minafoundation.uptime.support.Cli;
import org.minafoundation.uptime.support.TestPostgres;

/** A bad setting stops any command with exit code 2 and one line naming the variable, before any database is touched. */
class BadSettingExitTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "create-database | SURVEY_INTERVAL_MINUTES | abc",
        "create-database | MINI_BATCH_NUMBER       | -3",
        "create-database | SUBMISSION_STORAGE      | mysql",
        "init-database   | RETRY_COUNT             | many",
        "cleanup         | NO_CHECKS               | maybe",
        "run             | UPTIME_DAYS_FOR_SCORE   | 0",
        "create-ro-user  | POSTGRES_PORT           | port",
    })
    void badSettingExitsWithTwoAndTouchesNoDatabase(String command, String variable, String value) throws Exception {
        String db = TestPostgres.newDatabaseName();
        Map<String, String> env = TestPostgres.environment(db);
        env.put(variable, value);
        env.put("POSTGRES_RO_USER", "ro_" + db);
        env.put("POSTGRES_RO_PASSWORD", "secret");
        String[] args = command.equals("cleanup") ? new String[] {command, "--days", "180"} : new String[] {command};

        String line = refusedWithOneLine(Cli.run(env, args), db);

        assertTrue(line.contains(variable) && line.contains(value), line);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "run             | SUBMISSION_STORAGE=CASSANDRA     | AWS_KEYSPACE",
        "run             | VERIFIER_MODE=kubernetes         | WORKER_IMAGE",
        "create-database | POSTGRES_DB=                     | POSTGRES_DB",
    })
    void missingRequiredVariableIsNamed(String command, String assignment, String missing) throws Exception {
        String db = TestPostgres.newDatabaseName();
        Map<String, String> env = TestPostgres.environment(db);
        String[] pair = assignment.split("=", 2);
        env.put(pair[0], pair.length > 1 ? pair[1] : "");

        String line = refusedWithOneLine(Cli.run(env, command), db);

        assertTrue(line.contains(missing), line);
    }

    /** Exit code 2, one line on stderr (returned), and the database was not even created. */
    private static String refusedWithOneLine(Cli.Result result, String db) throws Exception {
        assertEquals(2, result.exitCode(), result.out() + result.err());
        List<String> lines = result.err().lines().filter(l -> !l.isBlank()).toList();
        assertEquals(1, lines.size(), result.err());
        assertEquals(0, CreateDatabaseTaskTest.count("SELECT count(*) FROM pg_database WHERE datname = ?", db),
                "the database was created although a setting is bad");
        return lines.get(0);
    }

    /** A database task needs POSTGRES_* only: what the batch loop needs may be missing (SPEC §11: "for the chosen mode"). */
    @Test
    void databaseTasksNeedOnlyThePostgresSettings() throws Exception {
        String db = TestPostgres.newDatabaseName();
        Map<String, String> env = TestPostgres.environment(db);
        env.remove("VERIFIER_MODE"); // kubernetes by default, without WORKER_IMAGE
        env.put("SUBMISSION_STORAGE", "cassandra"); // without CASSANDRA_HOST or AWS_KEYSPACE
        env.put("SPREADSHEET_NAME", "Delegation applications"); // without its credentials

        Cli.Result created = Cli.run(env, "create-database");
        Cli.Result initialised = Cli.run(env, "init-database", "--batch-end-epoch", "1700000000");

        assertEquals(0, created.exitCode(), created.out() + created.err());
        assertEquals(0, initialised.exitCode(), initialised.out() + initialised.err());
        assertEquals(1, CreateDatabaseTaskTest.count("SELECT count(*) FROM pg_database WHERE datname = ?", db));
        assertEquals(2, Cli.run(env, "run").exitCode(), "the batch loop still needs them");
    }
}
