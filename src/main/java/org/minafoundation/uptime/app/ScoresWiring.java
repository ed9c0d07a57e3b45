package org.minafoundation.uptime.app;

import java.time.Clock;
import javax.sql.DataSource;
import org.apache.camel.main.Main;
import org.minafoundation.uptime.config.Settings;
import org.minafoundation.uptime.operations.ManagementPort;
import org.minafoundation.uptime.scores.BatchRecount;
import org.minafoundation.uptime.scores.Explainer;
import org.minafoundation.uptime.scores.RecentRecounts;
import org.minafoundation.uptime.scoring.ScoringEngine;
import org.minafoundation.uptime.store.Database;
import org.minafoundation.uptime.store.LegacyScores;
import org.minafoundation.uptime.store.ProducerBatches;
import org.minafoundation.uptime.store.ScoresQueries;
import org.minafoundation.uptime.web.ApiProblems;
import org.minafoundation.uptime.web.DatabaseGate;
import org.minafoundation.uptime.web.Freshness;
import org.minafoundation.uptime.web.ScoresApi;
import org.minafoundation.uptime.web.ScoresPages;
import org.minafoundation.uptime.web.UptimeScoreApi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds what routes/scores-api.yaml calls, all of it on the database's read-only pool
 * ({@code POSTGRES_RO_USER} when set, read-only transactions, bounded statements).
 */
public final class ScoresWiring {

    private static final Logger LOG = LoggerFactory.getLogger(ScoresWiring.class);

    /** The route file of the scores service, left out of {@code run} with SCORES_PORT=0. */
    public static final String ROUTES = "scores-api.yaml";

    private ScoresWiring() {
    }

    /** The batch-by-batch reasons, on {@code dataSource} (the read-only pool). */
    public static Explainer explainer(ProducerBatches batches, DataSource dataSource) {
        return new Explainer(batches, new BatchRecount(dataSource, new ScoringEngine()));
    }

    public static void bind(Main main, Settings settings, Database database, int port) {
        ManagementPort.ensureFree("SCORES_PORT", port, "run serves no scores");
        var dataSource = database.readOnlyDataSource();
        ScoresQueries scores = new ScoresQueries(dataSource, settings.batch().uptimeDaysForScore(),
                settings.applicationStatus().ignore());
        ProducerBatches batches = new ProducerBatches(dataSource);
        Explainer explainer = explainer(batches, dataSource);
        main.bind("scoresApi", new ScoresApi(scores, batches, explainer));
        main.bind("scoresPages", new ScoresPages(scores, batches, explainer));
        main.bind("recentRecounts", new RecentRecounts(scores, batches, explainer.recount()));
        main.bind("uptimeScoreApi", new UptimeScoreApi(new LegacyScores(dataSource)));
        DatabaseGate gate = new DatabaseGate(Clock.systemUTC());
        main.bind("freshness", new Freshness(scores, gate));
        main.bind("apiProblems", new ApiProblems(gate));
        main.bind(ScoresHttpEngine.NAME, new ScoresHttpEngine(port));
        LOG.info("Scores service on port {} (leaderboard /, API /api/v1, /uptimescore), reading as {}", port,
                database.readOnlyUser());
    }
}
