package org.minafoundation.uptime.scores;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.minafoundation.uptime.scoring.ScoringEngine;
import org.minafoundation.uptime.store.ProducerBatches;
import org.minafoundation.uptime.support.Cli;
import org.minafoundation.uptime.support.TestPostgres;

/**
 * One case per reason code of SPEC §12, from real submissions the coordinator processed in a
 * real PostgreSQL: 30 producers (so a hash needs two of them to be a consensus candidate),
 * two batches, then what cleanup, a rescore-worthy change and a not-counted batch leave.
 */
class ReasonsTest {

    static final long T0 = 1_717_200_000L; // 2024-06-01T00:00:00Z
    static final long BATCH = 1_200;
    static final int PRODUCERS = 30;
    static final String AGREED = "3NKagreed";
    static final String NEXT = "3NKnext";
    static final String FORK = "3NKfork";

    static Map<String, String> env;
    static DataSource dataSource;
    static Explainer explainer;
    /** key -> its verdicts in the three batches, oldest first. */
    static Map<String, List<BatchVerdict>> verdicts;

    /** A well-formed key for producer {@code i} (base58 has no 0, O, I or l). */
    static String key(int i) {
        String alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZ";
        return "B62q" + "k".repeat(49) + alphabet.charAt(i / alphabet.length()) + alphabet.charAt(i % alphabet.length());
    }

