package org.minafoundation.uptime.store;

import java.sql.SQLException;

/**
 * A database that answers but will not let this coordinator in: a login refused (SQLState
 * class 28: wrong user or password, no pg_hba entry) or a database that does not exist
 * (3D000). Unlike an outage, waiting does not help: it is a setting to fix.
 */
public final class DatabaseRefusal {

    private DatabaseRefusal() {
    }

    /** Whether {@code error}, or any of its causes, is such a refusal. */
    public static boolean refused(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("28") || sql.getSQLState().equals("3D000"))) {
                return true;
            }
        }
        return false;
    }
}
