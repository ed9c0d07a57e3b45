package org.minafoundation.uptime.store;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.minafoundation.uptime.config.Settings;
import org.minafoundation.uptime.support.TestPostgres;

/** A coordinator waiting for the lock shows life while it waits, says when it has it, and stops waiting on stop. */
class CoordinatorLockWaitTest {

    private static final Duration RETRY = Duration.ofMillis(100);

    private Database database;
    private CoordinatorLock first;
    private CoordinatorLock second;
    private final AtomicInteger heartbeats = new AtomicInteger();

    /** A fresh database whose lock {@code first} holds; {@code second} counts its heartbeats. */
    @BeforeEach
    void firstHoldsTheLock() throws Exception {
        Settings settings = Settings.from(TestPostgres.environment(TestPostgres.newDatabaseName()));
        TestPostgres.execute("postgres", "CREATE DATABASE " + settings.postgres().database());
        database = Database.open(settings.postgres());
        first = new CoordinatorLock(database, settings.postgres(), RETRY);
        second = new CoordinatorLock(database, settings.postgres(), RETRY);
        first.acquire();
        second.whileWaiting(heartbeats::incrementAndGet);
    }

    @AfterEach
    void close() {
        second.close();
        first.close();
        database.close();
    }

    @Test
    void waitingShowsLifeThenTakesTheLockWhenItIsFree() throws Exception {
        AtomicInteger acquired = new AtomicInteger();
        second.afterAcquired(acquired::incrementAndGet);

        CompletableFuture<Void> waiting = secondTakesTheLock();
        await().atMost(Duration.ofSeconds(30)).until(() -> heartbeats.get() >= 3);
        assertEquals(0, acquired.get(), "still waiting");
        first.close();

        waiting.get(30, TimeUnit.SECONDS);
        assertEquals(1, acquired.get());
    }

    @Test
    void stoppingEndsTheWait() throws Exception {
        CompletableFuture<Void> waiting = secondTakesTheLock();
        await().atMost(Duration.ofSeconds(30)).until(() -> heartbeats.get() >= 1);

        second.stop();

        ExecutionException ended = assertThrows(ExecutionException.class, () -> waiting.get(30, TimeUnit.SECONDS));
        assertInstanceOf(InterruptedException.class, ended.getCause().getCause());
        assertTrue(ended.getCause().getCause().getMessage().contains("stopping"));
    }

    /** The batch loop's step before each batch, in the background. */
    private CompletableFuture<Void> secondTakesTheLock() {
        return CompletableFuture.runAsync(() -> {
            try {
                second.ensureHeld();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
