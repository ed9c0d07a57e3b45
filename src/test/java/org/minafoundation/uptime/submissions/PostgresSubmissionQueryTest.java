package org.minafoundation.uptime.submissions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.camel.component.sql.SqlComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.minafoundation.uptime.model.Batch;
import org.minafoundation.uptime.config.Settings;
import org.minafoundation.uptime.model.BatchSubmissions;
import org.minafoundation.uptime.scoring.Submission;
import org.minafoundation.uptime.store.Database;
import org.minafoundation.uptime.support.TestPostgres;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The Postgres read of a batch, as routes/submissions.yaml runs it with camel-sql and as the
 * rescore and the benchmark run it with plain JDBC: the same query text, and the same rows
 * in the same order. The window is read in UTC whatever the JVM zone (the tests run in
 * America/New_York): around that zone's daylight-saving change, where 02:30 does not exist
 * locally, and at the very bounds of the window.
 */
class PostgresSubmissionQueryTest {

    private static final Path ROUTES = Path.of("routes/submissions.yaml");
    /** 2024-03-10 02:00 to 03:00 does not exist in New York. */
    private static final Batch BATCH = new Batch(Instant.parse("2024-03-10T02:20:00Z"),
            Instant.parse("2024-03-10T02:40:00Z"), 1, 1);
    private static final List<Submission> EXPECTED = List.of(
            new Submission(Instant.parse("2024-03-10T02:39:59.999999Z"), "B62last", "h-last", "h-gap", 12L,
                    Instant.parse("2024-03-10T02:39:00Z")),
            new Submission(Instant.parse("2024-03-10T02:30:00.123456Z"), "B62gap-a", "h-gap", null, null, null),
            new Submission(Instant.parse("2024-03-10T02:30:00.123456Z"), "B62gap-b", "h-gap", "h-first", 11L,
                    Instant.parse("2024-03-10T02:29:30Z")),
            new Submission(Instant.parse("2024-03-10T02:20:00Z"), "B62first", "h-first", "h-0", 10L,
                    Instant.parse("2024-03-10T02:19:00Z")));

    private static Database database;
    private static DataSource dataSource;

    @BeforeAll
    static void submissions() throws Exception {
        DataSource migrated = TestPostgres.migratedDatabase();
        String name;
        try (var c = migrated.getConnection()) {
            name = c.getCatalog();
        }
        TestPostgres.execute(name, "INSERT INTO submissions (submitted_at_date, submitted_at, submitter, created_at,"
                + " state_hash, parent, height, slot, validation_error, verified) VALUES "
                + "('2024-03-10', '2024-03-10 02:19:59.999999', 'B62before', NULL, 'h', 'p', 1, 1, NULL, true),"
                + "('2024-03-10', '2024-03-10 02:20:00', 'B62first', '2024-03-10 02:19:00', 'h-first', 'h-0', 10, 1, NULL, true),"
                + "('2024-03-10', '2024-03-10 02:30:00.123456', 'B62gap-b', '2024-03-10 02:29:30', 'h-gap', 'h-first', 11, 2, '', true),"
                + "('2024-03-10', '2024-03-10 02:30:00.123456', 'B62gap-a', NULL, 'h-gap', NULL, NULL, NULL, NULL, true),"
                + "('2024-03-10', '2024-03-10 02:31:00', 'B62unverified', NULL, 'h-x', NULL, 3, 3, NULL, false),"
                + "('2024-03-10', '2024-03-10 02:32:00', 'B62rejected', NULL, 'h-y', NULL, 3, 3, 'bad proof', true),"
                + "('2024-03-10', '2024-03-10 02:33:00', 'B62unknown', NULL, 'h-z', NULL, 3, 3, NULL, NULL),"
                + "('2024-03-10', '2024-03-10 02:39:59.999999', 'B62last', '2024-03-10 02:39:00', 'h-last', 'h-gap', 12, 4, NULL, true),"
                + "('2024-03-10', '2024-03-10 02:40:00', 'B62after', NULL, 'h', 'p', 1, 1, NULL, true)");
        // the coordinator's own pool, as the batch loop and the rescore get it
        database = Database.open(Settings.from(TestPostgres.environment(name)).postgres());
        dataSource = database.dataSource();
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @Test
    void theRouteAndThePlainJdbcPathRunTheSameQuery() throws Exception {
        String uri = (String) readPostgresStep().get("uri");
        assertEquals("sql:" + PostgresSubmissionSource.QUERY, uri.replaceAll("\\s+", " ").trim());
    }

    @Test
    void theRouteReadsTheWindowInUtc() throws Exception {
        try (CamelContext camel = new DefaultCamelContext()) {
            Properties placeholders = new Properties();
            placeholders.setProperty("submissions.storage", "POSTGRES");
            camel.getPropertiesComponent().setInitialProperties(placeholders);
            camel.getRegistry().bind("postgresSubmissions", new PostgresSubmissionRows());
            SqlComponent sql = new SqlComponent();
            sql.setDataSource(dataSource);
            camel.getRegistry().bind("sql", sql);
            camel.addRoutesConfigurations(new RouteConfigurationBuilder() {
                @Override
                public void configuration() {
                    routeConfiguration("slice-errors").errorHandler(noErrorHandler());
                }
            });
            PluginHelper.getRoutesLoader(camel).loadRoutes(
                    PluginHelper.getResourceLoader(camel).resolveResource("file:" + ROUTES));
            camel.start();

            Exchange done = camel.createProducerTemplate().send("direct:load-submissions",
                    e -> e.setProperty("batch", BATCH));

            assertEquals(null, done.getException());
            assertExpected(done.getProperty("submissions", BatchSubmissions.class));
        }
    }

    @Test
    void thePlainJdbcPathReadsTheWindowInUtc() throws Exception {
        assertExpected(new PostgresSubmissionSource(dataSource).load(BATCH));
    }

    private static void assertExpected(BatchSubmissions submissions) {
        assertEquals(EXPECTED, submissions.scored(), "newest first, ties by submitter, instants exact");
        assertEquals(7, submissions.loaded(), "the window's rows, its end left out");
        assertEquals(4, submissions.valid());
        assertEquals(3, submissions.ignored(), "unverified, rejected, not verified yet");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> readPostgresStep() throws Exception {
        List<Object> file = (List<Object>) new Load(LoadSettings.builder().build()).loadFromString(Files.readString(ROUTES));
        for (Object entry : file) {
            Map<String, Object> route = (Map<String, Object>) ((Map<String, Object>) entry).get("route");
            if (route != null && "load-submissions-from-postgres".equals(route.get("id"))) {
                List<Object> steps = (List<Object>) ((Map<String, Object>) route.get("from")).get("steps");
                for (Object step : steps) {
                    Map<String, Object> to = (Map<String, Object>) ((Map<String, Object>) step).get("to");
                    if (to != null && "read-postgres".equals(to.get("id"))) {
                        return to;
                    }
                }
            }
        }
        throw new AssertionError("no read-postgres step in " + ROUTES);
    }
}
