package org.minafoundation.uptime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
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

        Cli.Result result = Cli.run(env, args);

        assertEquals(2, result.exitCode(), result.out() + result.err());
        List<String> lines = result.err().lines().filter(l -> !l.isBlank()).toList();
        assertEquals(1, lines.size(), result.err());
        assertTrue(lines.get(0).contains(variable) && lines.get(0).contains(value), lines.get(0));
        assertEquals(0, CreateDatabaseTaskTest.count("SELECT count(*) FROM pg_database WHERE datname = ?", db),
                "the database was created although a setting is bad");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "SUBMISSION_STORAGE=CASSANDRA     | AWS_KEYSPACE",
        "VERIFIER_MODE=kubernetes         | WORKER_IMAGE",
        "POSTGRES_DB=                     | POSTGRES_DB",
    })
    void missingRequiredVariableIsNamed(String assignment, String missing) throws Exception {
        String db = TestPostgres.newDatabaseName();
        Map<String, String> env = TestPostgres.environment(db);
        String[] pair = assignment.split("=", 2);
        env.put(pair[0], pair.length > 1 ? pair[1] : "");

        Cli.Result result = Cli.run(env, "create-database");

        assertEquals(2, result.exitCode(), result.out() + result.err());
        List<String> lines = result.err().lines().filter(l -> !l.isBlank()).toList();
        assertEquals(1, lines.size(), result.err());
        assertTrue(lines.get(0).contains(missing), lines.get(0));
        assertEquals(0, CreateDatabaseTaskTest.count("SELECT count(*) FROM pg_database WHERE datname = ?", db));
    }
}
