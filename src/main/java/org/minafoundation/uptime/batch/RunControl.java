package org.minafoundation.uptime.batch;

import org.apache.camel.main.MainSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Ends the coordinator from inside a route: done ({@code --until} reached) or failed for good. */
public final class RunControl {

    private static final Logger LOG = LoggerFactory.getLogger(RunControl.class);

    private final MainSupport main;
    private volatile int exitCode;
    private volatile boolean ended;

    public RunControl(MainSupport main) {
        this.main = main;
    }

    public void finish() {
        ended = true;
        main.completed();
    }

    public void fail(String reason) {
        LOG.error("Stopping the coordinator with exit code 1: {}", reason);
        exitCode = 1;
        ended = true;
        main.completed();
    }

    public boolean ended() {
        return ended;
    }

    public int exitCode() {
        return exitCode;
    }
}
