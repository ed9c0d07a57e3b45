package org.minafoundation.uptime.operations;

import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/** Ready while a probe of a dependency (the database, the submission storage) succeeds. */
public final class ReadinessCheck extends AbstractHealthCheck {

    private final Callable<Boolean> probe;

    public ReadinessCheck(String id, Callable<Boolean> probe) {
        super("uptime", id);
        this.probe = probe;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        try {
            if (Boolean.TRUE.equals(probe.call())) {
                builder.up();
            } else {
                builder.message(getId() + " did not answer").down();
            }
        } catch (Exception e) {
            builder.message(getId() + " is unreachable: " + e.getMessage()).error(e).down();
        }
    }
}
