package org.minafoundation.uptime.store;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * The demo's folder is closed by its shutdown hook and by its try block, possibly at the
 * same time (a stopped demo left it behind when one walk lost files to the other).
 */
class TemporaryDirectoryTest {

    @Test
    void twoClosesAtOnceDeleteEverythingWithoutError() throws Exception {
        for (int round = 0; round < 20; round++) {
            TemporaryDirectory directory = new TemporaryDirectory("uptime-test");
            for (int d = 0; d < 10; d++) {
                Path sub = Files.createDirectories(directory.path().resolve("base/" + d));
                for (int f = 0; f < 30; f++) {
                    Files.writeString(sub.resolve(String.valueOf(f)), "x");
                }
            }
            CountDownLatch start = new CountDownLatch(1);
            Runnable close = () -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                directory.close();
            };
            CompletableFuture<Void> hook = CompletableFuture.runAsync(close);
            CompletableFuture<Void> block = CompletableFuture.runAsync(close);
            start.countDown();

            CompletableFuture.allOf(hook, block).join(); // an exception in either fails the test

            assertFalse(Files.exists(directory.path()), "round " + round);
        }
    }
}
