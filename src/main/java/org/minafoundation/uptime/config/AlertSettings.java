package org.minafoundation.uptime.config;

import java.util.Optional;

/** Slack alerts on verification time. */
public record AlertSettings(Secret webhookUrl, Optional<Double> lowerLimitSeconds, Optional<Double> upperLimitSeconds) {

    static AlertSettings read(VariableReader env) {
        return new AlertSettings(
                env.secret("WEBHOOK_URL"),
                env.decimal("ALARM_ZK_LOWER_LIMIT_SEC"),
                env.decimal("ALARM_ZK_UPPER_LIMIT_SEC"));
    }
}
