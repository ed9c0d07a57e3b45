package org.minafoundation.uptime.submissions;

import com.datastax.oss.driver.api.core.CqlSession;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The Cassandra session, connected at its first use and again after a failed attempt.
 * The driver's session only exists once a node answered: opened at start-up, an outage
 * there ended the process, while the same outage a minute later is retried like any
 * read. Through {@link #session()} the connection is made by the batch's read, so its
 * failure takes the batch's retries and back-off.
 */
public final class CassandraConnection implements AutoCloseable {

    private final Supplier<CqlSession> connect;
    private CqlSession session; // guarded by this
    private boolean closed; // guarded by this

    public CassandraConnection(Supplier<CqlSession> connect) {
        this.connect = connect;
    }

    /** The connected session, connecting first if no attempt succeeded yet. */
    public synchronized CqlSession connected() {
        if (closed) {
            throw new IllegalStateException("the Cassandra connection is closed: the coordinator stops");
        }
        if (session == null) {
            session = connect.get();
        }
        return session;
    }

    /**
     * A CqlSession for Camel's cql endpoint that connects when first asked to do
     * something. Until then it has no keyspace (the endpoint asks at start; our queries name
     * theirs), is not closed, and closing it closes nothing.
     */
    public CqlSession session() {
        return (CqlSession) Proxy.newProxyInstance(CqlSession.class.getClassLoader(),
                new Class<?>[] {CqlSession.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "close":
                            close();
                            return null;
                        case "closeAsync":
                        case "forceCloseAsync":
                            close();
                            return CompletableFuture.completedFuture(null);
                        case "getKeyspace":
                            return ifConnected().flatMap(CqlSession::getKeyspace);
                        case "isClosed":
                            return isClosed();
                        case "closeFuture":
                            return ifConnected().map(CqlSession::closeFuture)
                                    .orElseGet(() -> CompletableFuture.completedFuture(null));
                        case "toString":
                            return "lazily connected CqlSession";
                        case "hashCode":
                            return System.identityHashCode(proxy);
                        case "equals":
                            return proxy == args[0];
                        default:
                            return invoke(method, connected(), args);
                    }
                });
    }

    private static Object invoke(Method method, CqlSession target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private synchronized boolean isClosed() {
        return closed || session != null && session.isClosed();
    }

    private synchronized Optional<CqlSession> ifConnected() {
        return Optional.ofNullable(session);
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (session != null) {
            session.close();
        }
    }
}
