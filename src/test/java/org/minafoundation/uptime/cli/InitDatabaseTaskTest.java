package org.minafoundation.uptime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.minafoundation.uptime.support.Cli;
import org.minafoundation.uptime.support.TestPostgres;

/** init-database and each of its options, on a real PostgreSQL; times are UTC whatever the JVM's zone. */
class InitDatabaseTaskTest {

    /** 2024-03-01 12:34:56 UTC, seen from a clock in another zone. */
    static final Instant NOW = Instant.parse("2024-03-01T12:34:56Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneId.of("Asia/Tokyo"));

    String db;
    Map<String, String> env;

    @BeforeEach
    void createDatabase() {
        db = TestPostgres.newDatabaseName();
        env = TestPostgres.environment(db);
        Cli.Result created = Cli.run(env, "create-database");
        assertEquals(0, created.exitCode(), created.err());
    }

    @Test
    void defaultIsNowFromTheClock() throws Exception {
        Cli.Result result = Cli.run(env, CLOCK, "init-database");
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains("Row inserted into bot_logs: batch_end_epoch " + NOW.getEpochSecond()), result.out());
        assertEquals(List.of(row(NOW.getEpochSecond())), botLogs());
    }

    @Test
    void batchEndEpochInUnixSeconds() throws Exception {
        Cli.Result result = Cli.run(env, CLOCK, "init-database", "--batch-end-epoch", "1709334000");
        assertEquals(0, result.exitCode(), result.err());
        assertEquals(List.of(row(1709334000L)), botLogs());
    }

    @Test
    void batchEndEpochAsUtcDateTime() throws Exception {
        Cli.Result result = Cli.run(env, CLOCK, "init-database", "--batch-end-epoch", "2024-03-01 23:00:00");
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains("1709334000 (2024-03-01T23:00:00Z)"), result.out());
        assertEquals(List.of(row(1709334000L)), botLogs());
    }

    @Test
    void minutesAgo() throws Exception {
        Cli.Result result = Cli.run(env, CLOCK, "init-database", "--mins-ago", "30");
        assertEquals(0, result.exitCode(), result.err());
        assertEquals(List.of(row(NOW.getEpochSecond() - 30 * 60)), botLogs());
    }

    @Test
    void nonEmptyTableIsLeftAloneUnlessOverridden() throws Exception {
        assertEquals(0, Cli.run(env, CLOCK, "init-database", "--batch-end-epoch", "1709334000").exitCode());

        Cli.Result refused = Cli.run(env, CLOCK, "init-database", "--batch-end-epoch", "1709337600");
        assertEquals(0, refused.exitCode(), refused.err());
        assertTrue(refused.out().contains("bot_logs is not empty: no row inserted"), refused.out());
        assertEquals(List.of(row(1709334000L)), botLogs());

        Cli.Result overridden = Cli.run(env, CLOCK, "init-database", "--batch-end-epoch", "1709337600", "--override-empty");
        assertEquals(0, overridden.exitCode(), overridden.err());
        assertTrue(overridden.out().contains("Row inserted into bot_logs: batch_end_epoch 1709337600"), overridden.out());
        assertEquals(List.of(row(1709334000L), row(1709337600L)), botLogs());
    }

    @Test
    void badValuesAreUsageErrorsAndWriteNothing() throws Exception {
        assertUsageError(Cli.run(env, CLOCK, "init-database", "--batch-end-epoch", "yesterday"), "yesterday");
        assertUsageError(Cli.run(env, CLOCK, "init-database", "--batch-end-epoch", "2024-13-01 23:00:00"), "2024-13-01");
        assertUsageError(Cli.run(env, CLOCK, "init-database", "--mins-ago", "x"), "x");
        assertUsageError(Cli.run(env, CLOCK, "init-database", "--mins-ago", "-5"), "-5");
        assertUsageError(Cli.run(env, CLOCK, "init-database", "--batch-end-epoch", "1709334000", "--mins-ago", "30"), "--mins-ago");
        assertUsageError(Cli.run(env, CLOCK, "init-database", "--no-such-option"), "--no-such-option");
        assertEquals(List.of(), botLogs());
    }

    private static void assertUsageError(Cli.Result result, String named) {
        assertEquals(2, result.exitCode(), result.out() + result.err());
        assertTrue(result.err().contains(named), result.err());
        assertTrue(result.err().contains("Usage:"), result.err());
    }

    private static String row(long epoch) {
        return "files_processed -1, start " + epoch + ", end " + epoch + ", file_timestamps " + epoch;
    }

    private List<String> botLogs() throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = TestPostgres.dataSource(db).getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT files_processed, batch_start_epoch, batch_end_epoch,"
                        + " extract(epoch FROM file_timestamps)::bigint FROM bot_logs ORDER BY id")) {
            while (r.next()) {
                rows.add("files_processed " + r.getInt(1) + ", start " + r.getLong(2) + ", end " + r.getLong(3)
                        + ", file_timestamps " + r.getLong(4));
            }
        }
        return rows;
    }
}
