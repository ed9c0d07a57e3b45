package org.minafoundation.uptime.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.minafoundation.uptime.support.Cli;
import org.minafoundation.uptime.support.DatabaseSnapshot;
import org.minafoundation.uptime.support.GoldenRun;
import org.minafoundation.uptime.support.TestPostgres;

/**
 * The sync end to end: the coordinator runs the midnight-40 scenario through the command
 * line against a real PostgreSQL, reading the spreadsheet from WireMock standing in for
 * Google (token exchange included).
 */
class ApplicationStatusSyncTest {

    static final String SHEET = "sheet-123";
    static final String WORKSHEET = "Applicants' form";
    /** A well-formed key that no producer of the scenario uses. */
    static final String NOBODY = "B62qnobody" + "z".repeat(45);

    @RegisterExtension
    final GoogleStandIn google = GoogleStandIn.perTest();


    /** Producers with points in the first batch: they have a node from the second batch on. */
    static List<String> firstBatchProducers() throws Exception {
        JsonNode expected = new ObjectMapper().readTree(
                GoldenRun.GOLDEN.resolve("midnight-40").resolve("expected.json").toFile());
        JsonNode first = null;
        for (JsonNode batch : expected.get("batches")) {
            if (first == null || batch.get("batch_end_epoch").asLong() < first.get("batch_end_epoch").asLong()) {
                first = batch;
            }
        }
        TreeSet<String> keys = new TreeSet<>();
        first.get("points").forEach(p -> keys.add(p.get(0).asText()));
        return new ArrayList<>(keys);
    }

    static List<String> row(String discord, String email, String key) {
        List<String> row = new ArrayList<>(List.of("2024-02-20 10:00:00", "Operator"));
        row.add(discord);
        row.add(email);
        if (key != null) {
            row.add(key);
        }
        return row;
    }

    /** Header, 4 good keys (one repeated), 1 unknown key, 2 rows without key, 2 malformed keys. */
    static List<List<String>> applicationRows(List<String> k) {
        return List.of(
                List.of("Timestamp", "Name", "Discord ID", "Email", "Block producer key", "Comment"),
                row("alice#0001", "alice@example.org", k.get(0)),
                row("  bob  ", " bob@example.org ", "  " + k.get(1) + "\t"),
                row("", "", k.get(2)),
                List.of(),
                row("dave", "dave@example.org", null),
                row("eve", "eve@example.org", k.get(3).substring(0, 20) + " " + k.get(3).substring(21)),
                row("frank", "frank@example.org", "C62" + k.get(3).substring(3)),
                row("nobody", "nobody@example.org", NOBODY),
                row("carol", "carol@example.org", k.get(3)),
                row("alice-2", "alice2@example.org", k.get(0)));
    }

    static Map<String, String> statuses(String database) throws Exception {
        Map<String, String> result = new HashMap<>();
        try (Connection c = TestPostgres.dataSource(database).getConnection();
                PreparedStatement s = c.prepareStatement(
                        "SELECT block_producer_key, application_status, discord_id, email_id FROM nodes");
                ResultSet r = s.executeQuery()) {
            while (r.next()) {
                result.put(r.getString(1), r.getObject(2) + "|" + r.getString(3) + "|" + r.getString(4));
            }
        }
        return result;
    }

    static int committedBatches(String database) throws Exception {
        try (Connection c = TestPostgres.dataSource(database).getConnection();
                PreparedStatement s = c.prepareStatement("SELECT count(*) FROM bot_logs WHERE files_processed >= 0");
                ResultSet r = s.executeQuery()) {
            r.next();
            return r.getInt(1);
        }
    }

    static List<String> syncLines(String out) {
        List<String> lines = new ArrayList<>();
        Matcher m = Pattern.compile("Application status (not )?synced (before|from)[^\n]*").matcher(out);
        while (m.find()) {
            lines.add(m.group());
        }
        return lines;
    }

    @Test
    void statusesAndContactsAreAppliedToTheNodesTheSheetLists() throws Exception {
        List<String> keys = firstBatchProducers();
        GoldenRun run = GoldenRun.prepare("midnight-40");
        google.stubWorksheets(SHEET, "Archive", 1, WORKSHEET, 0);
        google.stubRows(SHEET, WORKSHEET, applicationRows(keys));

        Cli.Result result = run.runUntil(run.lastEnd(), google.env(SHEET));

        assertEquals(0, result.exitCode(), result.err());
        assertEquals(run.batchEnds().size(), committedBatches(run.database()));
        Map<String, String> nodes = statuses(run.database());
        assertEquals("true|alice-2|alice2@example.org", nodes.get(keys.get(0)), "the last row of a key wins");
        assertEquals("true|bob|bob@example.org", nodes.get(keys.get(1)), "keys and contacts trimmed");
        assertEquals("true|null|null", nodes.get(keys.get(2)), "blank contact cells stored as NULL");
        assertEquals("true|carol|carol@example.org", nodes.get(keys.get(3)));
        assertEquals(4, nodes.values().stream().filter(v -> v.startsWith("true")).count());
        assertTrue(nodes.entrySet().stream().filter(e -> !keys.subList(0, 4).contains(e.getKey()))
                .allMatch(e -> e.getValue().equals("null|null|null")), "nodes not in the sheet untouched: " + nodes);

        List<String> lines = syncLines(result.out());
        assertEquals(run.batchEnds().size(), lines.size(), "one line per batch: " + lines);
        String skipped = "4 skipped rows (2 empty key, 2 malformed key on rows [7, 8]), 1 repeated keys (the last row wins)";
        // Before the first batch no node exists yet: every key is unknown and waits for its node.
        assertTrue(lines.get(0).contains(": 10 rows, 0 applied (0 changed), 5 unknown keys"), lines.get(0));
        assertTrue(lines.get(0).contains(skipped), lines.get(0));
        // The first batch created the nodes: the next sync applies their status.
        assertTrue(lines.get(1).contains(": 10 rows, 4 applied (4 changed), 1 unknown keys"), lines.get(1));
        String last = lines.get(lines.size() - 1);
        assertTrue(last.contains(": 10 rows, 4 applied (0 changed), 1 unknown keys"), last);
        assertTrue(last.contains(skipped), last);
        assertTrue(last.contains("from spreadsheet " + SHEET), last);

        assertEquals(List.of("https://www.googleapis.com/auth/spreadsheets.readonly"), google.tokenScopes(),
                "one token, read-only, for the Sheets client, reused by every sync");

        GoldenRun without = GoldenRun.prepare("midnight-40");
        assertEquals(0, without.runUntil(without.lastEnd()).exitCode());
        assertEquals(DatabaseSnapshot.of(without.database()), DatabaseSnapshot.of(run.database()),
                "the sync leaves the batches' results as they are");
    }
}
