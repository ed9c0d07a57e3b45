package org.minafoundation.uptime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Passwords, keys and webhook URLs never show in toString or in the database description. */
class SecretsTest {

    @Test
    void secretPrintsAsAMask() {
        Secret secret = new Secret("hunter2");
        assertEquals("****", secret.toString());
        assertEquals("hunter2", secret.reveal());
        assertTrue(secret.isSet());
        assertEquals("(unset)", Secret.NONE.toString());
        assertFalse(Secret.NONE.isSet());
    }

    @Test
    void settingsNeverPrintASecret() {
        Map<String, String> env = SettingsTest.env(
                "POSTGRES_HOST", "db.example", "POSTGRES_DB", "delegation", "POSTGRES_USER", "coordinator",
                "POSTGRES_PASSWORD", "pg-pass-1", "POSTGRES_RO_USER", "reader", "POSTGRES_RO_PASSWORD", "ro-pass-2",
                "AWS_ACCESS_KEY_ID", "AKIA-key-3", "AWS_SECRET_ACCESS_KEY", "aws-secret-4", "AWS_SESSION_TOKEN", "aws-token-7",
                "CASSANDRA_PASSWORD", "cass-pass-5", "WEBHOOK_URL", "https://hooks.slack.com/services/hook-6");
        Settings settings = Settings.from(env);

        String printed = settings.toString() + " " + settings.postgres().describe();
        for (String secret : new String[] {"pg-pass-1", "ro-pass-2", "AKIA-key-3", "aws-secret-4", "cass-pass-5", "hook-6", "aws-token-7"}) {
            assertFalse(printed.contains(secret), secret + " in " + printed);
        }
        assertEquals("pg-pass-1", settings.postgres().password().reveal());
        assertEquals("PostgreSQL coordinator@db.example:5432/delegation", settings.postgres().describe());
    }

    @Test
    void embeddedDescriptionNamesTheFolder() {
        Settings settings = Settings.from(SettingsTest.env("EMBEDDED_POSTGRES_DIR", "/var/lib/uptime/pg", "POSTGRES_PASSWORD", "pw-7"));
        assertEquals("embedded PostgreSQL in /var/lib/uptime/pg", settings.postgres().describe());
    }
}
