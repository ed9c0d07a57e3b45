package org.minafoundation.uptime.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.minafoundation.uptime.support.Cli;

/**
 * The bench command runs every case end to end at tiny sizes and prints its table. What it
 * measures is only meaningful at full size, on a quiet machine: nothing here asserts a time.
 */
class BenchCommandTest {

    @Test
    void everyCaseRunsAndLandsInTheTable() {
        Cli.Result result = Cli.run(Map.of(), "bench", "--quick");

        assertEquals(0, result.exitCode(), result.err());
        List<String> rows = result.out().lines().filter(line -> line.startsWith("| ") && !line.startsWith("| case")).toList();
        assertEquals(15, rows.size(), result.out());
        for (String name : List.of("per-batch processing, window filling", "per-batch processing, window full",
                "scoreboard update", "first-time catch-up", "rescore, nothing changed",
                "rescore, 1 in 20 verdicts changed", "scores leaderboard", "scores producer page", "scores producer json",
                "scores day of reasons", "scores day of reasons, cold", "scores: coordinator batch alongside")) {
            assertTrue(rows.stream().anyMatch(row -> row.startsWith("| " + name + " |")), name + " in " + rows);
        }
        assertTrue(result.out().contains("max heap"), result.out());
        assertTrue(rows.stream().filter(row -> row.startsWith("| scores ")).allMatch(row -> row.contains(", 0 not 200")),
                "the scores service answered every request of the load: " + rows);
    }

    @Test
    void anUnknownCaseIsABadArgument() {
        Cli.Result result = Cli.run(Map.of(), "bench", "--case", "everything");

        assertEquals(2, result.exitCode());
        assertTrue(result.err().contains("--case"), result.err());
    }
}
