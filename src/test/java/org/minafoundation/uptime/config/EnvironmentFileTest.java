package org.minafoundation.uptime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A .env file is read (comments, export, quotes) and the process environment wins over it. */
class EnvironmentFileTest {

    @TempDir
    Path folder;

    @Test
    void readsTheFileAndTheEnvironmentWins() throws Exception {
        Path dotEnv = Files.writeString(folder.resolve(".env"), """
                # the coordinator's settings
                SURVEY_INTERVAL_MINUTES=30
                export MINI_BATCH_NUMBER=4
                  UPTIME_DAYS_FOR_SCORE = 60
                POSTGRES_PASSWORD="p#ss word"
                POSTGRES_USER='coordinator'
                RETRY_COUNT=7 # inline comment
                WEBHOOK_URL=https://hooks.example/a=b
                VERIFIER_MODE=none
                not a variable line
                NO_CHECKS=
                """);

        Map<String, String> merged = EnvironmentFile.merge(dotEnv, Map.of("MINI_BATCH_NUMBER", "9", "PATH", "/usr/bin"));

        assertEquals("30", merged.get("SURVEY_INTERVAL_MINUTES"));
        assertEquals("9", merged.get("MINI_BATCH_NUMBER"), "the environment wins");
        assertEquals("60", merged.get("UPTIME_DAYS_FOR_SCORE"));
        assertEquals("p#ss word", merged.get("POSTGRES_PASSWORD"));
        assertEquals("coordinator", merged.get("POSTGRES_USER"));
        assertEquals("7", merged.get("RETRY_COUNT"));
        assertEquals("https://hooks.example/a=b", merged.get("WEBHOOK_URL"));
        assertEquals("/usr/bin", merged.get("PATH"));
        assertEquals("", merged.get("NO_CHECKS"));
        assertFalse(merged.containsKey("not a variable line"));

        Settings settings = Settings.from(merged);
        assertEquals(30, settings.batch().surveyIntervalMinutes());
        assertEquals(9, settings.batch().miniBatchNumber());
        assertEquals(60, settings.batch().uptimeDaysForScore());
        assertEquals(7, settings.batch().retryCount());
        assertEquals("p#ss word", settings.postgres().password().reveal());
        assertFalse(settings.worker().noChecks(), "empty means default");
    }

    @Test
    void aBadValueInTheFileIsNamed() throws Exception {
        Path dotEnv = Files.writeString(folder.resolve(".env"), "VERIFIER_MODE=none\nRETRY_COUNT=three\n");
        SettingException e = org.junit.jupiter.api.Assertions.assertThrows(SettingException.class,
                () -> Settings.from(EnvironmentFile.merge(dotEnv, Map.of())));
        assertEquals("RETRY_COUNT", e.variable());
        // ...unless the environment overrides it.
        assertEquals(2, Settings.from(EnvironmentFile.merge(dotEnv, Map.of("RETRY_COUNT", "2"))).batch().retryCount());
    }

    @Test
    void noFileMeansTheEnvironmentOnly() {
        Map<String, String> merged = EnvironmentFile.merge(folder.resolve(".env"), Map.of("RETRY_COUNT", "1"));
        assertEquals(Map.of("RETRY_COUNT", "1"), merged);
    }
}
