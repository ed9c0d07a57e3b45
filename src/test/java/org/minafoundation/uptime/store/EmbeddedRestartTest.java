package org.minafoundation.uptime.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.minafoundation.uptime.support.QueryRows.strings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minafoundation.uptime.config.Settings;
import org.minafoundation.uptime.support.Cli;

/**
 * Without POSTGRES_HOST the coordinator starts its own PostgreSQL in EMBEDDED_POSTGRES_DIR;
 * what one start writes, the next start finds.
 */
class EmbeddedRestartTest {

    @Test
    void dataSurvivesRestarts(@TempDir Path temp) throws Exception {
        Path directory = temp.resolve("state").resolve("postgres");
        Map<String, String> env = new HashMap<>();
        env.put("EMBEDDED_POSTGRES_DIR", directory.toString());
        env.put("VERIFIER_MODE", "none");

        Cli.Result first = Cli.run(env, "init-database", "--batch-end-epoch", "1709334000");
        assertEquals(0, first.exitCode(), first.err());
        assertTrue(first.out().contains("Row inserted into bot_logs: batch_end_epoch 1709334000"), first.out());
        assertTrue(Files.isRegularFile(directory.resolve("PG_VERSION")), "the data lives in EMBEDDED_POSTGRES_DIR");

        Cli.Result second = Cli.run(env, "init-database");
        assertEquals(0, second.exitCode(), second.err());
        assertTrue(second.out().contains("bot_logs is not empty: no row inserted"), "restart lost the data: " + second.out());

        Cli.Result third = Cli.run(env, "init-database", "--batch-end-epoch", "1709335200", "--override-empty");
        assertEquals(0, third.exitCode(), third.err());

        try (Database database = Database.open(Settings.from(env).postgres());
                Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
            assertEquals(List.of("1709334000", "1709335200"), strings(s, "SELECT batch_end_epoch FROM bot_logs ORDER BY id"));
            assertEquals(List.of("1", "2", "3", "4", "5", "6", "7", "8", "9"), strings(s, "SELECT version FROM flyway_schema_history ORDER BY installed_rank"),
                    "migrated once, never re-created");
        }
    }
}
