package org.minafoundation.uptime.operations;

import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.sql.Connection;
import java.time.Clock;
import java.util.Optional;
import javax.sql.DataSource;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.minafoundation.uptime.config.Settings;
import org.minafoundation.uptime.metrics.CoordinatorMetrics;
import org.minafoundation.uptime.submissions.CassandraConnection;

/**
 * Health checks, metrics and the management HTTP server (/observe/health/live,
 * /observe/health/ready, /observe/metrics, /q/dev with DEV_CONSOLE=1).
 */
public final class OperationsWiring {

    private OperationsWiring() {
    }

    /** Ready while a connection of {@code dataSource} answers. */
    public static ReadinessCheck databaseReadiness(DataSource dataSource) {
        return new ReadinessCheck("database", () -> {
            try (Connection c = dataSource.getConnection()) {
                return c.isValid(5);
            }
        });
    }

    /** Binds the metrics and checks; returns the metrics the batch beans report to. */
    public static CoordinatorMetrics bind(Main main, Settings settings, DataSource dataSource,
            Optional<CassandraConnection> cassandra, Clock clock, BatchLoopLiveness liveness) {
        var operations = settings.operations();
        if (operations.managementPort() > 0) {
            ManagementPort.ensureFree(operations.managementPort());
        }
        PrometheusMeterRegistry registry = registry();
        // the name camel-micrometer-prometheus looks for: Camel's meters and ours share one registry
        main.bind("metricsRegistry", registry);
        CoordinatorMetrics metrics = new CoordinatorMetrics(registry, clock);
        main.bind("coordinatorMetrics", metrics);

        main.bind("batchLoopLiveness", liveness);
        main.bind("databaseReadiness", databaseReadiness(dataSource));
        cassandra.ifPresent(connection -> main.bind("submissionStorageReadiness", new ReadinessCheck("cassandra",
                () -> connection.connected().execute("SELECT release_version FROM system.local").one() != null)));

        if (operations.managementPort() > 0 && operations.devConsole()) {
            main.addMainListener(new MainListenerSupport() {
                @Override
                public void afterStart(BaseMainSupport started) {
                    DeveloperConsole.removeActingConsoles(started.getCamelContext());
                }
            });
        }
        return metrics;
    }

    /**
     * The registry Camel's meters and ours share. Without {@code camel.exchanges.last.timestamp}:
     * camel-micrometer 4.17 registers that gauge when the first exchange ends, checking first
     * whether it exists, so two exchanges ending at once (the slices of the first batch) both
     * register it and Micrometer warns "This Gauge has been already registered". It says when
     * the last exchange ended, which in a batch loop that ends one every pass tells nothing
     * {@code uptime_batch_lag_seconds} does not.
     */
    static PrometheusMeterRegistry registry() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().meterFilter(MeterFilter.denyNameStartsWith("camel.exchanges.last.timestamp"));
        return registry;
    }
}
