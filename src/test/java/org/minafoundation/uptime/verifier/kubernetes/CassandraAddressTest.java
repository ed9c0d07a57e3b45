package org.minafoundation.uptime.verifier.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.minafoundation.uptime.config.ReadableDuration;
import org.minafoundation.uptime.verifier.CassandraAddress;
import org.slf4j.LoggerFactory;

/** CASSANDRA_HOST as the verifier gets it: an IP, resolved with retries and back-off, else the name. */
class CassandraAddressTest {

    private static final String HOST = "cassandra.us-west-2.amazonaws.com";

    private final List<String> lookups = new ArrayList<>();
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(CassandraAddress.class);

    @BeforeEach
    void captureLog() {
        log.start();
        logger.addAppender(log);
    }

    @AfterEach
    void releaseLog() {
        logger.detachAppender(log);
        Thread.interrupted();
    }

    /** Fails the first {@code failures} lookups, then answers {@code ip}. */
    private CassandraAddress.Resolver failing(int failures, String ip) {
        return host -> {
            lookups.add(host);
            if (lookups.size() <= failures) {
                throw new UnknownHostException(host + ": Temporary failure in name resolution");
            }
            return ip;
        };
    }

    @Test
    void resolvesAtOnceWhenTheNameResolves() throws Exception {
        CassandraAddress address = new CassandraAddress(failing(0, "10.4.5.6"), 5, 1);

        assertEquals("10.4.5.6", address.resolve(Optional.of(HOST)));
        assertEquals(List.of(HOST), lookups);
        assertTrue(warnings().isEmpty());
    }

    @Test
    void retriesUntilTheNameResolves() throws Exception {
        CassandraAddress address = new CassandraAddress(failing(3, "10.4.5.6"), 5, 1);

        assertEquals("10.4.5.6", address.resolve(Optional.of(HOST)));
        assertEquals(List.of(HOST, HOST, HOST, HOST), lookups);
        assertEquals(3, warnings().size());
        assertTrue(errors().isEmpty());
    }

    @Test
    void waitsTwiceAsLongAfterEachFailure() throws Exception {
        CassandraAddress address = new CassandraAddress(failing(Integer.MAX_VALUE, "unused"), 4, 1);

        address.resolve(Optional.of(HOST));

        List<ILoggingEvent> warnings = warnings();
        assertEquals(4, warnings.size());
        // attempt number and the wait before the next attempt: 1, 2, 4 ms, ... doubling
        for (int i = 0; i < warnings.size(); i++) {
            Object[] args = warnings.get(i).getArgumentArray();
            assertEquals(i + 1, args[0]);
            assertEquals(HOST, args[1]);
            assertEquals(ReadableDuration.of(Duration.ofMillis(1L << i)), args[3]);
        }
    }

    @Test
    void fallsBackToTheNameAfterTheLastAttempt() throws Exception {
        CassandraAddress address = new CassandraAddress(failing(Integer.MAX_VALUE, "unused"), 5, 0);

        assertEquals(HOST, address.resolve(Optional.of(HOST)));
        assertEquals(5, lookups.size());
        assertEquals(1, errors().size());
        assertTrue(errors().get(0).getFormattedMessage().contains(HOST));
    }

    @Test
    void succeedsOnTheLastAllowedAttempt() throws Exception {
        CassandraAddress address = new CassandraAddress(failing(4, "10.9.9.9"), 5, 0);

        assertEquals("10.9.9.9", address.resolve(Optional.of(HOST)));
        assertEquals(5, lookups.size());
        assertTrue(errors().isEmpty());
    }

    @Test
    void noHostGivesTheReferencesPlaceholderWithoutALookup() throws Exception {
        CassandraAddress address = new CassandraAddress(failing(0, "10.4.5.6"), 5, 1);

        assertEquals("0.0.0.0", address.resolve(Optional.empty()));
        assertTrue(lookups.isEmpty());
    }

    @Test
    void theDefaultResolverAsksTheSystem() throws Exception {
        assertEquals("127.0.0.1", new CassandraAddress().resolve(Optional.of("127.0.0.1")));
        assertEquals("0.0.0.0", new CassandraAddress().resolve(Optional.empty()));
    }

    @Test
    void anInterruptDuringTheBackOffStopsTheRetries() {
        CassandraAddress address = new CassandraAddress(failing(Integer.MAX_VALUE, "unused"), 5, 60_000);
        Thread.currentThread().interrupt();

        assertThrows(InterruptedException.class, () -> address.resolve(Optional.of(HOST)));
        assertEquals(1, lookups.size());
    }

    private List<ILoggingEvent> warnings() {
        return log.list.stream().filter(e -> e.getLevel() == Level.WARN).toList();
    }

    private List<ILoggingEvent> errors() {
        return log.list.stream().filter(e -> e.getLevel() == Level.ERROR).toList();
    }
}
