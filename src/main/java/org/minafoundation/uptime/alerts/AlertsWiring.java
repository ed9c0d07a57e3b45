package org.minafoundation.uptime.alerts;

import org.apache.camel.main.Main;
import org.minafoundation.uptime.config.Settings;

/**
 * Binds the beans routes/alerts.yaml uses. Slack is on only when {@code WEBHOOK_URL} is
 * set: then the {@code slack} component carries the webhook URL (and RouteProperties sets
 * {@code alerts.slack}, which creates the delivery route and lets the alert routes post);
 * otherwise timings are only logged.
 */
public final class AlertsWiring {

    private AlertsWiring() {
    }

    public static void bind(Main main, Settings settings) {
        var alerts = settings.alerts();
        boolean slack = alerts.webhookUrl().isSet();
        main.bind("verificationTimingAlert",
                new VerificationTimingAlert(alerts.lowerLimitSeconds(), alerts.upperLimitSeconds()));
        main.bind("batchFailureAlert", new BatchFailureAlert(settings.batch().retryCount()));
        SlackWebhook webhook = new SlackWebhook(alerts.webhookUrl());
        main.bind("slackWebhook", webhook);
        if (slack) {
            main.bind("slack", webhook.component());
        }
    }
}
