package org.minafoundation.uptime.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.minafoundation.uptime.app.ScoresService;
import org.minafoundation.uptime.config.Settings;
import org.minafoundation.uptime.sim.SimulatedNetwork;
import org.minafoundation.uptime.store.DatabaseTasks;

/**
 * The scores service under load: a simulated network processed by the coordinator's own
 * pipeline, then {@code clients} concurrent clients on loopback for {@code seconds}, each
 * asking in turn for the leaderboard, a producer's page, its JSON and a day of its batch
 * reasons. Latencies per kind of request (SPEC §12's targets are for p99).
 */
final class ScoresCase {

    private static final long SEED = 11;

    private ScoresCase() {
    }

    private enum Request { LEADERBOARD, PRODUCER_PAGE, PRODUCER_JSON, DAY_OF_REASONS }

    static List<ResultTable.Row> run(int producers, int days, int clients, int seconds, PrintWriter out)
            throws Exception {
        try (ScratchDatabase db = new ScratchDatabase()) {
            out.printf(Locale.ROOT, "scores: %d producers, %d days: generating, verifying and processing...%n",
                    producers, days);
            out.flush();
            SimulatedNetwork network = new SimulatedNetwork(SEED, producers);
            SimulatedPeriod.fill(db.dataSource(), network, Duration.ofDays(days));
            new DatabaseTasks(db.database()).initDatabase(SimulatedPeriod.START.getEpochSecond(), false);
            DirectPipeline pipeline = new DirectPipeline(db, 90);
            for (int i = 0; i < days * 72; i++) {
                pipeline.processNext();
            }
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            Settings settings = Settings.forTasks(Map.of("IGNORE_APPLICATION_STATUS", "1", "MANAGEMENT_PORT", "0",
                    "SCORES_PORT", String.valueOf(port)));
            ScoresService service = new ScoresService(settings, db.database());
            ExecutorService server = Executors.newSingleThreadExecutor();
            Future<Integer> serving = server.submit(() -> service.run(port));
            try {
                return load(port, days, clients, seconds, out, serving);
            } finally {
                service.stop();
                serving.get(60, TimeUnit.SECONDS);
                server.shutdownNow();
            }
        }
    }

    private static List<ResultTable.Row> load(int port, int days, int clients, int seconds,
            PrintWriter out, Future<Integer> serving) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        String base = "http://127.0.0.1:" + port;
        awaitReady(http, base, serving);
        List<String> keys = listedKeys(http, base);
        Instant lastDay = SimulatedPeriod.START.plus(Duration.ofDays(days - 1));
        Map<Request, List<Timings>> timings = new ConcurrentHashMap<>();
        Map<Request, AtomicInteger> failures = new ConcurrentHashMap<>();
        for (Request kind : Request.values()) {
            failures.put(kind, new AtomicInteger());
        }
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        out.printf(Locale.ROOT, "scores: %d clients for %d s...%n", clients, seconds);
        out.flush();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            running.add(pool.submit(() -> {
                Map<Request, Timings> own = new EnumMap<>(Request.class);
                for (Request kind : Request.values()) {
                    own.put(kind, new Timings());
                }
                int turn = ThreadLocalRandom.current().nextInt(4);
                while (System.nanoTime() < end) {
                    Request kind = Request.values()[turn++ % 4];
                    String key = keys.get(ThreadLocalRandom.current().nextInt(keys.size()));
                    String path = switch (kind) {
                        case LEADERBOARD -> "/api/v1/leaderboard";
                        case PRODUCER_PAGE -> "/producers/" + key;
                        case PRODUCER_JSON -> "/api/v1/producers/" + key;
                        case DAY_OF_REASONS -> "/api/v1/producers/" + key + "/batches?from=" + lastDay + "&to="
                                + lastDay.plus(Duration.ofDays(1));
                    };
                    long started = System.nanoTime();
                    try {
                        int status = http.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
                                HttpResponse.BodyHandlers.discarding()).statusCode();
                        if (status != 200) {
                            failures.get(kind).incrementAndGet();
                        }
                    } catch (Exception e) {
                        failures.get(kind).incrementAndGet();
                    }
                    own.get(kind).add(System.nanoTime() - started);
                }
                own.forEach((kind, t) -> timings.computeIfAbsent(kind, k -> Collections.synchronizedList(new ArrayList<>()))
                        .add(t));
                return null;
            }));
        }
        for (Future<?> client : running) {
            client.get();
        }
        pool.shutdown();
        List<ResultTable.Row> rows = new ArrayList<>();
        String size = String.format(Locale.ROOT, "%d producers x %d days, %d clients", keys.size(), days, clients);
        for (Request kind : Request.values()) {
            Timings all = Timings.merge(timings.getOrDefault(kind, List.of()));
            rows.add(new ResultTable.Row("scores " + kind.name().toLowerCase(Locale.ROOT).replace('_', ' '), size,
                    ResultTable.ms(all.p50()), ResultTable.ms(all.max()),
                    String.format(Locale.ROOT, "p99 %s, %d requests, %d not 200", ResultTable.ms(all.p99()),
                            all.count(), failures.get(kind).get()),
                    HeapPeak.megabytes()));
        }
        return rows;
    }

    /** The producers the leaderboard lists (a simulated producer that never submitted is unknown: a 404). */
    private static List<String> listedKeys(HttpClient http, String base) throws Exception {
        List<String> keys = new ArrayList<>();
        java.util.regex.Pattern key = java.util.regex.Pattern.compile("\"key\":\"(B62[^\"]+)\"");
        for (int offset = 0; ; offset += 500) {
            String page = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/leaderboard?limit=500&offset="
                    + offset)).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
            java.util.regex.Matcher m = key.matcher(page);
            int found = 0;
            while (m.find()) {
                keys.add(m.group(1));
                found++;
            }
            if (found < 500) {
                return keys;
            }
        }
    }

    private static void awaitReady(HttpClient http, String base, Future<Integer> serving) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (serving.isDone()) {
                serving.get();
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/leaderboard")).GET().build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // the server is not listening yet
            }
            Thread.sleep(200); // polling interval while the service starts
        }
        throw new IllegalStateException("the scores service did not answer within 60 s");
    }
}
