package org.minafoundation.uptime.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.minafoundation.uptime.support.Cli;
import org.minafoundation.uptime.support.DatabaseSnapshot;
import org.minafoundation.uptime.support.GoldenRun;
import org.minafoundation.uptime.support.TestPostgres;

/**
 * The coordinator run end to end on a golden scenario, with WireMock standing in for the
 * Slack incoming webhook: what it posts, and that Slack failing changes nothing else.
 */
class SlackAlertsTest {

    private static final Pattern TOO_QUICK = Pattern.compile("ZkApp Validation took \\d+(\\.\\d{1,3})? seconds, which is too quick");
    private static final Pattern TOO_LONG = Pattern.compile("ZkApp Validation took \\d+(\\.\\d{1,3})?, which is too long");

    /** What the scenario run without any webhook wrote. */
    private static DatabaseSnapshot withoutSlack;
    private static int batchCount;

    private SlackStandIn slack;

    @BeforeAll
    static void runWithoutSlack() throws Exception {
        GoldenRun run = GoldenRun.prepare("midnight-40");
        batchCount = run.batchEnds().size();
        Cli.Result result = run.runUntil(run.lastEnd(), Map.of("ALARM_ZK_LOWER_LIMIT_SEC", "1000"));
        assertEquals(0, result.exitCode(), result.err());
        withoutSlack = DatabaseSnapshot.of(run.database());
        assertEquals(batchCount, withoutSlack.batches().size(), "the scenario writes a bot_logs row per batch");
    }

    @BeforeEach
    void startSlack() {
        slack = new SlackStandIn();
    }

    @AfterEach
    void stopSlack() {
        slack.close();
    }

    @Test
    void everyDispatchBelowTheLowerLimitPostsTooQuick() throws Exception {
        GoldenRun run = GoldenRun.prepare("midnight-40");

        Cli.Result result = run.runUntil(run.lastEnd(), Map.of("WEBHOOK_URL", slack.url(), "ALARM_ZK_LOWER_LIMIT_SEC", "1000"));

        assertEquals(0, result.exitCode(), result.err());
        List<String> texts = slack.texts();
        assertEquals(batchCount, texts.size(), "one alert per batch: " + texts);
        texts.forEach(text -> assertTrue(TOO_QUICK.matcher(text).matches(), text));
        assertNoSecret(result);
    }

    @Test
    void everyDispatchAboveTheUpperLimitPostsTooLong() throws Exception {
        GoldenRun run = GoldenRun.prepare("midnight-40");

        Cli.Result result = run.runUntil(run.lastEnd(), Map.of("WEBHOOK_URL", slack.url(),
                "ALARM_ZK_LOWER_LIMIT_SEC", "0", "ALARM_ZK_UPPER_LIMIT_SEC", "-1"));

        assertEquals(0, result.exitCode(), result.err());
        List<String> texts = slack.texts();
        assertEquals(batchCount, texts.size(), "one alert per batch: " + texts);
        texts.forEach(text -> assertTrue(TOO_LONG.matcher(text).matches(), text));
        assertNoSecret(result);
    }

    @Test
    void withinTheLimitsNothingIsPosted() throws Exception {
        GoldenRun run = GoldenRun.prepare("midnight-40");

        Cli.Result result = run.runUntil(run.lastEnd(), Map.of("WEBHOOK_URL", slack.url(),
                "ALARM_ZK_LOWER_LIMIT_SEC", "0", "ALARM_ZK_UPPER_LIMIT_SEC", "3600"));

        assertEquals(0, result.exitCode(), result.err());
        assertEquals(List.of(), slack.texts());
        assertEquals(withoutSlack, DatabaseSnapshot.of(run.database()), "the database is as without Slack");
    }

