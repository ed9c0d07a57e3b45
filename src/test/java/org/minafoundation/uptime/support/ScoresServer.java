package org.minafoundation.uptime.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.minafoundation.uptime.app.ScoresService;
import org.minafoundation.uptime.config.Settings;
import org.minafoundation.uptime.store.Database;

/** The scores service ({@code serve}) in this JVM on a free port, over a test database, and a client for it. */
public final class ScoresServer implements AutoCloseable {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> new Thread(r, "scores-service"));
    private final Database database;
    private final ScoresService service;
    private final Future<Integer> running;
    private final int port;

    private ScoresServer(Map<String, String> env) throws IOException {
        port = freePort();
        Map<String, String> settings = new HashMap<>(env);
        settings.put("SCORES_PORT", String.valueOf(port));
        Settings parsed = Settings.forTasks(settings);
        database = Database.open(parsed.postgres());
        service = new ScoresService(parsed, database);
        running = thread.submit(() -> service.run(port));
    }

    /** Serves the database {@code env} points at; returns once the service answers. */
    public static ScoresServer start(Map<String, String> env) throws IOException {
        ScoresServer server = new ScoresServer(env);
        await("the scores service answers").atMost(Duration.ofSeconds(60)).until(() -> {
            if (server.running.isDone()) {
                server.running.get();
            }
            try {
                // the HTTP server listens before the routes are added: 404 until then
                return server.get("/api/v1/leaderboard").statusCode() != 404;
            } catch (IOException notYet) {
                return false;
            }
        });
        return server;
    }

    /**
     * The scores of a golden scenario: the coordinator processes it, {@code beforeServing}
     * may change the database, then the service serves it, every producer listed.
     */
    public static ScoresServer overGolden(GoldenRun run, java.util.function.Consumer<GoldenRun> beforeServing)
            throws IOException {
        if (run.runUntil(run.lastEnd()).exitCode() != 0) {
            throw new IllegalStateException("the coordinator did not process " + run.database());
        }
        beforeServing.accept(run);
        Map<String, String> env = new HashMap<>(run.env());
        env.put("IGNORE_APPLICATION_STATUS", "1");
        return start(env);
    }

    public int port() {
        return port;
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return get(path, Map.of());
    }

    public HttpResponse<String> get(String path, Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).GET();
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws Exception {
        service.stop();
        running.get(60, TimeUnit.SECONDS);
        thread.shutdownNow();
        database.close();
    }
}
