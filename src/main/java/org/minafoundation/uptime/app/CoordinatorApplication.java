package org.minafoundation.uptime.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.minafoundation.uptime.alerts.AlertsWiring;
import org.minafoundation.uptime.batch.BatchAttempts;
import org.minafoundation.uptime.batch.BatchCommit;
import org.minafoundation.uptime.batch.BatchPlanner;
import org.minafoundation.uptime.batch.BatchReport;
import org.minafoundation.uptime.batch.BatchScoring;
import org.minafoundation.uptime.batch.BatchWait;
import org.minafoundation.uptime.batch.LockBeforeBatch;
import org.minafoundation.uptime.batch.RunControl;
import org.minafoundation.uptime.batch.VerificationTimer;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.apache.camel.component.sql.SqlComponent;
import org.apache.camel.processor.aggregate.GroupedBodyAggregationStrategy;
import java.io.IOException;
import org.minafoundation.uptime.config.Settings;
import org.minafoundation.uptime.config.VerifierMode;
import org.minafoundation.uptime.verifier.CassandraAddress;
import org.minafoundation.uptime.verifier.KubernetesClients;
import org.minafoundation.uptime.verifier.KubernetesNamespace;
import org.minafoundation.uptime.verifier.LocalVerifier;
import org.minafoundation.uptime.verifier.VerifierJobs;
import org.minafoundation.uptime.verifier.WorkerEnvironment;
import org.minafoundation.uptime.config.SubmissionStorage;
import org.minafoundation.uptime.scoring.ScoringEngine;
import org.minafoundation.uptime.sim.SimulatedChain;
import org.minafoundation.uptime.sim.SimulatedVerifier;
import org.minafoundation.uptime.operations.BatchLoopLiveness;
import org.minafoundation.uptime.metrics.CoordinatorMetrics;
import org.minafoundation.uptime.operations.OperationsWiring;
import org.minafoundation.uptime.publication.ScorePublicationWiring;
import org.minafoundation.uptime.status.ApplicationStatusWiring;
import org.minafoundation.uptime.store.BatchStore;
import org.minafoundation.uptime.store.CoordinatorLock;
import org.minafoundation.uptime.store.Database;
import org.minafoundation.uptime.submissions.PostgresSubmissionRows;
import org.minafoundation.uptime.submissions.CassandraConnection;
import org.minafoundation.uptime.submissions.CassandraQueries;
import org.minafoundation.uptime.submissions.CassandraSessions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts Camel Main with the YAML routes and the beans they call, and runs until the
 * routes end it ({@code --until} reached, retries exhausted) or the process is stopped.
 */
public final class CoordinatorApplication {

    private static final Logger LOG = LoggerFactory.getLogger(CoordinatorApplication.class);

    private final Settings settings;
    private final Database database;
    private final Clock clock;
    private final CoordinatorLock lock;
    private Optional<KubernetesClient> kubernetesClient = Optional.empty();
    private Optional<CassandraConnection> cassandraConnection = Optional.empty();
    private VerifierJobs verifierJobs;
    private final Map<String, Object> extraBeans = new LinkedHashMap<>();

    public CoordinatorApplication(Settings settings, Database database, Clock clock, CoordinatorLock lock) {
        this.settings = settings;
        this.database = database;
        this.clock = clock;
        this.lock = lock;
    }

    /**
     * Binds one more bean before the routes start, for an embedding command: the demo's
     * progress lines come from an event notifier, which Camel Main picks up from the registry.
     */
    public CoordinatorApplication withBean(String name, Object bean) {
        extraBeans.put(name, bean);
        return this;
    }

