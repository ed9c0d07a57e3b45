package org.minafoundation.uptime.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minafoundation.uptime.support.Cli;
import org.minafoundation.uptime.support.GoldenRun;
import org.minafoundation.uptime.support.TestPostgres;

/**
 * A pass slower than the timer period never lets a second pass start: the batch timer ticks
 * every 10 ms (coordinator.tickMillis), and each pass holds its verifier for up to 1 s. The
 * split over slices runs on its own threads, so without {@code synchronous: true} on the timer
 * the timer thread is free as soon as the slices are handed over, and the next tick starts a
 * second pass of the same (uncommitted) batch while the first one's verifier still runs.
 *
 * <p>The verifier (VERIFIER_MODE=local, one slice per batch) is a script that takes a
 * directory as its lock: a verifier that finds it taken runs beside another pass's verifier,
 * writes its window into {@code overlaps} and wakes the holder. The golden rows are already
 * verified, so the script leaves the submissions alone.
 */
class NoOverlapTest {

    @TempDir
    Path folder;

    @Test
    void aSlowPassDoesNotLetTheTimerStartASecondOne() throws Exception {
        GoldenRun run = GoldenRun.prepare("midnight-40");
        Path overlaps = folder.resolve("overlaps");
        Path entered = folder.resolve("entered");
        Path verifier = script(folder.resolve("slow-verifier.sh"), """
                if mkdir '%1$s/in-flight' 2>/dev/null; then
                  echo "$START_TIMESTAMP" >> '%2$s'
                  # hold the pass (20 x 50 ms) unless another pass's verifier shows up
                  i=0
                  while [ $i -lt 20 ] && [ ! -e '%3$s' ]; do sleep 0.05; i=$((i+1)); done
                  rmdir '%1$s/in-flight'
                else
                  echo "$START_TIMESTAMP" >> '%3$s'
                fi
                """.formatted(folder, entered, overlaps));
        Path certificate = Files.writeString(folder.resolve("ca.crt"), "not read by this verifier\n");

        Cli.Result result = run.runUntil(run.lastEnd(), Map.of(
                "VERIFIER_MODE", "local",
                "VERIFIER_COMMAND", verifier.toString(),
                "SSL_CERTFILE", certificate.toString(),
                "MINI_BATCH_NUMBER", "1"));

        assertFalse(Files.exists(overlaps), () -> "a verifier ran while another pass's verifier held its batch: "
                + read(overlaps));
        assertEquals(0, result.exitCode(), result.out());
        assertEquals(run.batchEnds().size(), read(entered).size(), "each batch's pass held its verifier: " + read(entered));
        try (Connection c = TestPostgres.dataSource(run.database()).getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*), count(DISTINCT batch_start_epoch) FROM bot_logs"
                        + " WHERE files_processed > -1")) {
            r.next();
            assertEquals(run.batchEnds().size(), r.getInt(1), "one row per batch");
            assertEquals(run.batchEnds().size(), r.getInt(2), "no window written twice");
        }
    }

    private static Path script(Path file, String body) throws Exception {
        Files.writeString(file, "#!/bin/sh\n" + body, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file;
    }

    private static List<String> read(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file) : List.of();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
