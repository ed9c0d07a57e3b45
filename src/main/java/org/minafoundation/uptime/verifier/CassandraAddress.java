package org.minafoundation.uptime.verifier;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;
import org.minafoundation.uptime.config.ReadableDuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Cassandra host as the verifier gets it: resolved to an IP address here (as the
 * reference does), with retries and exponential back-off, falling back to the name.
 */
public final class CassandraAddress {

    private static final Logger LOG = LoggerFactory.getLogger(CassandraAddress.class);

    /** Looks a host name up; a seam so tests can fail resolution on purpose. */
    @FunctionalInterface
    public interface Resolver {
        String resolve(String host) throws UnknownHostException;
    }

    private final Resolver resolver;
    private final int attempts;
    private final long firstWaitMillis;

    public CassandraAddress() {
        this(host -> InetAddress.getByName(host).getHostAddress(), 5, 200);
    }

    public CassandraAddress(Resolver resolver, int attempts, long firstWaitMillis) {
        this.resolver = resolver;
        this.attempts = attempts;
        this.firstWaitMillis = firstWaitMillis;
    }

    /** The IP of {@code host}; "0.0.0.0" when no host is set (the reference's value). */
    public String resolve(Optional<String> host) throws InterruptedException {
        if (host.isEmpty()) {
            return "0.0.0.0";
        }
        long wait = firstWaitMillis;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try {
                return resolver.resolve(host.get());
            } catch (UnknownHostException e) {
                LOG.warn("Attempt {}: cannot resolve CASSANDRA_HOST {}: {}; retrying in {}",
                        attempt, host.get(), e.getMessage(), ReadableDuration.of(Duration.ofMillis(wait)));
                if (attempt < attempts) {
                    Thread.sleep(wait);
                    wait *= 2;
                }
            }
        }
        LOG.error("CASSANDRA_HOST {} did not resolve after {} attempts; the verifier gets the name", host.get(), attempts);
        return host.get();
    }
}
