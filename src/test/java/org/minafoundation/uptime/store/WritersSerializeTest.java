package org.minafoundation.uptime.store;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.minafoundation.uptime.config.Settings;
import org.minafoundation.uptime.support.TestPostgres;

/** Every writing transaction proves the coordinator lock inside itself, and writers never overlap. */
class WritersSerializeTest {

    @Test
    void aTransactionProvesTheLockOnlyWhileItsSessionHoldsIt() throws Exception {
        DataSource dataSource = TestPostgres.migratedDatabase();
        CoordinatorLock lock = TestPostgres.heldLock(dataSource);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            lock.proveHeldIn(c);
            c.rollback();

            execute(dataSource, "SELECT pg_terminate_backend(pid, 10000) FROM pg_stat_activity"
                    + " WHERE datname = current_database() AND application_name = 'uptime-coordinator lock'");
            assertThrows(CoordinatorLockLost.class, () -> lock.proveHeldIn(c));
            c.rollback();
        } finally {
            lock.close();
        }
    }

    @Test
    void anotherSessionHoldingTheLockIsNoProof() throws Exception {
        DataSource dataSource = TestPostgres.migratedDatabase();
        CoordinatorLock lock = TestPostgres.heldLock(dataSource);
        try (Connection c = dataSource.getConnection()) {
            execute(dataSource, "SELECT pg_terminate_backend(pid, 10000) FROM pg_stat_activity"
                    + " WHERE datname = current_database() AND application_name = 'uptime-coordinator lock'");
            // a rescore (another process) takes the free lock
            CoordinatorLock other = TestPostgres.heldLock(dataSource);
            try {
                c.setAutoCommit(false);
                assertThrows(CoordinatorLockLost.class, () -> lock.proveHeldIn(c));
                c.rollback();
                assertFalse(lock.reacquireIfFree(), "the other process holds it");
            } finally {
                other.close();
            }
            assertEquals(true, lock.reacquireIfFree(), "free again");
            lock.proveHeldIn(c);
            c.rollback();
        } finally {
            lock.close();
        }
    }

    @Test
    void aCleanupWaitsForTheWriterInProgress() throws Exception {
        DataSource dataSource = TestPostgres.migratedDatabase();
        String name;
        try (Connection c = dataSource.getConnection()) {
            name = c.getCatalog();
        }
        Settings settings = Settings.from(Map.of("POSTGRES_HOST", "localhost", "POSTGRES_PORT",
                String.valueOf(TestPostgres.server().getPort()), "POSTGRES_DB", name, "POSTGRES_USER", "postgres",
                "POSTGRES_PASSWORD", "postgres", "VERIFIER_MODE", "none"));
        try (Database database = Database.open(settings.postgres()); Connection writer = dataSource.getConnection()) {
            writer.setAutoCommit(false);
            CoordinatorLock.serializeWriters(writer);
            CompletableFuture<Map<String, Long>> cleanup = CompletableFuture.supplyAsync(() -> {
                try {
                    return new DatabaseTasks(database).cleanup(30);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            await().atMost(Duration.ofSeconds(30)).until(() -> waitingOnAdvisoryLock(dataSource) == 1);
            assertFalse(cleanup.isDone(), "the cleanup waits while a batch's transaction is open");
            writer.commit();
            assertFalse(cleanup.get(30, TimeUnit.SECONDS).isEmpty(), "and runs once it ended");
        }
    }

    private static int waitingOnAdvisoryLock(DataSource dataSource) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                        + " AND wait_event_type = 'Lock' AND wait_event = 'advisory'")) {
            r.next();
            return r.getInt(1);
        }
    }

    private static void execute(DataSource dataSource, String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement p = c.prepareStatement(sql)) {
            p.execute();
        }
    }
}
