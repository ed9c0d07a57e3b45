package org.minafoundation.uptime.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.minafoundation.uptime.model.Slice;
import org.minafoundation.uptime.config.Settings;
import org.minafoundation.uptime.store.CoordinatorLock;
import org.minafoundation.uptime.store.Database;
import org.minafoundation.uptime.sim.SimulatedNetwork;
import org.minafoundation.uptime.sim.SimulatedVerifier;
import org.minafoundation.uptime.sim.SubmissionWriter;
import org.minafoundation.uptime.support.Cli;
import org.minafoundation.uptime.support.DatabaseSnapshot;
import org.minafoundation.uptime.support.TestPostgres;
import org.slf4j.LoggerFactory;

/**
 * {@code rescore} leaves the database as a first-time run over the same stored submissions
 * would: after the derived rows were damaged, after the verdict on some submissions changed,
 * and when interrupted and continued. A one-day score window over two days of hourly
 * batches puts window edges inside the period.
 */
class RescoreTest {

    private static final Instant START = Instant.parse("2024-06-01T00:00:00Z");
    private static final Instant END = Instant.parse("2024-06-03T00:00:00Z");
    private static final String MIDDLE = "2024-06-02 06:00:00";
    private static final SimulatedNetwork NETWORK = new SimulatedNetwork(11, 24);

    /** A producer's later submissions found invalid after all (a re-run verifier, a fixed rule). */
    private static final String REJECT_LATER_SUBMISSIONS = "UPDATE submissions SET validation_error = 'rejected on review'"
            + " WHERE submitted_at >= '" + MIDDLE + "' AND submitter = (SELECT min(submitter) FROM submissions"
            + " WHERE validation_error IS NULL)";

