package org.minafoundation.uptime.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.minafoundation.uptime.config.Settings;
import org.minafoundation.uptime.support.TestPostgres;

/**
 * The lock's session asks the server for TCP keepalives of about a minute, so a coordinator
 * whose host vanished releases the lock in a minute rather than the system default's two hours.
 */
class CoordinatorLockKeepaliveTest {

    @Test
    void theServerProbesTheLockSessionEveryFewSeconds() throws Exception {
        Settings settings = Settings.from(TestPostgres.environment("postgres"));
        try (Database database = Database.open(settings.postgres());
                Connection c = DriverManager.getConnection(database.jdbcUrl("postgres"),
                        CoordinatorLock.connectionProperties(settings.postgres()));
                Statement s = c.createStatement()) {
            List<String> values = new ArrayList<>();
            for (String setting : List.of("tcp_keepalives_idle", "tcp_keepalives_interval", "tcp_keepalives_count")) {
                try (ResultSet r = s.executeQuery("SHOW " + setting)) {
                    r.next();
                    values.add(r.getString(1));
                }
            }
            assertEquals(List.of("30", "10", "3"), values);
        }
    }
}
