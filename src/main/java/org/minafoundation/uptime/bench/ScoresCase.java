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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    /** Batches the coordinator processes, timed, before the service starts and again under its load. */
    private static final int TIMED_BATCHES = 12;

    private static final Pattern UPDATED_AT = Pattern.compile("\"updatedAt\":\"([^\"]+)\"");

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
            for (int i = 0; i < days * 72 - 2 * TIMED_BATCHES; i++) {
                pipeline.processNext();
            }
            // the coordinator's own pace on this database with nobody reading it
            Timings alone = new Timings();
            for (int i = 0; i < TIMED_BATCHES; i++) {
                long started = System.nanoTime();
                pipeline.processNext();
                alone.add(System.nanoTime() - started);
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
                List<ResultTable.Row> rows = new ArrayList<>();
                Timings alongside = new Timings();
                String size = String.format(Locale.ROOT, "%d producers x %d days, %d clients", producers, days, clients);
                rows.addAll(load(port, clients, seconds, out, serving, () -> {
                    long started = System.nanoTime();
                    pipeline.processNext();
                    alongside.add(System.nanoTime() - started);
                }, size));
                rows.add(coordinatorRow(size, alone, alongside));
                rows.add(coldDays(port, days, out, size));
                return rows;
            } finally {
                service.stop();
                serving.get(60, TimeUnit.SECONDS);
                server.shutdownNow();
            }
        }
    }

    /** A step of the coordinator, run during the load. */
    private interface BatchStep {
        void process() throws Exception;
    }

    private static ResultTable.Row coordinatorRow(String size, Timings alone, Timings alongside) {
        double slower = (alongside.p50() / alone.p50() - 1) * 100;
        return new ResultTable.Row("scores: coordinator batch alongside", size, ResultTable.ms(alongside.p50()),
                ResultTable.ms(alongside.max()), String.format(Locale.ROOT,
                        "%d batches; alone before the load: p50 %s, max %s; p50 %+.0f%%", alongside.count(),
                        ResultTable.ms(alone.p50()), ResultTable.ms(alone.max()), slower),
                HeapPeak.megabytes());
    }

    /**
     * Days nobody asked for yet, one request each and one at a time, after the load: every
     * batch of the day is scored again from all its stored submissions (the cache then holds it).
     */
    private static ResultTable.Row coldDays(int port, int days, PrintWriter out, String size) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        String base = "http://127.0.0.1:" + port;
        List<String> keys = listedKeys(http, base);
        Timings cold = new Timings();
        int failed = 0;
        int asked = Math.min(5, Math.max(1, days - 3));
        out.printf(Locale.ROOT, "scores: %d cold days of reasons...%n", asked);
        out.flush();
        for (int day = 0; day < asked; day++) {
            Instant from = SimulatedPeriod.START.plus(Duration.ofDays(day));
            String path = "/api/v1/producers/" + keys.get(day % keys.size()) + "/batches?from=" + from + "&to="
                    + from.plus(Duration.ofDays(1));
            long started = System.nanoTime();
            if (http.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() != 200) {
                failed++;
            }
            cold.add(System.nanoTime() - started);
        }
        return new ResultTable.Row("scores day of reasons, cold", size.replaceAll(", \\d+ clients", ", 1 client"),
                ResultTable.ms(cold.p50()), ResultTable.ms(cold.max()), String.format(Locale.ROOT,
                        "%d days never asked for (every batch scored again), %d not 200", cold.count(), failed),
                HeapPeak.megabytes());
    }

    private static List<ResultTable.Row> load(int port, int clients, int seconds, PrintWriter out,
            Future<Integer> serving, BatchStep coordinator, String size) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        String base = "http://127.0.0.1:" + port;
        awaitReady(http, base, serving);
        List<String> keys = listedKeys(http, base);
        // the API's default day: the 24 hours before the newest batch, which the service recounts ahead
        Instant newest = newestBatchEnd(http, base);
        Instant lastDay = newest.minus(Duration.ofDays(1));
        Map<Request, List<Timings>> timings = new ConcurrentHashMap<>();
        Map<Request, AtomicInteger> failures = new ConcurrentHashMap<>();
        for (Request kind : Request.values()) {
            failures.put(kind, new AtomicInteger());
        }
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        out.printf(Locale.ROOT, "scores: %d clients for %d s, the coordinator processing %d batches meanwhile...%n",
                clients, seconds, TIMED_BATCHES);
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
        // the coordinator's batches, spread over the load
        long pause = TimeUnit.SECONDS.toNanos(seconds) / (TIMED_BATCHES + 1);
        for (int i = 0; i < TIMED_BATCHES; i++) {
            TimeUnit.NANOSECONDS.sleep(Math.max(0, end - TimeUnit.SECONDS.toNanos(seconds) + (i + 1) * pause
                    - System.nanoTime())); // paced like a coordinator, not as fast as it can
            coordinator.process();
        }
        for (Future<?> client : running) {
            client.get();
        }
        pool.shutdown();
        List<ResultTable.Row> rows = new ArrayList<>();
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

    private static Instant newestBatchEnd(HttpClient http, String base) throws Exception {
        String body = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/leaderboard?limit=1")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = UPDATED_AT.matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("the leaderboard names no update time: " + body);
        }
        return Instant.parse(m.group(1));
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
