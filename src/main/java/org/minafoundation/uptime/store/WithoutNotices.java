package org.minafoundation.uptime.store;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Connections of a data source whose sessions get no NOTICE from the server
 * ({@code client_min_messages = warning}) until they are closed, when the setting is reset:
 * a pooled connection goes back to the pool as it came. For the schema migration, whose
 * {@code CREATE ... IF NOT EXISTS} on an adopted database each send a notice that Flyway
 * would log as a warning ("relation ... already exists, skipping").
 */
final class WithoutNotices {

    private WithoutNotices() {
    }

    static DataSource of(DataSource dataSource) {
        return (DataSource) Proxy.newProxyInstance(WithoutNotices.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    Object result = invoke(dataSource, method, args);
                    return result instanceof Connection connection && method.getName().equals("getConnection")
                            ? quiet(connection) : result;
                });
    }

    private static Connection quiet(Connection connection) throws SQLException {
        set(connection, "SET client_min_messages TO warning");
        return (Connection) Proxy.newProxyInstance(WithoutNotices.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("close") && !connection.isClosed()) {
                        try {
                            if (!connection.getAutoCommit()) {
                                connection.rollback(); // what the pool does on return: unfinished work is never kept
                            }
                            set(connection, "RESET client_min_messages");
                        } catch (SQLException broken) {
                            // a broken connection is not reused: nothing to reset
                        }
                    }
                    return invoke(connection, method, args);
                });
    }

    /** SET and RESET are transactional: outside autocommit they last only once committed. */
    private static void set(Connection connection, String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        }
        if (!connection.getAutoCommit()) {
            connection.commit();
        }
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
