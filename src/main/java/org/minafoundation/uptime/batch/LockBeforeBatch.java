package org.minafoundation.uptime.batch;

import org.apache.camel.Exchange;
import org.minafoundation.uptime.store.CoordinatorLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The batch loop's first step: only the coordinator holding the database's lock goes on
 * ({@link CoordinatorLock#ensureHeld()}). A stop while it waits for the lock ends the wait
 * and the pass quietly (nothing was started) instead of failing it.
 */
public final class LockBeforeBatch {

    private static final Logger LOG = LoggerFactory.getLogger(LockBeforeBatch.class);

    private final CoordinatorLock lock;

    public LockBeforeBatch(CoordinatorLock lock) {
        this.lock = lock;
    }

    public void ensureHeld(Exchange pass) throws InterruptedException {
        try {
            lock.ensureHeld();
        } catch (InterruptedException e) {
            if (!lock.stopping()) {
                throw e;
            }
            LOG.info("Stopped while waiting for the coordinator lock");
            pass.setRouteStop(true);
        }
    }
}
