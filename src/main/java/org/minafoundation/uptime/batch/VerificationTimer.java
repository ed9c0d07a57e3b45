package org.minafoundation.uptime.batch;

import org.apache.camel.ExchangeProperty;
import org.minafoundation.uptime.model.Carried;

/** Wall time of the whole verifier dispatch (all slices), in seconds: the reference's processing_time. */
public final class VerificationTimer {

    public long start() {
        return System.nanoTime();
    }

    public double secondsSince(@ExchangeProperty(Carried.VERIFICATION_STARTED) long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }
}
