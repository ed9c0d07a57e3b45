package org.minafoundation.uptime.store;

/**
 * A writing transaction found that its process no longer holds the coordinator lock (its
 * session ended: a restarted server, a terminated backend, a lost network). Another process
 * may hold it and write now, so nothing of the transaction is committed; the writer takes
 * the lock again before it redoes the work.
 */
public final class CoordinatorLockLost extends IllegalStateException {

    public CoordinatorLockLost(String database) {
        super("this process no longer holds the coordinator lock on database " + database
                + " (its session ended); nothing written");
    }
}