    /** Runs the batch loop; returns the process exit code. */
    public int run(Optional<Instant> until) throws Exception {
        Main main = new Main();
        RunControl control = new RunControl(main);
        BatchLoopLiveness liveness = new BatchLoopLiveness(clock,
                Duration.ofMinutes(settings.batch().surveyIntervalMinutes()),
                Duration.ofMinutes(settings.worker().timeoutMinutes()));
        BatchWait wait = new BatchWait(clock, liveness::tick);
        lock.whileWaiting(liveness::tick);
        BatchStore store = new BatchStore(database.dataSource(), clock, settings.batch().uptimeDaysForScore(), lock);
        int slices = settings.batch().miniBatchNumber();

        main.bind("runControl", control);
        main.bind("lockBeforeBatch", new LockBeforeBatch(lock));
        main.bind("batchWait", wait);
        main.bind("batchCommit", new BatchCommit(store));
        bindSubmissionSources(main);
        CoordinatorMetrics metrics = OperationsWiring.bind(main, settings, database.dataSource(), cassandraConnection, clock,
                liveness);
        main.bind("batchPlanner", new BatchPlanner(store,
                Duration.ofMinutes(settings.batch().surveyIntervalMinutes()), slices, until, control, metrics));
        main.bind("verificationTimer", new VerificationTimer());
        main.bind("batchScoring", new BatchScoring(store, new ScoringEngine()));
        main.bind("batchReport", new BatchReport(metrics));
        main.bind("batchAttempts", new BatchAttempts(settings.batch().retryCount(),
                Duration.ofSeconds(settings.batch().retryDelaySeconds()), control, wait, metrics));

        bindVerifiers(main, metrics);
        // Each optional feature binds its own beans for its own route file.
        AlertsWiring.bind(main, settings);
        ApplicationStatusWiring.bind(main, settings, database.dataSource());
        ScorePublicationWiring.bind(main, settings, database.dataSource());
        if (settings.scores().served()) {
            ScoresWiring.bind(main, settings, database, settings.scores().port());
        }
        extraBeans.forEach(main::bind);
        RouteProperties.of(settings).forEach(main::addInitialProperty);
        String routes = routesPattern();
        LOG.info("Loading routes from {}", routes);
        main.configure().withRoutesIncludePattern(routes);
        if (!settings.scores().served()) {
            main.configure().withRoutesExcludePattern("**/" + ScoresWiring.ROUTES);
        }
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void beforeStop(BaseMainSupport ignored) {
                wait.stop();
                lock.stop();
                verifierJobs.stop();
            }

            @Override
            public void afterStop(BaseMainSupport ignored) {
                kubernetesClient.ifPresent(KubernetesClient::close);
                cassandraConnection.ifPresent(CassandraConnection::close);
            }
        });
        main.run();
        return control.exitCode();
    }

    /**
     * Every verifier bean is bound whatever the mode (the route picks one); the Kubernetes
     * client only in Kubernetes mode, where the Kubernetes route exists.
     */
    private void bindVerifiers(Main main, CoordinatorMetrics metrics) throws IOException {
        WorkerEnvironment environment = new WorkerEnvironment(settings);
        CassandraAddress cassandra = new CassandraAddress();
        String namespace = "default";
        if (settings.worker().mode() == VerifierMode.KUBERNETES) {
            KubernetesClient client = KubernetesClients.create(settings.worker().kubernetes().kubeconfig());
            kubernetesClient = Optional.of(client);
            main.bind("kubernetesClient", client);
            namespace = KubernetesNamespace.choose(settings.worker().kubernetes().namespace(), client.getNamespace());
            LOG.info("Verifier Jobs go to namespace {} on {}", namespace, client.getMasterUrl());
        }
        verifierJobs = new VerifierJobs(settings, environment, cassandra, namespace, clock, metrics);
        main.bind("verifierJobs", verifierJobs);
        main.bind("localVerifier", new LocalVerifier(settings, environment, cassandra, clock));
        main.bind("simulatedVerifier", new SimulatedVerifier(database.dataSource(),
                new SimulatedChain(settings.worker().simulationSeed())));
    }

    /**
     * Postgres always; Cassandra's session only with SUBMISSION_STORAGE=CASSANDRA, where its
     * route exists, connected by the first read.
     */
    private void bindSubmissionSources(Main main) throws Exception {
        main.bind("postgresSubmissions", new PostgresSubmissionRows());
        // camel-sql on the coordinator's pool. The component is bound, not the pool: a DataSource
        // in the registry would show its password in the dev console's list of beans. The route
        // names its row mapper; nothing else is picked from the registry.
        SqlComponent sql = new SqlComponent();
        sql.setDataSource(database.dataSource());
        sql.setAutowiredEnabled(false);
        main.bind("sql", sql);
        main.bind("collectBodies", new GroupedBodyAggregationStrategy());
        main.bind("cassandraQueries", new CassandraQueries(settings.cassandra().keyspace().orElse("submissions")));
        if (settings.submissionStorage() == SubmissionStorage.CASSANDRA) {
            CassandraConnection connection = CassandraSessions.connection(settings);
            cassandraConnection = Optional.of(connection);
            main.bind("cqlSession", connection.session());
        }
    }

    /** ROUTES_DIR (checked at start-up), else ./routes when present, else the copy inside the jar. */
    private String routesPattern() {
        return routesPattern(settings, "*.yaml");
    }

    /** The route files named {@code files} (a glob) in ROUTES_DIR, ./routes or the jar's copy. */
    static String routesPattern(Settings settings, String files) {
        Path dir = settings.routesDirectory().orElse(Path.of("routes")).toAbsolutePath().normalize();
        return Files.isDirectory(dir) ? "file:" + dir + "/" + files : "classpath:routes/" + files;
    }
}
