package org.minafoundation.uptime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.minafoundation.uptime.support.Cli;
import org.minafoundation.uptime.support.TestPostgres;

/** A database name written to break out of its quotes is just a (strange) name. */
class HostileDatabaseNameTest {

    private static final String HOSTILE = "uptime\"; DROP DATABASE postgres; --'x";
    /** Parts of a URL: the name must not become connection options (here: TLS off) or fail to decode. */
    private static final String URL_LIKE = "uptime?sslmode=disable&x=100% + 1";

    @ParameterizedTest
    @ValueSource(strings = {HOSTILE, URL_LIKE})
    void createAndDropTreatTheNameAsAName(String name) throws Exception {
        Map<String, String> env = TestPostgres.environment(name);

        assertEquals(0, Cli.run(env, "create-database").exitCode());
        assertEquals(1, databasesNamed(name));
        assertEquals(1, databasesNamed("postgres"), "nothing else was run");
        assertEquals(0, Cli.run(env, "init-database", "--batch-end-epoch", "1709334000").exitCode());

        assertEquals(0, Cli.run(env, "drop-database").exitCode());
        assertEquals(0, databasesNamed(name));
        assertEquals(1, databasesNamed("postgres"));
    }

    private static int databasesNamed(String name) throws Exception {
        try (Connection c = TestPostgres.dataSource("postgres").getConnection();
                PreparedStatement p = c.prepareStatement("SELECT count(*) FROM pg_database WHERE datname = ?")) {
            p.setString(1, name);
            try (ResultSet r = p.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }
}
