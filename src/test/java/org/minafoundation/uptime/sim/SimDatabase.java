package org.minafoundation.uptime.sim;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.minafoundation.uptime.support.TestPostgres;

/** A fresh, migrated database on the shared embedded PostgreSQL server. */
final class SimDatabase {

    private SimDatabase() {
    }

    static DataSource fresh() {
        return TestPostgres.migratedDatabase();
    }

    static long count(DataSource dataSource, String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }
}
