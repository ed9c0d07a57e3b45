package org.minafoundation.uptime.status;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.serverError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.minafoundation.uptime.status.ApplicationStatusSyncTest.SHEET;
import static org.minafoundation.uptime.status.ApplicationStatusSyncTest.WORKSHEET;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.minafoundation.uptime.support.Cli;
import org.minafoundation.uptime.support.GoldenRun;
import org.minafoundation.uptime.support.TestPostgres;

/**
 * Whatever goes wrong with the spreadsheet, the failure is logged with its reason and the
 * batches go on: all of them committed, exit code 0, statuses untouched.
 */
class ApplicationStatusFailureTest {

    @RegisterExtension
    final GoogleStandIn google = GoogleStandIn.perTest();



    static Stream<Arguments> failures() {
        Consumer<GoogleStandIn> worksheets = g -> g.stubWorksheets(SHEET, WORKSHEET, 0);
        return Stream.of(
                Arguments.of("Sheets API answers 500",
                        worksheets.andThen(g -> g.stubValues(SHEET, WORKSHEET,
                                serverError().withBody("{\"error\":{\"code\":500,\"message\":\"Internal error encountered.\"}}")
                                        .withHeader("Content-Type", "application/json"))),
                        Map.of(), "at google-sheets://data/get: HTTP 500 Server Error: Internal error encountered."),
                Arguments.of("Sheets API answers bad JSON",
                        worksheets.andThen(g -> g.stubValues(SHEET, WORKSHEET, okJson("{\"values\": [[\"Timestamp\", "))),
                        Map.of(), "at google-sheets://data/get: unreadable answer or unexpected failure: "),
                Arguments.of("Sheets API answers after the timeout",
                        worksheets.andThen(g -> {
                            System.setProperty(GoogleApiAccess.TIMEOUT_PROPERTY, "500");
                            g.stubValues(SHEET, WORKSHEET, okJson("{\"values\": []}").withFixedDelay(5_000));
                        }),
                        Map.of(), "at google-sheets://data/get: no answer in time (Read timed out; timeouts: connect 500 ms, read 500 ms)"),
                Arguments.of("token refused",
                        worksheets.andThen(g -> g.stubToken(aResponse().withStatus(400)
                                .withHeader("Content-Type", "application/json")
                                .withBody("{\"error\":\"invalid_grant\",\"error_description\":\"Invalid JWT Signature.\"}"))),
                        Map.of(), "at google-sheets://spreadsheets/get: no access token for the service account:"
                                + " HTTP 400 Bad Request {\"error\":\"invalid_grant\",\"error_description\":\"Invalid JWT Signature.\"}"),
                Arguments.of("spreadsheet without worksheet",
                        (Consumer<GoogleStandIn>) g -> g.stubWorksheets(SHEET),
                        Map.of(), "UnusableSpreadsheetException: the spreadsheet has no worksheet"),
                Arguments.of("header too short",
                        worksheets.andThen(g -> g.stubRows(SHEET, WORKSHEET,
                                List.of(List.of("Timestamp", "Name", "Discord ID"), List.of("a", "b", "c")))),
                        Map.of(), "the header row has 3 columns; expected at least 5"),
                Arguments.of("spreadsheet name not found",
                        (Consumer<GoogleStandIn>) g -> g.stubDriveSearch(
                                "name = 'Applications' and mimeType = 'application/vnd.google-apps.spreadsheet'"
                                        + " and trashed = false"),
                        Map.of("SPREADSHEET_ID", "", "SPREADSHEET_NAME", "Applications"),
                        "no spreadsheet named 'Applications' is visible to the service account"));
    }

    /** A key file that is not there is a bad setting: start-up stops, naming it (SPEC §11). */
    @org.junit.jupiter.api.Test
    void aMissingKeyFileStopsStartUp() throws Exception {
        GoldenRun run = GoldenRun.prepare("midnight-40");
        Map<String, String> extra = new java.util.HashMap<>(google.env(SHEET));
        extra.put("SPREADSHEET_CREDENTIALS_JSON", "/nonexistent/service-account.json");

        Cli.Result result = run.runUntil(run.batchEnds().get(1), extra);

        assertEquals(2, result.exitCode());
        org.junit.jupiter.api.Assertions.assertTrue(result.err().contains("SPREADSHEET_CREDENTIALS_JSON"), result.err());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void theBatchGoesOnAndTheReasonIsLogged(String name, Consumer<GoogleStandIn> setup, Map<String, String> env,
            String reason) throws Exception {
        GoldenRun run = GoldenRun.prepare("midnight-40");
        setup.accept(google);
        Map<String, String> extra = new java.util.HashMap<>(google.env(SHEET));
        extra.putAll(env);
        extra.values().removeIf(String::isEmpty);

        // the first batch without the sync; then half its producers have applied, with contacts
        assertEquals(0, run.runUntil(run.batchEnds().get(0)).exitCode());
        TestPostgres.execute(run.database(), "UPDATE nodes SET application_status = true, discord_id = 'd' || id,"
                + " email_id = id || '@example.org' WHERE id % 2 = 0");
        Map<String, String> before = ApplicationStatusSyncTest.statuses(run.database());

        Cli.Result result = run.runUntil(run.batchEnds().get(2), extra);

        assertEquals(0, result.exitCode(), result.err());
        assertEquals(3, ApplicationStatusSyncTest.committedBatches(run.database()), "every batch committed");
        List<String> lines = ApplicationStatusSyncTest.syncLines(result.out());
        assertEquals(2, lines.size(), "one line per batch: " + lines);
        for (String line : lines) {
            assertTrue(line.startsWith("Application status not synced before batch ["), line);
            assertTrue(line.contains(reason), "expected «" + reason + "» in: " + line);
            assertTrue(line.endsWith("statuses stay as they are, the batch goes on (the next batch tries again)"), line);
        }
        Map<String, String> after = ApplicationStatusSyncTest.statuses(run.database());
        before.forEach((key, status) -> assertEquals(status, after.get(key), key + "'s status stays as it was"));
        after.keySet().stream().filter(key -> !before.containsKey(key))
                .forEach(key -> assertEquals("null|null|null", after.get(key), key + " is new: no status written"));
        assertTrue(before.values().stream().anyMatch(status -> status.startsWith("true|d")), "statuses to keep: " + before);
    }
}
