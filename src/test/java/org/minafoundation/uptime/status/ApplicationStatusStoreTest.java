package org.minafoundation.uptime.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.minafoundation.uptime.status.ApplicationSheetTest.KEY_A;
import static org.minafoundation.uptime.status.ApplicationSheetTest.KEY_B;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.minafoundation.uptime.support.Cli;
import org.minafoundation.uptime.support.TestPostgres;

/** The SQL of the sync on a real PostgreSQL with the coordinator's schema. */
class ApplicationStatusStoreTest {

    static final String KEY_C = "B62qcccccccccccccccccccccccccccccccccccccccccccccccccc1";
    static final String KEY_D = "B62qddddddddddddddddddddddddddddddddddddddddddddddddd1";
    static final String UNKNOWN = "B62quuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuu1";

    String database;
    DataSource dataSource;

    @BeforeEach
    void createNodes() {
        database = TestPostgres.newDatabaseName();
        assertEquals(0, Cli.run(TestPostgres.environment(database), "create-database").exitCode());
        dataSource = TestPostgres.dataSource(database);
        TestPostgres.execute(database, "INSERT INTO nodes (block_producer_key, application_status, discord_id, email_id)"
                + " VALUES ('" + KEY_A + "', NULL, NULL, NULL), ('" + KEY_B + "', true, 'bob', 'bob@x'),"
                + " ('" + KEY_C + "', true, 'carol', 'carol@x'), ('" + KEY_D + "', false, NULL, NULL),"
                + " (NULL, true, 'nokey', NULL)");
    }

    private static ApplicationStatuses sheet(NodeContact... contacts) {
        return new ApplicationStatuses(List.of(contacts), contacts.length, 0, List.of(), 0);
    }

    private Map<String, String> nodes() throws SQLException {
        Map<String, String> result = new TreeMap<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT coalesce(block_producer_key, '-'), application_status,"
                        + " discord_id, email_id FROM nodes")) {
            while (r.next()) {
                result.put(r.getString(1), r.getObject(2) + "|" + r.getString(3) + "|" + r.getString(4));
            }
        }
        return result;
    }

    @Test
    void listedNodesGetTheStatusAndContactsOthersAreLeftAlone() throws SQLException {
        ApplicationStatusStore store = new ApplicationStatusStore(dataSource, false);

        AppliedStatuses applied = store.apply(sheet(new NodeContact(KEY_A, "alice", "alice@x"),
                new NodeContact(KEY_B, "bob", "bob@x"), new NodeContact(UNKNOWN, "u", "u@x")));

        assertEquals(new AppliedStatuses(2, 1, 1, 0, false), applied, "B was already right: applied, not changed");
        assertEquals(Map.of(KEY_A, "true|alice|alice@x", KEY_B, "true|bob|bob@x", KEY_C, "true|carol|carol@x",
                KEY_D, "false|null|null", "-", "true|nokey|null"), nodes());
    }

    @Test
    void aChangedContactIsWrittenAndABlankOneClearsIt() throws SQLException {
        ApplicationStatusStore store = new ApplicationStatusStore(dataSource, false);

        AppliedStatuses applied = store.apply(sheet(new NodeContact(KEY_B, "bob2", null)));

        assertEquals(new AppliedStatuses(1, 1, 0, 0, false), applied);
        assertEquals("true|bob2|null", nodes().get(KEY_B));
    }

    @Test
    void authoritativeModeUnsetsEveryOtherNodeThatHadTheStatus() throws SQLException {
        ApplicationStatusStore store = new ApplicationStatusStore(dataSource, true);

        AppliedStatuses applied = store.apply(sheet(new NodeContact(KEY_A, "alice", "alice@x")));

        assertEquals(new AppliedStatuses(1, 1, 0, 3, false), applied, "B, C and the node without key");
        assertEquals(Map.of(KEY_A, "true|alice|alice@x", KEY_B, "false|bob|bob@x", KEY_C, "false|carol|carol@x",
                KEY_D, "false|null|null", "-", "false|nokey|null"), nodes());
    }

    @Test
    void authoritativeModeUnsetsNothingWhenTheSheetListsNoValidKey() throws SQLException {
        Map<String, String> before = nodes();
        ApplicationStatusStore store = new ApplicationStatusStore(dataSource, true);

        AppliedStatuses applied = store.apply(new ApplicationStatuses(List.of(), 3, 1, List.of(3, 4), 0));

        assertEquals(new AppliedStatuses(0, 0, 0, 0, true), applied);
        assertEquals(before, nodes());
    }

    @Test
    void theWholeSheetIsOneTransaction() throws SQLException {
        Map<String, String> before = nodes();
        // The second statement (unsetting the others) fails: the first one's updates must not stay.
        TestPostgres.execute(database, """
                CREATE FUNCTION refuse_unset() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  IF NEW.application_status = false AND OLD.application_status THEN
                    RAISE EXCEPTION 'injected failure while unsetting';
                  END IF;
                  RETURN NEW;
                END $$;
                CREATE TRIGGER refuse_unset BEFORE UPDATE ON nodes FOR EACH ROW EXECUTE FUNCTION refuse_unset();
                """);
        ApplicationStatusStore store = new ApplicationStatusStore(dataSource, true);

        assertThrows(SQLException.class, () -> store.apply(sheet(new NodeContact(KEY_A, "alice", "alice@x"))));

        assertEquals(before, nodes());
    }
}
