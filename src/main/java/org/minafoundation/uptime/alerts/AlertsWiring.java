package org.minafoundation.uptime.alerts;

import org.apache.camel.main.Main;
import org.minafoundation.uptime.config.Settings;

/** Binds the beans routes/alerts.yaml uses. PLACEHOLDER: nothing to bind yet. */
public final class AlertsWiring {

    private AlertsWiring() {
    }

    public static void bind(Main main, Settings settings) {
    }
}
