package org.minafoundation.uptime.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.minafoundation.uptime.support.DatabaseSnapshot;
import org.minafoundation.uptime.support.GoldenRun;

/**
 * Every golden scenario (src/test/resources/golden: the reference's results), run through the real
 * command line on a real PostgreSQL: what we write must be what the reference wrote, batch for batch.
 */
class GoldenScenarioTest {

    static final Path GOLDEN = GoldenRun.GOLDEN;

    static Stream<String> scenarios() throws Exception {
        try (Stream<Path> folders = Files.list(GOLDEN)) {
            return folders.filter(f -> Files.exists(f.resolve("expected.json")))
                    .map(f -> f.getFileName().toString()).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void reproducesTheReference(String scenario) throws Exception {
        JsonNode expected = new ObjectMapper().readTree(GOLDEN.resolve(scenario).resolve("expected.json").toFile());
        GoldenRun run = GoldenRun.prepare(scenario);
        assertEquals(0, run.runUntil(run.lastEnd()).exitCode());

        DatabaseSnapshot actual = DatabaseSnapshot.of(run.database());
        assertEquals(expectedBatches(expected), actual.batches(), scenario + ": batches");
        assertEquals(sorted(expected.get("nodes")), actual.nodes(), scenario + ": nodes");
        assertEquals(expectedHistory(expected), actual.scoreHistory(), scenario + ": score history");
    }

    private static Map<String, List<String>> expectedBatches(JsonNode expected) {
        Map<String, List<String>> batches = new TreeMap<>();
        for (JsonNode b : expected.get("batches")) {
            List<String> facts = new ArrayList<>();
            facts.add("files_processed " + b.get("files_processed").asInt());
            facts.add("file_timestamps " + DatabaseSnapshot.normalizeTimestamp(b.get("file_timestamps").asText()));
            b.get("points").forEach(p -> facts.add("point " + p.get(0).asText() + " " + p.get(1).asText() + " x" + p.get(2).asInt()));
            b.get("points_summary").forEach(k -> facts.add("summary " + k.asText()));
            b.get("shortlisted").forEach(s -> facts.add("shortlisted " + s.get(0).asText() + " <- "
                    + s.get(1).asText() + " w" + s.get(2).asInt()));
            facts.sort(null);
            batches.put(b.get("batch_start_epoch").asLong() + "-" + b.get("batch_end_epoch").asLong(), facts);
        }
        return batches;
    }

    private static Map<String, List<String>> expectedHistory(JsonNode expected) {
        Map<String, List<String>> history = new TreeMap<>();
        for (JsonNode h : expected.get("score_history")) {
            history.put(h.get("score_at").asText(), sorted(h.get("rows")));
        }
        return history;
    }

    private static List<String> sorted(JsonNode rows) {
        List<String> result = new ArrayList<>();
        rows.forEach(r -> result.add(DatabaseSnapshot.scoreRow(r.get(0).asText(),
                r.get(1).isNull() ? null : r.get(1).asInt(), r.get(2).isNull() ? null : r.get(2).asText())));
        result.sort(null);
        return result;
    }
}
