package org.minafoundation.uptime.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * The PostgreSQL server running on a data directory, as its {@code postmaster.pid} names it
 * (line 1 the postmaster's process id, line 4 its port). The file outlives a server killed
 * with its machine, so it is believed only while that process lives and answers.
 */
record RunningPostmaster(long pid, int port) {

    /** The embedded server's superuser (the library's initdb creates it, with trust on localhost). */
    private static final String SUPERUSER = "postgres";

    /** What postmaster.pid says, if it exists and names a process that is still alive. */
    static Optional<RunningPostmaster> in(Path dataDirectory) {
        List<String> lines;
        try {
            lines = Files.readAllLines(dataDirectory.resolve("postmaster.pid"));
        } catch (IOException e) {
            return Optional.empty(); // none (no server), or unreadable: no server this process can use
        }
        if (lines.size() < 4) {
            return Optional.empty(); // being written by a server starting up: look again
        }
        try {
            RunningPostmaster postmaster = new RunningPostmaster(Long.parseLong(lines.get(0).strip()),
                    Integer.parseInt(lines.get(3).strip()));
            return postmaster.alive() ? Optional.of(postmaster) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Whether the process lives and, as far as the system tells, is a postgres (a reboot reuses ids). */
    boolean alive() {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> Path.of(c).getFileName().toString().startsWith("postgres"))
                        .orElse(true))
                .isPresent();
    }

    /** Whether it accepts connections, and on this very data directory. */
    boolean answers(Path dataDirectory) {
        Properties properties = new Properties();
        properties.setProperty("user", SUPERUSER);
        properties.setProperty("connectTimeout", "5");
        properties.setProperty("socketTimeout", "10");
        properties.setProperty("ApplicationName", "uptime-coordinator check");
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres", properties);
                Statement s = c.createStatement(); ResultSet r = s.executeQuery("SHOW data_directory")) {
            return r.next() && Files.isSameFile(Path.of(r.getString(1)), dataDirectory);
        } catch (SQLException | IOException e) {
            return false;
        }
    }
}
