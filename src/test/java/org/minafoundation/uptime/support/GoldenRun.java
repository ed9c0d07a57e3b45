package org.minafoundation.uptime.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A golden scenario loaded into a fresh database, ready to be run batch by batch. */
public record GoldenRun(String database, Map<String, String> env, List<Long> batchEnds) {

    /**
     * The project's own copy of the reference's golden scenarios (their submissions gzipped), so that
     * a clone with nothing beside it passes; -Dgolden.dir points at another tree of the same layout.
     */
    public static final Path GOLDEN = Path.of(System.getProperty("golden.dir", "src/test/resources/golden"));

    /** A scenario's {@code submissions.csv.gz}: the rows exactly as the verifier left them. */
    public static Path submissions(String scenario) {
        return GOLDEN.resolve(scenario).resolve("submissions.csv.gz");
    }

    public static GoldenRun prepare(String scenario) throws Exception {
        Path folder = GOLDEN.resolve(scenario);
        JsonNode expected = new ObjectMapper().readTree(folder.resolve("expected.json").toFile());
        String database = TestPostgres.newDatabaseName();
        Map<String, String> env = TestPostgres.environment(database);
        assertEquals(0, Cli.run(env, "create-database").exitCode());
        SubmissionsCsv.load(database, submissions(scenario));
        long initEpoch = expected.get("init_batches").get(0).get("batch_end_epoch").asLong();
        assertEquals(0, Cli.run(env, "init-database", "--batch-end-epoch", String.valueOf(initEpoch)).exitCode());
        List<Long> ends = new ArrayList<>();
        expected.get("batches").forEach(b -> ends.add(b.get("batch_end_epoch").asLong()));
        ends.sort(null);
        return new GoldenRun(database, env, List.copyOf(ends));
    }

    public long lastEnd() {
        return batchEnds.get(batchEnds.size() - 1);
    }

    /** Runs the coordinator up to (and including) the batch ending at {@code endEpoch}. */
    public Cli.Result runUntil(long endEpoch) {
        return Cli.run(env, "run", "--until", String.valueOf(endEpoch));
    }

    public Cli.Result runUntil(long endEpoch, Map<String, String> extraEnv) {
        Map<String, String> merged = new java.util.HashMap<>(env);
        merged.putAll(extraEnv);
        return Cli.run(merged, "run", "--until", String.valueOf(endEpoch));
    }
}
