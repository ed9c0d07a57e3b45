package org.minafoundation.uptime.app;

import java.util.LinkedHashMap;
import java.util.Map;
import org.minafoundation.uptime.archive.S3Uri;
import org.minafoundation.uptime.config.Settings;

/**
 * The one place where {@link Settings} become the properties the routes read as
 * {@code {{…}}} placeholders, and the Camel Main options that follow from the settings.
 * Every placeholder of {@code routes/*.yaml} is a key here (RoutePropertiesTest reads the
 * route files to hold that); nothing else hands properties to Camel, and none comes from an
 * environment variable of the same name (application.properties turns that lookup off).
 */
public final class RouteProperties {

    /**
     * The pause between two passes of the batch loop. A pass waits inside for its batch to be
     * due, so this only paces catch-up (batches already past) and retries: short, so a day of
     * missed batches is caught up batch after batch. A batch never starts while one runs.
     */
    static final long TICK_MILLIS = 10;

    private RouteProperties() {
    }

    /** Every property, route placeholders first; in a stable order for the start-up log. */
    public static Map<String, String> of(Settings settings) {
        Map<String, String> properties = new LinkedHashMap<>();
        routePlaceholders(settings, properties);
        camelMainOptions(settings, properties);
        return properties;
    }

    private static void routePlaceholders(Settings settings, Map<String, String> p) {
        // routes/coordinator.yaml
        p.put("coordinator.tickMillis", String.valueOf(TICK_MILLIS));
        p.put("verifier.mode", settings.worker().mode().name());
        // routes/kubernetes-verifier.yaml
        p.put("verifier.jobPollMillis", String.valueOf(settings.worker().kubernetes().jobPollSeconds() * 1000L));
        // routes/submissions.yaml
        p.put("submissions.storage", settings.submissionStorage().name());
        // routes/alerts.yaml: with WEBHOOK_URL the delivery route exists and alerts post to Slack
        p.put("alerts.slack", String.valueOf(settings.alerts().webhookUrl().isSet()));
        // routes/application-status.yaml
        var status = settings.applicationStatus();
        p.put("applicationStatus.enabled", String.valueOf(status.synced()));
        p.put("applicationStatus.lookup", !status.synced() ? "none" : status.lookedUpByName() ? "name" : "id");
        // routes/publication.yaml: without SCORES_S3_URI the route put-scoreboard is not created
        var scores = settings.s3().scoresUri().map(S3Uri::parse);
        p.put("scores.publish", String.valueOf(scores.isPresent()));
        p.put("scores.bucket", scores.map(S3Uri::bucket).orElse(""));
        p.put("scores.key", scores.map(S3Uri::key).orElse(""));
        p.put("scores.uri", scores.map(S3Uri::toString).orElse("S3"));
    }

    /** What {@code serve} hands Camel Main: the scores service's server and the management server. */
    static Map<String, String> scoresService(Settings settings, int port) {
        Map<String, String> properties = new LinkedHashMap<>();
        scoresServer(port, properties);
        managementServer(settings, properties);
        return properties;
    }

    /** The scores service's HTTP server (routes/scores-api.yaml), on SCORES_PORT. */
    static void scoresServer(int port, Map<String, String> p) {
        p.put("camel.server.enabled", "true");
        p.put("camel.server.port", String.valueOf(port));
        p.put("camel.server.host", "0.0.0.0");
        p.put("camel.rest.component", "platform-http");
    }

    private static void camelMainOptions(Settings settings, Map<String, String> p) {
        if (settings.scores().served()) {
            scoresServer(settings.scores().port(), p);
        }
        // One verifier thread per slice: all slices of a batch run at once.
        String slices = String.valueOf(settings.batch().miniBatchNumber());
        p.put("camel.threadpool.config[slices].poolSize", slices);
        p.put("camel.threadpool.config[slices].maxPoolSize", slices);
        p.put("camel.threadpool.config[slices].maxQueueSize", slices);
        managementServer(settings, p);
    }

    /** Health, metrics and the dev console on MANAGEMENT_PORT (nothing with 0): run and serve alike. */
    static void managementServer(Settings settings, Map<String, String> p) {
        var operations = settings.operations();
        if (operations.managementPort() > 0) {
            p.put("camel.management.enabled", "true");
            p.put("camel.management.port", String.valueOf(operations.managementPort()));
            p.put("camel.management.healthCheckEnabled", "true");
            p.put("camel.management.metricsEnabled", "true");
            // the HTTP path and the console itself: the path alone answers "not enabled"
            p.put("camel.management.devConsoleEnabled", String.valueOf(operations.devConsole()));
            p.put("camel.main.devConsoleEnabled", String.valueOf(operations.devConsole()));
            p.put("camel.metrics.enabled", "true");
            p.put("camel.metrics.binders", "jvm-memory,jvm-gc,jvm-thread,processor,uptime");
        }
    }
}
