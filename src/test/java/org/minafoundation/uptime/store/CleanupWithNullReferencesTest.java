package org.minafoundation.uptime.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.minafoundation.uptime.support.Cli;
import org.minafoundation.uptime.support.TestPostgres;

/**
 * A shortlisted hash with no known parent (parent_statehash_id NULL) must not stop
 * cleanup_old_data from deleting unreferenced state hashes, as the reference's NOT IN did.
 */
class CleanupWithNullReferencesTest {

    @Test
    void unreferencedStateHashesGoDespiteANullParent() throws Exception {
        String db = TestPostgres.newDatabaseName();
        assertEquals(0, Cli.run(TestPostgres.environment(db), "create-database").exitCode());
        TestPostgres.execute(db, """
                INSERT INTO statehash (value) VALUES ('kept'), ('orphan');
                INSERT INTO bot_logs (files_processed, batch_start_epoch, batch_end_epoch)
                  VALUES (1, extract(epoch FROM now())::bigint - 600, extract(epoch FROM now())::bigint);
                INSERT INTO bot_logs_statehash (parent_statehash_id, statehash_id, weight, bot_log_id)
                  SELECT NULL, s.id, 0, b.id FROM statehash s, bot_logs b WHERE s.value = 'kept';
                """);

        TestPostgres.execute(db, "SELECT cleanup_old_data(30)");

        List<String> left = new ArrayList<>();
        try (Connection c = TestPostgres.dataSource(db).getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT value FROM statehash ORDER BY value")) {
            while (r.next()) {
                left.add(r.getString(1));
            }
        }
        assertEquals(List.of("kept"), left);
    }
}
