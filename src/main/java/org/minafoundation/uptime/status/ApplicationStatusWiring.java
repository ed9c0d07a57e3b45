package org.minafoundation.uptime.status;

import javax.sql.DataSource;
import org.apache.camel.main.Main;
import org.minafoundation.uptime.config.Settings;

/** Binds the beans routes/application-status.yaml uses. PLACEHOLDER: nothing to bind yet. */
public final class ApplicationStatusWiring {

    private ApplicationStatusWiring() {
    }

    public static void bind(Main main, Settings settings, DataSource dataSource) {
    }
}
