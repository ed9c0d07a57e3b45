package org.minafoundation.uptime.app;

import org.apache.camel.main.Main;
import org.minafoundation.uptime.config.Settings;
import org.minafoundation.uptime.operations.ManagementPort;
import org.minafoundation.uptime.operations.OperationsWiring;
import org.minafoundation.uptime.store.Database;

/**
 * The scores service alone ({@code serve}): routes/scores-api.yaml on SCORES_PORT, no batch
 * loop, reading only. Health on MANAGEMENT_PORT, ready while the database answers.
 */
public final class ScoresService {

    private final Settings settings;
    private final Database database;
    private final Main main = new Main();

    public ScoresService(Settings settings, Database database) {
        this.settings = settings;
        this.database = database;
    }

    /** Serves until the process is stopped; returns the exit code. */
    public int run(int port) throws Exception {
        ScoresWiring.bind(main, settings, database, port);
        int management = settings.operations().managementPort();
        if (management > 0) {
            ManagementPort.ensureFree(management);
            main.bind("databaseReadiness", OperationsWiring.databaseReadiness(database.readOnlyDataSource()));
        }
        RouteProperties.scoresService(settings, port).forEach(main::addInitialProperty);
        main.configure().withRoutesIncludePattern(CoordinatorApplication.routesPattern(settings, ScoresWiring.ROUTES));
        main.run();
        return 0;
    }

    /** Ends {@link #run} (an embedding command's stop; a process is stopped by its signal). */
    public void stop() {
        main.completed();
    }
}
