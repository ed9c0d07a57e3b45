package org.minafoundation.uptime.packaging;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXConnectorServer;
import javax.management.remote.JMXConnectorServerFactory;
import javax.management.remote.JMXServiceURL;
import org.junit.jupiter.api.Test;
import org.minafoundation.uptime.support.Cli;
import org.minafoundation.uptime.support.GoldenRun;
import org.minafoundation.uptime.support.TestPostgres;

/** Camel's route MBeans are visible to a JMX client while the coordinator runs. */
class JmxRouteMBeansTest {

    @Test
    void routeMBeansAreReadableOverJmx() throws Exception {
        GoldenRun run = GoldenRun.prepare("midnight-40");
        TestPostgres.execute(run.database(), """
                CREATE FUNCTION slow_batch() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN PERFORM pg_sleep(1); RETURN NEW; END $$;
                CREATE TRIGGER slow_batch BEFORE INSERT ON bot_logs FOR EACH ROW EXECUTE FUNCTION slow_batch();
                """);
        JMXConnectorServer server = JMXConnectorServerFactory.newJMXConnectorServer(
                new JMXServiceURL("service:jmx:rmi://127.0.0.1"), null, ManagementFactory.getPlatformMBeanServer());
        server.start();
        CompletableFuture<Cli.Result> coordinator =
                CompletableFuture.supplyAsync(() -> run.runUntil(run.lastEnd()));
        try (JMXConnector client = JMXConnectorFactory.connect(server.getAddress())) {
            MBeanServerConnection jmx = client.getMBeanServerConnection();
            ObjectName batchLoop = new ObjectName("org.apache.camel:context=uptime-coordinator,type=routes,name=\"batch-loop\"");
            await().atMost(Duration.ofSeconds(60)).until(() -> jmx.isRegistered(batchLoop)
                    && ((Number) jmx.getAttribute(batchLoop, "ExchangesCompleted")).longValue() >= 1);
            Set<ObjectName> routes = jmx.queryNames(new ObjectName("org.apache.camel:context=uptime-coordinator,type=routes,*"), null);
            assertTrue(routes.size() >= 5, "the pipeline's routes: " + routes);
            assertEquals("Started", jmx.getAttribute(batchLoop, "State"));
        } finally {
            assertEquals(0, coordinator.get().exitCode());
            server.stop();
        }
    }
}
