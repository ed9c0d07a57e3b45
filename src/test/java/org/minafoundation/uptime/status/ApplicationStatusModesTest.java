package org.minafoundation.uptime.status;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.minafoundation.uptime.status.ApplicationStatusSyncTest.SHEET;
import static org.minafoundation.uptime.status.ApplicationStatusSyncTest.WORKSHEET;
import static org.minafoundation.uptime.status.ApplicationStatusSyncTest.statuses;
import static org.minafoundation.uptime.status.ApplicationStatusSyncTest.syncLines;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.minafoundation.uptime.support.Cli;
import org.minafoundation.uptime.support.GoldenRun;
import org.minafoundation.uptime.support.TestPostgres;

/** Switching the sync off, keys that leave the sheet, and finding the spreadsheet by name. */
class ApplicationStatusModesTest {

    @RegisterExtension
    final GoogleStandIn google = GoogleStandIn.perTest();
    List<String> keys;

    @BeforeEach
    void readKeys() throws Exception {
        keys = ApplicationStatusSyncTest.firstBatchProducers();
    }

    private static long count(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1L;
    }

    @Test
    void ignoreApplicationStatusMakesNoRequestAtAll() throws Exception {
        GoldenRun run = GoldenRun.prepare("midnight-40");
        google.stubWorksheets(SHEET, WORKSHEET, 0);
        google.stubRows(SHEET, WORKSHEET, ApplicationStatusSyncTest.applicationRows(keys));
        Map<String, String> env = new HashMap<>(google.env(SHEET));
        env.put("IGNORE_APPLICATION_STATUS", "1");

        Cli.Result result = run.runUntil(run.batchEnds().get(1), env);

        assertEquals(0, result.exitCode(), result.err());
        assertEquals(2, ApplicationStatusSyncTest.committedBatches(run.database()));
        google.server.verify(0, anyRequestedFor(anyUrl()));
        assertEquals(1, count(result.out(), "Application status sync is off: IGNORE_APPLICATION_STATUS=1"));
        assertEquals(List.of(), syncLines(result.out()));
        assertTrue(statuses(run.database()).values().stream().allMatch("null|null|null"::equals));
    }

    /** Two batches without any spreadsheet, then two nodes that are not (or no longer) in the sheet get the status. */
    private GoldenRun twoBatchesThenStatusOutsideTheSheet() throws Exception {
        GoldenRun run = GoldenRun.prepare("midnight-40");
        Cli.Result plain = run.runUntil(run.batchEnds().get(1));
        assertEquals(0, plain.exitCode(), plain.err());
        assertEquals(1, count(plain.out(), "Application status sync is off: neither SPREADSHEET_ID nor SPREADSHEET_NAME is set"),
                "said once at start-up");
        assertEquals(List.of(), syncLines(plain.out()));
        google.server.verify(0, anyRequestedFor(anyUrl()));
        TestPostgres.execute(run.database(), "UPDATE nodes SET application_status = true, discord_id = 'old',"
                + " email_id = 'old@example.org' WHERE block_producer_key IN ('" + keys.get(5) + "', '" + keys.get(6) + "')");
        google.stubWorksheets(SHEET, WORKSHEET, 0);
        google.stubRows(SHEET, WORKSHEET, ApplicationStatusSyncTest.applicationRows(keys));
        return run;
    }

    @Test
    void keysMissingFromTheSheetKeepTheirStatusByDefault() throws Exception {
        GoldenRun run = twoBatchesThenStatusOutsideTheSheet();

        Cli.Result result = run.runUntil(run.batchEnds().get(3), google.env(SHEET));

        assertEquals(0, result.exitCode(), result.err());
        Map<String, String> nodes = statuses(run.database());
        assertEquals("true|old|old@example.org", nodes.get(keys.get(5)));
        assertEquals("true|old|old@example.org", nodes.get(keys.get(6)));
        assertEquals("true|carol|carol@example.org", nodes.get(keys.get(3)));
        assertEquals(6, nodes.values().stream().filter(v -> v.startsWith("true")).count());
        syncLines(result.out()).forEach(line -> assertTrue(!line.contains("unset"), line));
    }

    @Test
    void authoritativeModeUnsetsEveryNodeTheSheetDoesNotList() throws Exception {
        GoldenRun run = twoBatchesThenStatusOutsideTheSheet();
        Map<String, String> env = new HashMap<>(google.env(SHEET));
        env.put("APPLICATION_STATUS_AUTHORITATIVE", "1");

        Cli.Result result = run.runUntil(run.batchEnds().get(3), env);

        assertEquals(0, result.exitCode(), result.err());
        Map<String, String> nodes = statuses(run.database());
        assertEquals("false|old|old@example.org", nodes.get(keys.get(5)), "status unset, contacts kept");
        assertEquals("false|old|old@example.org", nodes.get(keys.get(6)));
        assertEquals("true|carol|carol@example.org", nodes.get(keys.get(3)));
        assertEquals(4, nodes.values().stream().filter(v -> v.startsWith("true")).count());
        List<String> lines = syncLines(result.out());
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.get(0).endsWith("; 2 unset (APPLICATION_STATUS_AUTHORITATIVE)"), lines.get(0));
        assertTrue(lines.get(1).endsWith("; 0 unset (APPLICATION_STATUS_AUTHORITATIVE)"), lines.get(1));
    }

    @Test
    void aSpreadsheetNamedInsteadOfIdentifiedIsFoundThroughDrive() throws Exception {
        GoldenRun run = GoldenRun.prepare("midnight-40");
        String name = "Delegation program 'applications' \\ 2024";
        google.stubDriveSearch("name = 'Delegation program \\'applications\\' \\\\ 2024'"
                + " and mimeType = 'application/vnd.google-apps.spreadsheet' and trashed = false",
                "sheet-by-name", "older-copy");
        google.stubWorksheets("sheet-by-name", WORKSHEET, 0);
        google.stubRows("sheet-by-name", WORKSHEET, ApplicationStatusSyncTest.applicationRows(keys));
        Map<String, String> env = new HashMap<>(google.env("unused"));
        env.remove("SPREADSHEET_ID");
        env.put("SPREADSHEET_NAME", name);

        Cli.Result result = run.runUntil(run.batchEnds().get(1), env);

        assertEquals(0, result.exitCode(), result.err());
        assertEquals("true|carol|carol@example.org", statuses(run.database()).get(keys.get(3)));
        List<String> lines = syncLines(result.out());
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.get(1).contains("from spreadsheet '" + name + "' (sheet-by-name): 10 rows, 4 applied"),
                lines.get(1));
        assertTrue(result.out().contains("2 spreadsheets are named '" + name + "'; using the most recently"
                + " modified one, sheet-by-name"));
        google.server.verify(2, getRequestedFor(urlPathEqualTo("/drive/v3/files"))
                .withQueryParam("orderBy", equalTo("modifiedTime desc"))
                .withQueryParam("supportsAllDrives", equalTo("true"))
                .withQueryParam("includeItemsFromAllDrives", equalTo("true")));
        assertEquals(List.of("https://www.googleapis.com/auth/drive.metadata.readonly",
                "https://www.googleapis.com/auth/spreadsheets.readonly"),
                google.tokenScopes().stream().sorted().toList(), "one read-only token per API");
    }
}
