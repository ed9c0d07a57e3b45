package org.minafoundation.uptime.store;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The one way the coordinator writes in a transaction: the work's statements are committed
 * together when it returns and rolled back when it throws, the failure kept as it was (a
 * rollback on a broken connection fails too: that is added to it, never put in its place).
 */
public final class Transaction {

    /** What runs inside the transaction, on its connection. */
    @FunctionalInterface
    public interface Work<T> {
        T in(Connection c) throws SQLException;
    }

    /** Statements that return nothing. */
    @FunctionalInterface
    public interface Statements {
        void in(Connection c) throws SQLException;
    }

    private Transaction() {
    }

    /** On a connection of the pool, given back afterwards. */
    public static <T> T of(DataSource dataSource, Work<T> work) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return on(c, work);
        }
    }

    public static void run(DataSource dataSource, Statements statements) throws SQLException {
        of(dataSource, c -> {
            statements.in(c);
            return null;
        });
    }

    /** On a connection the caller owns (and closes). */
    public static <T> T on(Connection c, Work<T> work) throws SQLException {
        c.setAutoCommit(false);
        try {
            T result = work.in(c);
            c.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly(c, e);
            throw e;
        }
    }

    /** Rolls back without hiding the original failure (the connection may be broken by it). */
    static void rollbackQuietly(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException rollbackFailure) {
            cause.addSuppressed(rollbackFailure);
        }
    }
}
