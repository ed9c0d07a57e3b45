package org.minafoundation.uptime.publication;

import javax.sql.DataSource;
import org.apache.camel.main.Main;
import org.minafoundation.uptime.config.Settings;

/** Binds the beans routes/publication.yaml uses. PLACEHOLDER: nothing to bind yet. */
public final class ScorePublicationWiring {

    private ScorePublicationWiring() {
    }

    public static void bind(Main main, Settings settings, DataSource dataSource) {
    }
}
