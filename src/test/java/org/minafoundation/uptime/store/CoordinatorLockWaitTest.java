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
import org.junit.jupiter.api.Test;
import org.minafoundation.uptime.config.Settings;
import org.minafoundation.uptime.support.TestPostgres;

/** A coordinator waiting for the lock shows life while it waits, says when it has it, and stops waiting on stop. */
class CoordinatorLockWaitTest {

    private static final Duration RETRY = Duration.ofMillis(100);

    @Test
    void waitingShowsLifeThenTakesTheLockWhenItIsFree() throws Exception {
        Settings settings = Settings.from(TestPostgres.environment(TestPostgres.newDatabaseName()));
        TestPostgres.execute("postgres", "CREATE DATABASE " + settings.postgres().database());
        try (Database database = Database.open(settings.postgres());
                CoordinatorLock first = new CoordinatorLock(database, settings.postgres(), RETRY);
                CoordinatorLock second = new CoordinatorLock(database, settings.postgres(), RETRY)) {
            first.acquire();
            AtomicInteger heartbeats = new AtomicInteger();
            AtomicInteger acquired = new AtomicInteger();
            second.whileWaiting(heartbeats::incrementAndGet);
            second.afterAcquired(acquired::incrementAndGet);

            CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> {
                try {
                    second.ensureHeld();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            await().atMost(Duration.ofSeconds(30)).until(() -> heartbeats.get() >= 3);
            assertEquals(0, acquired.get(), "still waiting");
            first.close();

            waiting.get(30, TimeUnit.SECONDS);
            assertEquals(1, acquired.get());
        }
    }

    @Test
    void stoppingEndsTheWait() throws Exception {
        Settings settings = Settings.from(TestPostgres.environment(TestPostgres.newDatabaseName()));
        TestPostgres.execute("postgres", "CREATE DATABASE " + settings.postgres().database());
        try (Database database = Database.open(settings.postgres());
                CoordinatorLock first = new CoordinatorLock(database, settings.postgres(), RETRY);
                CoordinatorLock second = new CoordinatorLock(database, settings.postgres(), RETRY)) {
            first.acquire();
            AtomicInteger heartbeats = new AtomicInteger();
            second.whileWaiting(heartbeats::incrementAndGet);
            CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> {
                try {
                    second.acquire();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            await().atMost(Duration.ofSeconds(30)).until(() -> heartbeats.get() >= 1);

            second.stop();

            ExecutionException ended = assertThrows(ExecutionException.class, () -> waiting.get(30, TimeUnit.SECONDS));
            assertInstanceOf(InterruptedException.class, ended.getCause().getCause());
            assertTrue(ended.getCause().getCause().getMessage().contains("stopping"));
        }
    }
}