    @Test
    void rescoringDamagedDerivedRowsRestoresThem() throws Exception {
        String database = processedDatabase();
        DatabaseSnapshot firstRun = DatabaseSnapshot.of(database);
        TestPostgres.execute(database, "DELETE FROM points_summary WHERE bot_log_id IN (10, 30)");
        TestPostgres.execute(database, "DELETE FROM points WHERE bot_log_id IN (10, 30)");
        TestPostgres.execute(database, "DELETE FROM bot_logs_statehash WHERE bot_log_id = 20");
        // Rescore writes only what differs: duplicated points, a summary row without a point and
        // altered history must be found as well as missing rows.
        TestPostgres.execute(database, "INSERT INTO points (file_name, file_timestamps, blockchain_epoch, blockchain_height,"
                + " amount, created_at, node_id, bot_log_id, statehash_id) SELECT file_name, file_timestamps,"
                + " blockchain_epoch, blockchain_height, amount, created_at, node_id, bot_log_id, statehash_id"
                + " FROM points WHERE bot_log_id = 15");
        TestPostgres.execute(database, "DELETE FROM points WHERE bot_log_id = 25 AND node_id = (SELECT min(node_id)"
                + " FROM points WHERE bot_log_id = 25)");
        TestPostgres.execute(database, "INSERT INTO points_summary (bot_log_id, node_id) SELECT 40, min(id) FROM nodes"
                + " WHERE id NOT IN (SELECT node_id FROM points WHERE bot_log_id = 40)");
        TestPostgres.execute(database, "UPDATE points SET statehash_id = (SELECT min(id) FROM statehash)"
                + " WHERE id = (SELECT max(id) FROM points WHERE bot_log_id = 35)");
        TestPostgres.execute(database, "UPDATE score_history SET score = score + 1 WHERE score_at = '2024-06-01 10:00:00'");
        TestPostgres.execute(database, "UPDATE nodes SET score = 99, score_percent = 99");
        TestPostgres.execute(database, "DELETE FROM score_history WHERE score_at > '2024-06-02 12:00:00'");
        assertNotEquals(firstRun, DatabaseSnapshot.of(database));

        Cli.Result result = Cli.run(environment(database), "rescore", "--from", "2024-06-01 00:00:00");

        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains("Rescore done: 48 batches"), result.out());
        assertEquals(firstRun, DatabaseSnapshot.of(database));
    }

    @Test
    void theHistoryOfLaterBatchesFollowsAPeriodEndingEarlier() throws Exception {
        String database = processedDatabase();
        TestPostgres.execute(database, REJECT_LATER_SUBMISSIONS);
        String periodEnd = "2024-06-02 12:00:00";

        // stopped among the later batches (6 in the period), then continued
        Cli.Result stopped = Cli.run(environment(database), "rescore", "--from", MIDDLE, "--to", periodEnd,
                "--batches", "9");
        assertEquals(0, stopped.exitCode(), stopped.err());
        assertTrue(stopped.out().contains("Then the score history of the 12 later batches"), stopped.out());
        assertTrue(stopped.out().contains("Stopped after 9 batches"), stopped.out());
        Cli.Result result = Cli.run(environment(database), "rescore", "--from", MIDDLE, "--to", periodEnd);

        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains("0 of 6 batches left"), result.out());
        assertTrue(result.out().contains("Then the score history of the 9 later batches"), result.out());
        // the later batches kept their points; their history counts the period's new ones (SPEC §7)
        assertEquals(12, count(database, "SELECT count(DISTINCT score_at) FROM score_history WHERE score_at > '"
                + periodEnd + "'"));
        assertEquals(0, count(database, "SELECT count(*) FROM score_history h WHERE h.score IS DISTINCT FROM ("
                + " SELECT count(*) FROM points_summary ps JOIN bot_logs b ON b.id = ps.bot_log_id"
                + " WHERE ps.node_id = h.node_id"
                + " AND b.batch_start_epoch >= extract(epoch FROM h.score_at)::bigint - 86400"
                + " AND b.batch_end_epoch <= extract(epoch FROM h.score_at)::bigint)"));
    }

    /*
     * A period ending early (its later batches whose window reaches back end 2024-06-02
     * 06:00), and a producer who submits in it and then only from 2024-06-02 20:00 on, or
     * never again: whether it has a score at the batches in between depends on the period
     * alone (SPEC §7: a producer that never scored has none), though their windows do not.
     */
    private static final String EARLY_PERIOD_START = "2024-06-01 00:00:00";
    private static final String EARLY_PERIOD_END = "2024-06-01 06:00:00";
    private static final String RETURNS = "2024-06-02 20:00:00";

    /** Found invalid in the period: no score until its first point after it, as a first-time run gives. */
    @Test
    void aProducerWhoseFirstPointMovesPastThePeriodHasNoScoreUntilThen() throws Exception {
        String rescored = verifiedNetwork();
        String producer = aValidProducer(rescored);
        TestPostgres.execute(rescored, offline(producer, EARLY_PERIOD_END, RETURNS));
        runUntil(rescored, "2024-06-03 00:00:00");
        assertTrue(pointsIn(rescored, producer, EARLY_PERIOD_START, EARLY_PERIOD_END) > 0, "it scored in the period");
        String firstTime = processedDatabase(offline(producer, EARLY_PERIOD_END, RETURNS), rejectedInThePeriod(producer));
        TestPostgres.execute(rescored, rejectedInThePeriod(producer));
        assertTrue(historyRows(firstTime, producer, RETURNS, "2024-06-03 00:00:00") > 0, "it scores again");

        Cli.Result result = Cli.run(environment(rescored), "rescore", "--from", EARLY_PERIOD_START, "--to",
                EARLY_PERIOD_END);

        assertEquals(0, result.exitCode(), result.err());
        assertSameRows(DatabaseSnapshot.of(firstTime), DatabaseSnapshot.of(rescored));
    }

    /** Found valid in the period after all: a score (0) at every batch from it on, as a first-time run gives. */
    @Test
    void aProducerWhoseFirstPointMovesIntoThePeriodHasAScoreFromThenOn() throws Exception {
        String rescored = verifiedNetwork();
        String producer = aValidProducer(rescored);
        TestPostgres.execute(rescored, offline(producer, EARLY_PERIOD_END, RETURNS));
        TestPostgres.execute(rescored, rejectedInThePeriod(producer));
        runUntil(rescored, "2024-06-03 00:00:00");
        String firstTime = processedDatabase(offline(producer, EARLY_PERIOD_END, RETURNS));
        TestPostgres.execute(rescored, "UPDATE submissions SET validation_error = NULL"
                + " WHERE validation_error = 'rejected on review'");
        assertTrue(historyRows(firstTime, producer, "2024-06-02 07:00:00", RETURNS) > 0, "a score (0) between");

        Cli.Result result = Cli.run(environment(rescored), "rescore", "--from", EARLY_PERIOD_START, "--to",
                EARLY_PERIOD_END);

        assertEquals(0, result.exitCode(), result.err());
        assertSameRows(DatabaseSnapshot.of(firstTime), DatabaseSnapshot.of(rescored));
    }

    /**
     * Found invalid in the period, its only submissions: a first-time run would never have
     * given it a row in {@code nodes}; the rescore keeps the row, without a score or history.
     */
    @Test
    void aProducerThatNeverScoredAfterAllHasNoScore() throws Exception {
        String rescored = verifiedNetwork();
        String producer = aValidProducer(rescored);
        TestPostgres.execute(rescored, offline(producer, EARLY_PERIOD_END, "2024-06-03 00:00:00"));
        runUntil(rescored, "2024-06-03 00:00:00");
        String firstTime = processedDatabase(offline(producer, EARLY_PERIOD_END, "2024-06-03 00:00:00"),
                rejectedInThePeriod(producer));
        TestPostgres.execute(rescored, rejectedInThePeriod(producer));

        Cli.Result result = Cli.run(environment(rescored), "rescore", "--from", EARLY_PERIOD_START, "--to",
                EARLY_PERIOD_END);

        assertEquals(0, result.exitCode(), result.err());
        DatabaseSnapshot expected = DatabaseSnapshot.of(firstTime);
        List<String> nodes = new ArrayList<>(expected.nodes());
        nodes.add(DatabaseSnapshot.scoreRow(producer, null, null));
        nodes.sort(null);
        assertSameRows(new DatabaseSnapshot(expected.batches(), nodes, expected.scoreHistory(), expected.points()),
                DatabaseSnapshot.of(rescored));
    }

    /** Equal snapshots; else a failure naming the rows that differ (a whole snapshot is too long to read). */
    private static void assertSameRows(DatabaseSnapshot expected, DatabaseSnapshot actual) {
        List<String> differences = new ArrayList<>();
        differ("nodes", Map.of("", expected.nodes()), Map.of("", actual.nodes()), differences);
        differ("score_history at", expected.scoreHistory(), actual.scoreHistory(), differences);
        differ("batch", expected.batches(), actual.batches(), differences);
        differ("points of batch", expected.points(), actual.points(), differences);
        assertEquals(List.of(), differences);
        assertEquals(expected, actual);
    }

    private static void differ(String what, Map<String, List<String>> expected, Map<String, List<String>> actual,
            List<String> differences) {
        Set<String> keys = new TreeSet<>(expected.keySet());
        keys.addAll(actual.keySet());
        for (String key : keys) {
            List<String> missing = new ArrayList<>(expected.getOrDefault(key, List.of()));
            List<String> extra = new ArrayList<>(actual.getOrDefault(key, List.of()));
            missing.removeAll(actual.getOrDefault(key, List.of()));
            extra.removeAll(expected.getOrDefault(key, List.of()));
            if (!missing.isEmpty() || !extra.isEmpty()) {
                differences.add(what + " " + key + ": missing " + missing + ", extra " + extra);
            }
        }
    }

    /** The producer with the smallest key among those with a valid submission. */
    private static String aValidProducer(String database) throws Exception {
        try (Connection c = TestPostgres.dataSource(database).getConnection();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT min(submitter) FROM submissions WHERE validation_error IS NULL")) {
            r.next();
            return r.getString(1);
        }
    }

    private static String offline(String producer, String from, String to) {
        return "UPDATE submissions SET validation_error = 'offline' WHERE submitter = '" + producer + "'"
                + " AND submitted_at >= '" + from + "' AND submitted_at < '" + to + "'";
    }

    private static String rejectedInThePeriod(String producer) {
        return "UPDATE submissions SET validation_error = 'rejected on review' WHERE submitter = '" + producer + "'"
                + " AND submitted_at >= '" + EARLY_PERIOD_START + "' AND submitted_at < '" + EARLY_PERIOD_END + "'";
    }

    private static long pointsIn(String database, String producer, String from, String to) throws Exception {
        return count(database, "SELECT count(*) FROM points p JOIN nodes n ON n.id = p.node_id"
                + " WHERE n.block_producer_key = '" + producer + "'"
                + " AND p.file_timestamps >= '" + from + "+00' AND p.file_timestamps < '" + to + "+00'");
    }

    private static long historyRows(String database, String producer, String from, String to) throws Exception {
        return count(database, "SELECT count(*) FROM score_history h JOIN nodes n ON n.id = h.node_id"
                + " WHERE n.block_producer_key = '" + producer + "'"
                + " AND h.score_at > '" + from + "' AND h.score_at <= '" + to + "'");
    }

    @Test
    void pointsOfAProducerHeldByTwoNodesGoBackToTheFirst() throws Exception {
        String database = processedDatabase();
        // The reference's nodes has no unique key: a producer may be held twice, and points go to the first row.
        String producer = "(SELECT min(node_id) FROM points WHERE bot_log_id = 20)";
        TestPostgres.execute(database, "INSERT INTO nodes (block_producer_key) SELECT block_producer_key FROM nodes"
                + " WHERE id = " + producer);
        TestPostgres.execute(database, "UPDATE points SET node_id = (SELECT max(id) FROM nodes)"
                + " WHERE bot_log_id = 20 AND node_id = " + producer);
        long repointed = pointsOfTheSecondNode(database);
        assertTrue(repointed > 0, "the damage to repair");

        Cli.Result result = Cli.run(environment(database), "rescore", "--from", "2024-06-01 00:00:00");

        assertEquals(0, result.exitCode(), result.err());
        assertEquals(0, pointsOfTheSecondNode(database));
    }

    private static long pointsOfTheSecondNode(String database) throws Exception {
        return count(database, "SELECT count(*) FROM points WHERE node_id = (SELECT max(id) FROM nodes)");
    }

    private static long count(String database, String query) throws Exception {
        try (Connection c = TestPostgres.dataSource(database).getConnection();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery(query)) {
            r.next();
            return r.getLong(1);
        }
    }

    @Test
    void rescoringAfterAChangedVerdictEqualsAFirstTimeRun() throws Exception {
        String firstTime = processedDatabase(REJECT_LATER_SUBMISSIONS);
        String rescored = processedDatabase();
        TestPostgres.execute(rescored, REJECT_LATER_SUBMISSIONS);
        assertNotEquals(DatabaseSnapshot.of(firstTime), DatabaseSnapshot.of(rescored));

        Cli.Result result = Cli.run(environment(rescored), "rescore", "--from", MIDDLE);

        assertEquals(0, result.exitCode(), result.err());
        assertEquals(DatabaseSnapshot.of(firstTime), DatabaseSnapshot.of(rescored));
    }

    @Test
    void anInterruptedRescoreContinuesToTheSameResult() throws Exception {
        String firstTime = processedDatabase(REJECT_LATER_SUBMISSIONS);
        String rescored = processedDatabase();
        TestPostgres.execute(rescored, REJECT_LATER_SUBMISSIONS);

        Cli.Result stopped = Cli.run(environment(rescored), "rescore", "--from", MIDDLE, "--batches", "5");
        assertEquals(0, stopped.exitCode(), stopped.err());
        assertTrue(stopped.out().contains("Stopped after 5 batches"), stopped.out());
        assertTrue(coordinatorWarnings(rescored).stream().anyMatch(w -> w.contains("An interrupted rescore")),
                "a coordinator started meanwhile says the rescore is unfinished");
        Cli.Result continued = Cli.run(environment(rescored), "rescore", "--from", MIDDLE);

        assertEquals(0, continued.exitCode(), continued.err());
        assertTrue(continued.out().contains("13 of 18 batches left"), continued.out());
        assertEquals(DatabaseSnapshot.of(firstTime), DatabaseSnapshot.of(rescored));
        assertTrue(coordinatorWarnings(rescored).stream().noneMatch(w -> w.contains("rescore")), "finished: no warning");
    }

    /** A batch failing midway rolls back alone: the same command continues from it. */
    @Test
    void aRescoreFailingMidwayContinuesToTheSameResult() throws Exception {
        String firstTime = processedDatabase(REJECT_LATER_SUBMISSIONS);
        String rescored = processedDatabase();
        TestPostgres.execute(rescored, REJECT_LATER_SUBMISSIONS);
        TestPostgres.execute(rescored, """
                CREATE FUNCTION fail_history() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  IF NEW.score_at = '2024-06-02 12:00:00' THEN RAISE EXCEPTION 'disk full'; END IF;
                  RETURN NEW;
                END $$;
                CREATE TRIGGER fail_history BEFORE INSERT OR UPDATE ON score_history
                  FOR EACH ROW EXECUTE FUNCTION fail_history();
                """);

        Cli.Result failed = Cli.run(environment(rescored), "rescore", "--from", MIDDLE);
        assertEquals(1, failed.exitCode(), failed.out() + failed.err());
        assertTrue(failed.err().contains("disk full"), failed.err());
        TestPostgres.execute(rescored, "DROP TRIGGER fail_history ON score_history");
        Cli.Result continued = Cli.run(environment(rescored), "rescore", "--from", MIDDLE);

        assertEquals(0, continued.exitCode(), continued.out() + continued.err());
        assertTrue(continued.out().contains("Continuing an interrupted rescore after 2024-06-02T11:00:00Z: 13 of 18"),
                continued.out());
        assertEquals(DatabaseSnapshot.of(firstTime), DatabaseSnapshot.of(rescored));
    }

    /** Newer batches processed between the two runs do not make the same command another period. */
    @Test
    void theSameCommandContinuesAfterACoordinatorProcessedNewerBatches() throws Exception {
        String database = verifiedNetwork();
        runUntil(database, "2024-06-02 18:00:00");
        TestPostgres.execute(database, REJECT_LATER_SUBMISSIONS);
        Cli.Result stopped = Cli.run(environment(database), "rescore", "--from", MIDDLE, "--batches", "5");
        assertEquals(0, stopped.exitCode(), stopped.err());
        assertTrue(stopped.out().contains("Rescoring 12 batches from 2024-06-02T06:00:00Z to 2024-06-02T18:00:00Z"),
                stopped.out());
        runUntil(database, "2024-06-03 00:00:00");

        Cli.Result continued = Cli.run(environment(database), "rescore", "--from", MIDDLE);

        assertEquals(0, continued.exitCode(), continued.out() + continued.err());
        assertTrue(continued.out().contains("7 of 12 batches left"), continued.out());
        assertEquals(0, count(database, "SELECT count(*) FROM rescore_progress"), "finished");
    }

    /** Re-initialised at the last batch's end: the next batch starts with no shortlist, rescored or not. */
    @Test
    void theBatchAfterARestartRowStartsWithoutAShortlist() throws Exception {
        String restart = "2024-06-02 00:00:00";
        String firstTime = processedDatabaseWithRestart(restart, restart, REJECT_LATER_SUBMISSIONS);
        String rescored = processedDatabaseWithRestart(restart, restart);
        TestPostgres.execute(rescored, REJECT_LATER_SUBMISSIONS);

        Cli.Result result = Cli.run(environment(rescored), "rescore", "--from", "2024-06-01 00:00:00");

        assertEquals(0, result.exitCode(), result.err());
        assertEquals(DatabaseSnapshot.of(firstTime), DatabaseSnapshot.of(rescored));
    }

    /**
     * Restarted after a gap longer than the score window, a period starting at the restart row:
     * the producers scored before the gap keep a score (0), as the batch loop gave them.
     */
    @Test
    void aPeriodStartingAtARestartRowKeepsTheScoresGivenBeforeTheGap() throws Exception {
        String lastBeforeGap = "2024-06-01 20:00:00";
        String restart = "2024-06-02 21:00:00";
        String firstTime = processedDatabaseWithRestart(lastBeforeGap, restart, REJECT_LATER_SUBMISSIONS);
        String rescored = processedDatabaseWithRestart(lastBeforeGap, restart);
        TestPostgres.execute(rescored, REJECT_LATER_SUBMISSIONS);

        Cli.Result result = Cli.run(environment(rescored), "rescore", "--from", restart);

        assertEquals(0, result.exitCode(), result.err());
        assertTrue(count(firstTime, "SELECT count(*) FROM score_history WHERE score = 0") > 0,
                "some producer has no point in the first window after the gap");
        assertEquals(DatabaseSnapshot.of(firstTime), DatabaseSnapshot.of(rescored));
    }

    @Test
    void anotherPeriodWaitsUntilTheUnfinishedRescoreIsDone() throws Exception {
        String database = processedDatabase();
        TestPostgres.execute(database, REJECT_LATER_SUBMISSIONS);
        assertEquals(0, Cli.run(environment(database), "rescore", "--from", MIDDLE, "--batches", "5").exitCode());
        DatabaseSnapshot stopped = DatabaseSnapshot.of(database);

        Cli.Result other = Cli.run(environment(database), "rescore", "--from", "2024-06-01 12:00:00");

        assertEquals(1, other.exitCode(), other.out());
        assertTrue(other.err().contains("stopped after the batch ending 2024-06-02T11:00:00Z; finish it first: rescore"
                + " --from 1717308000 --to 1717372800"), other.err());
        assertEquals(stopped, DatabaseSnapshot.of(database), "nothing written");
        assertEquals(0, Cli.run(environment(database), "rescore", "--from", "1717308000", "--to", "1717372800").exitCode());
    }

    @Test
    void aRescoreWhoseWindowsReachIntoCleanedUpBatchesIsRefused() throws Exception {
        String database = processedDatabase();
        // what cleanup leaves: the batches (and the init-database row) before 2024-06-01 12:00 are gone
        TestPostgres.execute(database, """
                DELETE FROM points_summary WHERE bot_log_id IN (SELECT id FROM bot_logs WHERE batch_start_epoch < 1717243200);
                DELETE FROM points WHERE bot_log_id IN (SELECT id FROM bot_logs WHERE batch_start_epoch < 1717243200);
                DELETE FROM bot_logs_statehash WHERE bot_log_id IN (SELECT id FROM bot_logs WHERE batch_start_epoch < 1717243200);
                DELETE FROM bot_logs WHERE batch_start_epoch < 1717243200;
                """);
        DatabaseSnapshot cleaned = DatabaseSnapshot.of(database);

        Cli.Result refused = Cli.run(environment(database), "rescore", "--from", "2024-06-01 12:00:00");

        assertEquals(1, refused.exitCode(), refused.out());
        assertTrue(refused.err().contains("the batches before 2024-06-01T12:00:00Z were cleaned up")
                && refused.err().contains("Rescore from 2024-06-02T12:00:00Z on"), refused.err());
        assertEquals(cleaned, DatabaseSnapshot.of(database), "nothing written");
        Cli.Result allowed = Cli.run(environment(database), "rescore", "--from", "2024-06-02 12:00:00");
        assertEquals(0, allowed.exitCode(), allowed.err());
        assertEquals(cleaned, DatabaseSnapshot.of(database), "nothing changed, so nothing differs");
    }

    @Test
    void anInterruptedRescoreStartsOverWhenTheScoreWindowChanged() throws Exception {
        String database = processedDatabase();
        assertEquals(0, Cli.run(environment(database), "rescore", "--from", MIDDLE, "--batches", "5").exitCode());
        Map<String, String> twoDays = environment(database);
        twoDays.put("UPTIME_DAYS_FOR_SCORE", "2");

        Cli.Result result = Cli.run(twoDays, "rescore", "--from", MIDDLE, "--batches", "1");

        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains("Rescoring 18 batches from"), result.out());
    }

    /** The warnings of a coordinator started on {@code database} with nothing left to process. */
    private static List<String> coordinatorWarnings(String database) {
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        Logger logger = (Logger) LoggerFactory.getLogger("org.minafoundation.uptime.cli.RunCommand");
        logs.start();
        logger.addAppender(logs);
        try {
            Cli.Result run = Cli.run(environment(database), "run", "--until", "2024-06-03 00:00:00");
            assertEquals(0, run.exitCode(), run.err());
        } finally {
            logger.detachAppender(logs);
        }
        return logs.list.stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void refusesWhileACoordinatorHoldsTheDatabase() throws Exception {
        String database = processedDatabase();
        DatabaseSnapshot before = DatabaseSnapshot.of(database);
        Settings settings = Settings.from(environment(database));
        try (Database running = Database.open(settings.postgres());
                CoordinatorLock lock = new CoordinatorLock(running, settings.postgres(), Duration.ofSeconds(1))) {
            lock.acquire();
            TestPostgres.execute(database, REJECT_LATER_SUBMISSIONS);

            Cli.Result result = Cli.run(environment(database), "rescore", "--from", MIDDLE);

            assertEquals(1, result.exitCode(), result.out());
            assertTrue(result.err().contains("stop it before rescoring"), result.err());
            assertEquals(before, DatabaseSnapshot.of(database), "nothing rescored");
        }
    }

    /** Two days of the simulated network, verified, processed batch by batch by the coordinator. */
    private static String processedDatabase(String... changesBeforeTheRun) throws Exception {
        String database = verifiedNetwork(changesBeforeTheRun);
        runUntil(database, "2024-06-03 00:00:00");
        return database;
    }

    /**
     * As {@link #processedDatabase}, with a restart: batches to {@code until}, then {@code
     * init-database --override-empty} at {@code restart}, then on to the end.
     */
    private static String processedDatabaseWithRestart(String until, String restart, String... changesBeforeTheRun)
            throws Exception {
        String database = verifiedNetwork(changesBeforeTheRun);
        runUntil(database, until);
        assertEquals(0, Cli.run(environment(database), "init-database", "--override-empty", "--batch-end-epoch", restart)
                .exitCode());
        runUntil(database, "2024-06-03 00:00:00");
        return database;
    }

    /** A database with the two days of submissions, verified and changed, and its first batch's start. */
    private static String verifiedNetwork(String... changes) throws Exception {
        String database = TestPostgres.newDatabaseName();
        Map<String, String> env = environment(database);
        assertEquals(0, Cli.run(env, "create-database").exitCode());
        DataSource dataSource = TestPostgres.dataSource(database);
        SubmissionWriter.write(dataSource, NETWORK, START, END);
        new SimulatedVerifier(dataSource, NETWORK.chain()).verify(new Slice(0, START, END));
        for (String change : changes) {
            TestPostgres.execute(database, change);
        }
        assertEquals(0, Cli.run(env, "init-database", "--batch-end-epoch", "2024-06-01 00:00:00").exitCode());
        return database;
    }

    private static void runUntil(String database, String until) {
        Cli.Result run = Cli.run(environment(database), "run", "--until", until);
        assertEquals(0, run.exitCode(), run.err());
    }

    private static Map<String, String> environment(String database) {
        Map<String, String> env = TestPostgres.environment(database);
        env.put("SURVEY_INTERVAL_MINUTES", "60");
        env.put("UPTIME_DAYS_FOR_SCORE", "1");
        return env;
    }
}
