package org.minafoundation.uptime.store;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.minafoundation.uptime.support.QueryRows.strings;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minafoundation.uptime.config.Settings;
import org.minafoundation.uptime.support.Cli;
import org.slf4j.LoggerFactory;

/**
 * Without POSTGRES_HOST the coordinator starts its own PostgreSQL in EMBEDDED_POSTGRES_DIR;
 * what one start writes, the next start finds.
 */
class EmbeddedRestartTest {

    @Test
    void dataSurvivesRestarts(@TempDir Path temp) throws Exception {
        Path directory = temp.resolve("state").resolve("postgres");
        Map<String, String> env = new HashMap<>();
        env.put("EMBEDDED_POSTGRES_DIR", directory.toString());
        env.put("VERIFIER_MODE", "none");

        Cli.Result first = Cli.run(env, "init-database", "--batch-end-epoch", "1709334000");
        assertEquals(0, first.exitCode(), first.err());
        assertTrue(first.out().contains("Row inserted into bot_logs: batch_end_epoch 1709334000"), first.out());
        assertTrue(Files.isRegularFile(directory.resolve("PG_VERSION")), "the data lives in EMBEDDED_POSTGRES_DIR");

        Cli.Result second = Cli.run(env, "init-database");
        assertEquals(0, second.exitCode(), second.err());
        assertTrue(second.out().contains("bot_logs is not empty: no row inserted"), "restart lost the data: " + second.out());

        Cli.Result third = Cli.run(env, "init-database", "--batch-end-epoch", "1709335200", "--override-empty");
        assertEquals(0, third.exitCode(), third.err());

        try (Database database = Database.open(Settings.from(env).postgres());
                Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
            assertEquals(List.of("1709334000", "1709335200"), strings(s, "SELECT batch_end_epoch FROM bot_logs ORDER BY id"));
            assertEquals(List.of("1", "2", "3", "4", "5", "6", "7", "8", "9"), strings(s, "SELECT version FROM flyway_schema_history ORDER BY installed_rank"),
                    "migrated once, never re-created");
        }
    }

    /**
     * Commands started while the embedded server runs for another (a coordinator) use that
     * server, never try to start a second one on the same directory, and leave it running;
     * a second coordinator waits for the lock as it would on an external database.
     */
    @Test
    void commandsBesideARunningServerUseItAndLeaveItRunning(@TempDir Path temp) throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("EMBEDDED_POSTGRES_DIR", temp.resolve("postgres").toString());
        env.put("VERIFIER_MODE", "none");
        env.put("MANAGEMENT_PORT", "0");
        env.put("RETRY_DELAY_SECONDS", "0");
        Settings settings = Settings.from(env);
        long start = 1709334000;
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        logs.start();
        root.addAppender(logs);
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try (Database first = Database.open(settings.postgres())) {
            SchemaMigration.migrate(first.dataSource());
            assertEquals(List.of("on", "on"), settingsOf(first), "fsync, synchronous_commit of the coordinator's server");

            Cli.Result init = Cli.run(env, "init-database", "--batch-end-epoch", String.valueOf(start));
            assertEquals(0, init.exitCode(), init.err());
            assertTrue(init.out().contains("Row inserted into bot_logs"), init.out());
            Cli.Result cleanup = Cli.run(env, "cleanup", "--days", "3650");
            assertEquals(0, cleanup.exitCode(), cleanup.err());
            Cli.Result create = Cli.run(env, "create-database");
            assertEquals(0, create.exitCode(), create.err());
            assertEquals(List.of("1"), count(first), "the first one's server still runs, with the task's row");

            Future<Cli.Result> second;
            try (CoordinatorLock held = new CoordinatorLock(first, settings.postgres(), Duration.ofSeconds(1))) {
                assertTrue(held.acquireIfFree());
                second = thread.submit(() -> Cli.run(env, "run", "--until", String.valueOf(start + 2400)));
                await().atMost(Duration.ofMinutes(2)).until(() -> messages(logs).stream()
                        .anyMatch(m -> m.startsWith("Another coordinator is processing batches")));
                assertFalse(second.isDone(), "the second coordinator waits while the first holds the lock");
            }
            Cli.Result run = second.get(2, TimeUnit.MINUTES);
            assertEquals(0, run.exitCode(), run.err());
            assertEquals(List.of("3"), count(first), "the second one ran its two batches on the same server");
            assertEquals(List.of("on", "on"), settingsOf(first), "the server is still up after the second one ended");
        } finally {
            thread.shutdownNow();
            root.detachAppender(logs);
        }
        List<String> errors = logs.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.ERROR))
                .map(ILoggingEvent::getFormattedMessage).toList();
        assertEquals(List.of(), errors);
        assertTrue(messages(logs).stream().noneMatch(m -> m.contains("epg-lock")), messages(logs).toString());
        assertTrue(Files.notExists(temp.resolve("postgres").resolve("postmaster.pid")), "the first one stopped its server");
    }

    private static List<String> settingsOf(Database database) throws Exception {
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
            return List.of(strings(s, "SHOW fsync").get(0), strings(s, "SHOW synchronous_commit").get(0));
        }
    }

    private static List<String> count(Database database) throws Exception {
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
            return strings(s, "SELECT count(*) FROM bot_logs");
        }
    }

    private static List<String> messages(ListAppender<ILoggingEvent> logs) {
        synchronized (logs) {
            return logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        }
    }
}
