package org.minafoundation.uptime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.Map;
import java.util.Properties;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.minafoundation.uptime.support.Cli;
import org.minafoundation.uptime.support.TestPostgres;

/**
 * create-ro-user: the user reads every table (also tables created later), writes nothing,
 * can be created twice, has its name and password quoted safely, and its password is never printed.
 */
class CreateReadOnlyUserTaskTest {

    @Test
    void readOnlyUserWithQuotesInItsNameCanSelectButNotInsert() throws Exception {
        String db = TestPostgres.newDatabaseName();
        String user = "ro\"o'user_" + db;
        String password = "pa'ss\"w\\rd-" + db;
        Map<String, String> env = TestPostgres.environment(db);
        env.put("POSTGRES_RO_USER", user);
        env.put("POSTGRES_RO_PASSWORD", password);
        assertEquals(0, Cli.run(env, "create-database").exitCode());
        assertEquals(0, Cli.run(env, "init-database", "--batch-end-epoch", "1709334000").exitCode());

        Cli.Result result = Cli.run(env, "create-ro-user");

        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains("Created user " + user), result.out());
        assertFalse((result.out() + result.err()).contains(password), "the password is printed");
        assertEquals("false false false", superuserSays(
                "SELECT rolsuper || ' ' || rolcreaterole || ' ' || rolcreatedb FROM pg_roles WHERE rolname = ?", user));
        String verifier = superuserSays("SELECT rolpassword FROM pg_authid WHERE rolname = ?", user);
        assertTrue(scramMatches(verifier, password), "the stored password is exactly POSTGRES_RO_PASSWORD");
        assertFalse(scramMatches(verifier, password + "x"), "the check tells passwords apart");

        try (Connection ro = connectAs(db, user, password); Statement s = ro.createStatement()) {
            assertEquals("1709334000", single(s, "SELECT batch_end_epoch FROM bot_logs"));
            for (String table : new String[] {"bot_logs", "statehash", "bot_logs_statehash", "nodes", "points",
                    "score_history", "submissions", "points_summary"}) {
                single(s, "SELECT count(*) FROM " + table);
            }
            SQLException insert = assertThrows(SQLException.class, () -> s.executeUpdate(
                    "INSERT INTO bot_logs (files_processed, batch_start_epoch, batch_end_epoch) VALUES (-1, 1, 1)"));
            assertEquals("42501", insert.getSQLState(), insert.getMessage());
            assertThrows(SQLException.class, () -> s.executeUpdate("UPDATE bot_logs SET files_processed = 0"));
            assertThrows(SQLException.class, () -> s.executeUpdate("DELETE FROM bot_logs"));
        }

        // A table created afterwards by the owner is readable too (default privileges).
        TestPostgres.execute(db, "CREATE TABLE later_table (x INT); INSERT INTO later_table VALUES (42)");
        try (Connection ro = connectAs(db, user, password); Statement s = ro.createStatement()) {
            assertEquals("42", single(s, "SELECT x FROM later_table"));
        }

        Cli.Result again = Cli.run(env, "create-ro-user");
        assertEquals(0, again.exitCode(), again.err());
        assertTrue(again.out().contains("User already exists: " + user), again.out());
        assertFalse((again.out() + again.err()).contains(password), "the password is printed");
        try (Connection ro = connectAs(db, user, password); Statement s = ro.createStatement()) {
            assertEquals("1", single(s, "SELECT count(*) FROM bot_logs"));
        }
    }

    @Test
    void injectionInNameOrPasswordDoesNothingElse() throws Exception {
        String db = TestPostgres.newDatabaseName();
        String user = "evil\"; CREATE ROLE pwned_" + db + " SUPERUSER; --";
        String password = "x'; CREATE ROLE pwned2_" + db + " SUPERUSER; --";
        Map<String, String> env = TestPostgres.environment(db);
        env.put("POSTGRES_RO_USER", user);
        env.put("POSTGRES_RO_PASSWORD", password);
        assertEquals(0, Cli.run(env, "create-database").exitCode());

        Cli.Result result = Cli.run(env, "create-ro-user");

        assertEquals(0, result.exitCode(), result.err());
        assertEquals("1", superuserSays("SELECT count(*) FROM pg_roles WHERE rolname = ?", user));
        assertEquals("0", superuserSays("SELECT count(*) FROM pg_roles WHERE rolname LIKE ?", "pwned%" + db));
        assertTrue(scramMatches(superuserSays("SELECT rolpassword FROM pg_authid WHERE rolname = ?", user), password));
    }

    @Test
    void missingUserOrPasswordIsABadSetting() {
        String db = TestPostgres.newDatabaseName();
        Map<String, String> env = TestPostgres.environment(db);
        env.put("POSTGRES_RO_PASSWORD", "secret-" + db);

        Cli.Result noUser = Cli.run(env, "create-ro-user");
        assertEquals(2, noUser.exitCode(), noUser.out() + noUser.err());
        assertTrue(noUser.err().contains("POSTGRES_RO_USER"), noUser.err());
        assertFalse((noUser.out() + noUser.err()).contains("secret-" + db));

        env.remove("POSTGRES_RO_PASSWORD");
        env.put("POSTGRES_RO_USER", "ro_" + db);
        Cli.Result noPassword = Cli.run(env, "create-ro-user");
        assertEquals(2, noPassword.exitCode(), noPassword.out() + noPassword.err());
        assertTrue(noPassword.err().contains("POSTGRES_RO_PASSWORD"), noPassword.err());
    }

    private static Connection connectAs(String db, String user, String password) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + TestPostgres.server().getPort() + "/" + db, properties);
    }

    private static String single(Statement s, String sql) throws SQLException {
        try (ResultSet r = s.executeQuery(sql)) {
            assertTrue(r.next(), sql);
            return r.getString(1);
        }
    }

    private static String superuserSays(String sql, String parameter) throws SQLException {
        try (Connection c = TestPostgres.dataSource("postgres").getConnection(); PreparedStatement p = c.prepareStatement(sql)) {
            p.setString(1, parameter);
            try (ResultSet r = p.executeQuery()) {
                assertTrue(r.next(), sql + " " + parameter);
                return r.getString(1);
            }
        }
    }

    /**
     * Whether a stored {@code SCRAM-SHA-256$iterations:salt$StoredKey:ServerKey} verifier was made
     * from {@code password} (RFC 5802): the embedded server trusts local connections, so the
     * password itself is checked here rather than by logging in.
     */
    static boolean scramMatches(String verifier, String password) throws Exception {
        String[] parts = verifier.split("\\$");
        assertEquals("SCRAM-SHA-256", parts[0], verifier);
        String[] iterationsAndSalt = parts[1].split(":");
        String[] keys = parts[2].split(":");
        byte[] salted = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(new PBEKeySpec(password.toCharArray(), Base64.getDecoder().decode(iterationsAndSalt[1]),
                        Integer.parseInt(iterationsAndSalt[0]), 256))
                .getEncoded();
        Mac hmac = Mac.getInstance("HmacSHA256");
        hmac.init(new SecretKeySpec(salted, "HmacSHA256"));
        byte[] clientKey = hmac.doFinal("Client Key".getBytes(StandardCharsets.UTF_8));
        byte[] storedKey = MessageDigest.getInstance("SHA-256").digest(clientKey);
        byte[] serverKey = hmac.doFinal("Server Key".getBytes(StandardCharsets.UTF_8));
        return MessageDigest.isEqual(Base64.getDecoder().decode(keys[0]), storedKey)
                && MessageDigest.isEqual(Base64.getDecoder().decode(keys[1]), serverKey);
    }
}
