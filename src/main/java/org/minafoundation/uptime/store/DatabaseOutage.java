package org.minafoundation.uptime.store;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/**
 * A database that cannot be reached just now: SQLState class 08 (no connection), a server
 * shutting down or starting (57P01 to 57P03), a pool timeout, a refused socket. Waiting
 * helps; a refused login ({@link DatabaseRefusal}) does not, though the pool reports it as a
 * timeout too.
 */
public final class DatabaseOutage {

    private DatabaseOutage() {
    }

    /** Whether {@code error}, or any of its causes, says the database is unreachable. */
    public static boolean unreachable(Throwable error) {
        if (DatabaseRefusal.refused(error)) {
            return false;
        }
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof ConnectException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P0"))) {
                return true;
            }
        }
        return false;
    }
}