    @BeforeAll
    static void processTwoBatchesThenChangeWhatIsStored() throws Exception {
        String database = TestPostgres.newDatabaseName();
        env = TestPostgres.environment(database);
        assertEquals(0, Cli.run(env, "create-database").exitCode());
        dataSource = TestPostgres.dataSource(database);
        try (Connection c = dataSource.getConnection()) {
            for (int i = 1; i <= 25; i++) {
                // producers 1..25 agree, in both batches; 26 sends nothing
                submit(c, key(i), T0 + 60 + i, AGREED, "3NKparent", 100L, null, true);
                submit(c, key(i), T0 + BATCH + 60 + i, NEXT, AGREED, 101L, null, true);
            }
            submit(c, key(27), T0 + 300, "3NKunverified", "3NKparent", 100L, null, false);
            submit(c, key(28), T0 + 310, "3NKrejected", "3NKparent", 100L, "Invalid proof", true);
            submit(c, key(28), T0 + 320, "3NKrejected2", "3NKparent", 100L, "Invalid protocol state", true);
            submit(c, key(29), T0 + 330, null, "3NKparent", 100L, null, true);
            submit(c, key(30), T0 + 340, FORK, "3NKelsewhere", 97L, null, true);
        }
        assertEquals(0, Cli.run(env, "init-database", "--batch-end-epoch", String.valueOf(T0)).exitCode());
        assertEquals(0, Cli.run(env, "run", "--until", String.valueOf(T0 + 2 * BATCH)).exitCode());

        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            // producer 1's point of the first batch is gone from the store: the recount still gives it
            s.executeUpdate("DELETE FROM points WHERE bot_log_id = (SELECT id FROM bot_logs WHERE batch_end_epoch = "
                    + (T0 + BATCH) + ") AND node_id = (SELECT id FROM nodes WHERE block_producer_key = '" + key(1) + "')");
            // cleanup took the second batch's submissions
            s.executeUpdate("DELETE FROM submissions WHERE submitted_at >= '" + utc(T0 + BATCH) + "'");
            // a third batch that does not count
            s.executeUpdate("INSERT INTO bot_logs (processing_time, files_processed, file_timestamps, batch_start_epoch,"
                    + " batch_end_epoch) VALUES (0, -1, now(), " + (T0 + 2 * BATCH) + ", " + (T0 + 3 * BATCH) + ")");
        }
        explainer = new Explainer(new ProducerBatches(dataSource), new BatchRecount(dataSource, new ScoringEngine()));
        verdicts = new java.util.HashMap<>();
        for (int i = 1; i <= PRODUCERS; i++) {
            verdicts.put(key(i), explainer.explain(key(i), Instant.ofEpochSecond(T0), Instant.ofEpochSecond(T0 + 3 * BATCH)));
        }
    }

    static void submit(Connection c, String key, long at, String hash, String parent, Long height, String error,
            boolean verified) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO submissions (submitted_at_date, submitted_at,"
                + " submitter, created_at, block_hash, state_hash, parent, height, slot, validation_error, verified)"
                + " VALUES (?, ?, ?, ?, 'block', ?, ?, ?, 1, ?, ?)")) {
            LocalDateTime time = utc(at);
            p.setObject(1, time.toLocalDate());
            p.setObject(2, time);
            p.setString(3, key);
            p.setObject(4, time);
            p.setString(5, hash);
            p.setString(6, parent);
            p.setObject(7, height);
            p.setString(8, error);
            p.setBoolean(9, verified);
            p.executeUpdate();
        }
    }

    static LocalDateTime utc(long epoch) {
        return LocalDateTime.ofEpochSecond(epoch, 0, ZoneOffset.UTC);
    }

    static BatchVerdict first(int producer) {
        return verdicts.get(key(producer)).get(0);
    }

    static BatchVerdict second(int producer) {
        return verdicts.get(key(producer)).get(1);
    }

    @Test
    void everyProducerHasOneVerdictPerProcessedBatchOldestFirst() {
        for (List<BatchVerdict> list : verdicts.values()) {
            assertEquals(List.of(T0, T0 + BATCH, T0 + 2 * BATCH),
                    list.stream().map(v -> v.start().getEpochSecond()).toList());
        }
    }

    @Test
    void point() {
        BatchVerdict verdict = first(2);
        assertEquals(Reason.POINT, verdict.reason());
        assertTrue(verdict.point() && verdict.counted());
        assertTrue(verdict.detail().contains(AGREED) && verdict.detail().contains("height 100"), verdict.detail());
        assertTrue(verdict.submissions().get(0).shortlisted());
        assertEquals(0, verdict.submissions().get(0).weight());
    }

    @Test
    void aPointWhoseSubmissionsWereRemovedStaysAPointAndSaysSo() {
        BatchVerdict verdict = second(2);
        assertEquals(Reason.POINT, verdict.reason());
        assertTrue(verdict.detail().contains("no longer stored"), verdict.detail());
        assertTrue(verdict.submissions().isEmpty());
    }

    @Test
    void storedDiffers() {
        BatchVerdict verdict = first(1);
        assertEquals(Reason.STORED_DIFFERS, verdict.reason());
        assertFalse(verdict.point(), "the stored result is what the answer reports");
        assertTrue(verdict.detail().contains("rescore"), verdict.detail());
    }

    @Test
    void noSubmission() {
        assertEquals(Reason.NO_SUBMISSION, first(26).reason());
    }

    @Test
    void dataRemoved() {
        assertEquals(Reason.DATA_REMOVED, second(26).reason());
        assertEquals(Reason.DATA_REMOVED, second(27).reason());
    }

    @Test
    void notVerified() {
        BatchVerdict verdict = first(27);
        assertEquals(Reason.NOT_VERIFIED, verdict.reason());
        assertEquals(1, verdict.submissions().size());
        assertFalse(verdict.submissions().get(0).verified());
    }

    @Test
    void invalid() {
        BatchVerdict verdict = first(28);
        assertEquals(Reason.INVALID, verdict.reason());
        assertTrue(verdict.detail().contains("Invalid proof; Invalid protocol state"), verdict.detail());
    }

    @Test
    void unusable() {
        assertEquals(Reason.UNUSABLE, first(29).reason());
    }

    @Test
    void notNearConsensus() {
        BatchVerdict verdict = first(30);
        assertEquals(Reason.NOT_NEAR_CONSENSUS, verdict.reason());
        assertTrue(verdict.detail().contains("height 97") && verdict.detail().contains("height 100"), verdict.detail());
        assertFalse(verdict.submissions().get(0).shortlisted());
        assertEquals(null, verdict.submissions().get(0).weight());
    }

    @Test
    void notCounted() {
        Map<Reason, Long> third = verdicts.values().stream().map(list -> list.get(2))
                .collect(Collectors.groupingBy(BatchVerdict::reason, Collectors.counting()));
        assertEquals(Map.of(Reason.NOT_COUNTED, (long) PRODUCERS), third);
        assertFalse(verdicts.get(key(2)).get(2).counted());
    }

    @Test
    void explainPrintsTheSameReasonsAsATable() {
        Cli.Result result = Cli.run(env, "explain", "--producer", key(30), "--from", String.valueOf(T0),
                "--to", String.valueOf(T0 + 3 * BATCH));

        assertEquals(0, result.exitCode(), result.err());
        List<String> rows = result.out().lines().filter(l -> l.startsWith("2024-")).toList();
        assertEquals(3, rows.size(), result.out());
        assertTrue(rows.get(0).contains("NOT_NEAR_CONSENSUS") && rows.get(0).contains(first(30).detail()), rows.get(0));
        assertTrue(rows.get(1).contains("DATA_REMOVED"), rows.get(1));
        assertTrue(rows.get(2).contains("NOT_COUNTED"), rows.get(2));
        assertTrue(result.out().contains(key(30) + ": 0 point(s) in 3 batch(es)"), result.out());
    }

    @Test
    void explainSaysSoOfAnUnknownProducer() {
        Cli.Result result = Cli.run(env, "explain", "--producer", key(31));
        assertEquals(1, result.exitCode());
        assertTrue(result.err().contains("No producer " + key(31) + " is known"), result.err());
    }

    @Test
    void theRecentBatchesAreScoredAgainAheadOfRequestsAndGiveTheSameReasons() throws SQLException {
        BatchRecount recount = new BatchRecount(dataSource, new ScoringEngine());
        var stored = new ProducerBatches(dataSource);
        var recent = new RecentRecounts(new org.minafoundation.uptime.store.ScoresQueries(dataSource, 90, true), stored,
                recount);
        // the two counted batches lie within two days of the newest (the third does not count)
        assertEquals(2, recent.recountRecent());
        Explainer ahead = new Explainer(stored, recount);
        for (int i = 1; i <= PRODUCERS; i++) {
            assertEquals(verdicts.get(key(i)), ahead.explain(key(i), Instant.ofEpochSecond(T0),
                    Instant.ofEpochSecond(T0 + 3 * BATCH)), "producer " + i);
        }
    }
}
