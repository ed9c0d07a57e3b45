package org.minafoundation.uptime.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's database is thrown away afterwards: its server may skip fsync and synchronous
 * commits (the embedded library's fast defaults), unlike the coordinator's own.
 */
class DemoDatabaseTest {

    private static final Path TEMP = Path.of(System.getProperty("java.io.tmpdir"));

    @Test
    void theDemosServerKeepsTheFastDefaults(@TempDir Path temp) throws Exception {
        Set<Path> before = demoFolders();
        List<List<String>> servers = new ArrayList<>();
        // The demo prints its "Simulated ..." line while its server runs: look at the server then.
        Writer probe = new Writer() {
            private final StringBuilder text = new StringBuilder();

            @Override
            public void write(char[] buffer, int offset, int length) throws IOException {
                text.append(buffer, offset, length);
                if (servers.isEmpty() && text.indexOf("Simulated ") >= 0) {
                    servers.addAll(settingsOfDemoServersSince(before));
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };

        new Demo(new DemoParameters(5, 1, 3), new PrintWriter(probe)).run(temp.resolve("report.html"));

        assertFalse(servers.isEmpty(), "the demo's server was found");
        for (List<String> server : servers) {
            assertEquals(List.of("off", "off"), server, "fsync, synchronous_commit");
        }
    }

    private static Set<Path> demoFolders() throws IOException {
        try (Stream<Path> folders = Files.list(TEMP)) {
            return folders.filter(p -> p.getFileName().toString().startsWith("uptime-demo")).collect(Collectors.toSet());
        }
    }

    /** fsync and synchronous_commit of each demo server started since (another JVM may run a demo too). */
    private static List<List<String>> settingsOfDemoServersSince(Set<Path> before) throws IOException {
        List<List<String>> settings = new ArrayList<>();
        for (Path folder : demoFolders()) {
            Path pid = folder.resolve("postgres").resolve("postmaster.pid");
            if (before.contains(folder) || !Files.exists(pid)) {
                continue;
            }
            int port = Integer.parseInt(Files.readAllLines(pid).get(3).strip());
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres?user=postgres");
                    Statement s = c.createStatement()) {
                settings.add(List.of(show(s, "fsync"), show(s, "synchronous_commit")));
            } catch (SQLException stopped) {
                // another JVM's demo, ended meanwhile (this one's waits in this writer): not the one looked for
            }
        }
        return settings;
    }

    private static String show(Statement s, String setting) throws SQLException {
        try (ResultSet r = s.executeQuery("SHOW " + setting)) {
            r.next();
            return r.getString(1);
        }
    }
}