    @Test
    void aRetriedBatchAndTheStopAreAnnouncedWithTheirReasonAsValidJson() throws Exception {
        GoldenRun run = GoldenRun.prepare("midnight-40");
        // Every write of score history fails, with quotes, a backslash, a newline and Slack markup in the message.
        TestPostgres.execute(run.database(), """
                CREATE FUNCTION fail_history() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  RAISE EXCEPTION E'history refused: "quoted" it''s back\\\\slash\\nsecond line & <tag>';
                END $$;
                CREATE TRIGGER fail_history BEFORE INSERT ON score_history
                  FOR EACH STATEMENT EXECUTE FUNCTION fail_history();
                """);

        Cli.Result result = run.runUntil(run.lastEnd(), Map.of("WEBHOOK_URL", slack.url(), "RETRY_COUNT", "2"));

        assertEquals(1, result.exitCode());
        List<String> texts = slack.texts();
        assertEquals(3, texts.size(), "two retries, then the stop: " + texts);
        String reason = "history refused: \"quoted\" it's back\\slash\nsecond line &amp; &lt;tag&gt;";
        String window = "batch [" + java.time.Instant.ofEpochSecond(run.batchEnds().get(0) - 20 * 60);
        for (String retried : texts.subList(0, 2)) {
            assertTrue(retried.startsWith("Uptime coordinator: " + window), retried);
            assertTrue(retried.contains(reason), retried);
            assertTrue(retried.endsWith("the batch will be retried."), retried);
        }
        assertTrue(texts.get(2).startsWith("Uptime coordinator stopped: " + window), texts.get(2));
        assertTrue(texts.get(2).contains(reason), texts.get(2));
        assertTrue(texts.get(2).contains("RETRY_COUNT=2"), texts.get(2));
        assertNoSecret(result);
    }

    @Test
    void aWebhookAnswering500SlowlyNeitherStopsNorChangesABatch() throws Exception {
        GoldenRun run = GoldenRun.prepare("midnight-40");
        // longer than the Slack client's 10 s read timeout
        slack.failing(12_000);

        Cli.Result result = run.runUntil(run.lastEnd(), Map.of("WEBHOOK_URL", slack.url(), "ALARM_ZK_LOWER_LIMIT_SEC", "1000"));

        assertEquals(0, result.exitCode(), result.err());
        assertEquals(withoutSlack, DatabaseSnapshot.of(run.database()), "the database is as without Slack");
        assertTrue(slack.posts() >= 1, "it tried");
        assertTrue(result.out().contains("Slack alert not delivered"), "the failure is logged");
        // every batch was done before the first post gave up: none waited for Slack
        assertTrue(result.out().lastIndexOf(" done as bot_logs ") < result.out().indexOf("Slack alert not delivered"),
                result.out());
        assertNoSecret(result);
    }

    @Test
    void aWebhookAnswering500NeitherStopsNorChangesABatch() throws Exception {
        GoldenRun run = GoldenRun.prepare("midnight-40");
        slack.failing(0);

        Cli.Result result = run.runUntil(run.lastEnd(), Map.of("WEBHOOK_URL", slack.url(), "ALARM_ZK_LOWER_LIMIT_SEC", "1000"));

        assertEquals(0, result.exitCode(), result.err());
        assertEquals(withoutSlack, DatabaseSnapshot.of(run.database()), "the database is as without Slack");
        assertEquals(batchCount, slack.posts(), "each alert tried once");
        assertTrue(result.out().contains("Slack alert not delivered (CamelExchangeException: Error POSTing to Slack API"),
                "the failure is logged with its reason");
        assertNoSecret(result);
    }

    @Test
    void anUnreachableWebhookNeitherStopsNorChangesABatch() throws Exception {
        GoldenRun run = GoldenRun.prepare("midnight-40");
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + closedPort + SlackStandIn.PATH;

        Cli.Result result = run.runUntil(run.lastEnd(), Map.of("WEBHOOK_URL", url, "ALARM_ZK_LOWER_LIMIT_SEC", "1000"));

        assertEquals(0, result.exitCode(), result.err());
        assertEquals(withoutSlack, DatabaseSnapshot.of(run.database()), "the database is as without Slack");
        assertTrue(result.out().contains("Slack alert not delivered"), "the failure is logged");
        assertNoSecret(result);
    }

    private static void assertNoSecret(Cli.Result result) {
        assertFalse(result.out().contains(SlackStandIn.TOKEN), "the webhook URL is in stdout");
        assertFalse(result.err().contains(SlackStandIn.TOKEN), "the webhook URL is in stderr");
    }
}
