package org.minafoundation.uptime.demo;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.minafoundation.uptime.config.Settings;

/**
 * The demo's own settings, never the operator's environment or {@code .env}: an embedded
 * database in a folder of its own, the simulated verifier, and nothing that reaches outside
 * (no management server, spreadsheet, Slack or S3).
 */
final class DemoSettings {

    static final int SURVEY_INTERVAL_MINUTES = 20;

    private DemoSettings() {
    }

    static Settings of(Path embeddedPostgres, long seed) {
        Map<String, String> env = new HashMap<>();
        env.put("EMBEDDED_POSTGRES_DIR", embeddedPostgres.toString());
        env.put("SUBMISSION_STORAGE", "POSTGRES");
        env.put("VERIFIER_MODE", "simulated");
        env.put("SIMULATION_SEED", String.valueOf(seed));
        env.put("SURVEY_INTERVAL_MINUTES", String.valueOf(SURVEY_INTERVAL_MINUTES));
        // two slices verified at once: enough to show the split on a small machine
        env.put("MINI_BATCH_NUMBER", "2");
        // a failure here is a bug, not an outage: one quick retry, then stop
        env.put("RETRY_COUNT", "1");
        env.put("RETRY_DELAY_SECONDS", "0");
        env.put("MANAGEMENT_PORT", "0");
        env.put("SCORES_PORT", "0");
        env.put("IGNORE_APPLICATION_STATUS", "1");
        return Settings.from(env);
    }
}
