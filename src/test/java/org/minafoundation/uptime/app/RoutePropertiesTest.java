package org.minafoundation.uptime.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minafoundation.uptime.config.Settings;

/**
 * Every {@code {{…}}} placeholder of the route files is set by RouteProperties, whatever is
 * switched on, so a newcomer who meets one in a route finds it in that one class; and the
 * values follow the settings.
 */
class RoutePropertiesTest {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([^}:]+)(?::[^}]*)?}}");

    @TempDir
    Path folder;

    @Test
    void everyPlaceholderOfTheRoutesIsSetWithEverythingOff() throws IOException {
        Map<String, String> set = RouteProperties.of(Settings.from(Map.of("VERIFIER_MODE", "none")));

        assertEveryPlaceholderSet(set);
        assertValues(set, Map.of("scores.publish", "false", "alerts.slack", "false",
                "applicationStatus.enabled", "false", "verifier.mode", "NONE", "submissions.storage", "POSTGRES"));
    }

    @Test
    void everyPlaceholderOfTheRoutesIsSetWithEverythingOn() throws IOException {
        Path key = Files.writeString(folder.resolve("key.json"), "{}");
        Map<String, String> set = RouteProperties.of(Settings.from(Map.of(
                "VERIFIER_MODE", "simulated",
                "SCORES_S3_URI", "s3://scores-bucket/leaderboard/latest.json",
                "S3_REGION", "eu-west-1",
                "WEBHOOK_URL", "https://hooks.slack.test/services/T/B/C",
                "SPREADSHEET_NAME", "Applications",
                "SPREADSHEET_CREDENTIALS_JSON", key.toString(),
                "MINI_BATCH_NUMBER", "7",
                "MANAGEMENT_PORT", "9876")));

        assertEveryPlaceholderSet(set);
        assertValues(set, Map.of("scores.publish", "true", "scores.bucket", "scores-bucket",
                "scores.key", "leaderboard/latest.json", "alerts.slack", "true", "applicationStatus.enabled", "true",
                "applicationStatus.lookup", "name", "verifier.mode", "SIMULATED",
                "camel.threadpool.config[slices].poolSize", "7", "camel.management.port", "9876"));
    }

    @Test
    void theSpreadsheetIdWinsOverItsName() throws IOException {
        Path key = Files.writeString(folder.resolve("key.json"), "{}");
        Map<String, String> set = RouteProperties.of(Settings.from(Map.of("VERIFIER_MODE", "none",
                "SPREADSHEET_NAME", "Applications", "SPREADSHEET_ID", "1AbC",
                "SPREADSHEET_CREDENTIALS_JSON", key.toString())));
        assertEquals("id", set.get("applicationStatus.lookup"));
    }

    private static void assertEveryPlaceholderSet(Map<String, String> set) throws IOException {
        Set<String> used = placeholdersOfTheRoutes();
        assertFalse(used.isEmpty(), "no placeholder found: is routes/ where it was?");
        for (String name : used) {
            assertTrue(set.containsKey(name), () -> "{{" + name + "}} of routes/ is not set by RouteProperties");
        }
    }

    private static void assertValues(Map<String, String> set, Map<String, String> expected) {
        Map<String, String> actual = new TreeMap<>();
        expected.keySet().forEach(name -> actual.put(name, set.get(name)));
        assertEquals(new TreeMap<>(expected), actual);
    }

    /** The names between {{ and }} (a default after ':' left out) in every file of routes/. */
    static Set<String> placeholdersOfTheRoutes() throws IOException {
        Set<String> names = new TreeSet<>();
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                Matcher m = PLACEHOLDER.matcher(Files.readString(file));
                while (m.find()) {
                    names.add(m.group(1).trim());
                }
            }
        }
        return names;
    }
}
