package org.minafoundation.uptime.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real S3-compatible server for the tests: S3Mock 3.12.0 forked from its Spring Boot
 * {@code -exec} jar (system property {@code s3mock.jar}, set by the build) on free ports,
 * ready once {@code GET /} answers 200. Objects are read back with plain HTTP GETs
 * (path-style, unsigned: S3Mock does not check signatures), independently of the code
 * under test. One per test class ({@link #perClass}); {@link #close()} stops the child process.
 */
public final class S3MockServer implements AutoCloseable, BeforeAllCallback, AfterAllCallback {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final String[] initialBuckets;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Process process;
    private int port;
    private Path root;
    private Path log;

    private S3MockServer(String[] initialBuckets) {
        this.initialBuckets = initialBuckets.clone();
    }

    /** Starts S3Mock with the given buckets already created. */
    public static S3MockServer start(String... initialBuckets) throws IOException, InterruptedException {
        S3MockServer server = new S3MockServer(initialBuckets);
        server.launch();
        return server;
    }

    /**
     * One server for a whole test class, started before its first test and stopped after its
     * last: {@code @RegisterExtension static final S3MockServer s3 = S3MockServer.perClass("bucket");}
     */
    public static S3MockServer perClass(String... initialBuckets) {
        return new S3MockServer(initialBuckets);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException, InterruptedException {
        launch();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (process != null) {
            close();
        }
    }

    private void launch() throws IOException, InterruptedException {
        Path jar = jar();
        port = freePort();
        int httpsPort = freePort();
        root = Files.createTempDirectory("s3mock-");
        log = root.resolveSibling(root.getFileName() + ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-jar", jar.toString(),
                "--com.adobe.testing.s3mock.httpPort=" + port,
                // --server.port is S3Mock's HTTPS port: give it a free one too
                "--server.port=" + httpsPort,
                "--com.adobe.testing.s3mock.domain.root=" + root,
                "--spring.main.banner-mode=off"));
        if (initialBuckets.length > 0) {
            command.add("--com.adobe.testing.s3mock.domain.initialBuckets=" + String.join(",", initialBuckets));
        }
        process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            awaitReady();
        } catch (IOException | InterruptedException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private static Path jar() {
        String configured = System.getProperty("s3mock.jar");
        List<Path> candidates = new ArrayList<>();
        if (configured != null) {
            candidates.add(Path.of(configured));
        }
        candidates.add(Path.of("target", "s3mock", "s3mock.jar"));
        candidates.add(Path.of(System.getProperty("user.home"), ".m2", "repository", "com", "adobe", "testing", "s3mock",
                "3.12.0", "s3mock-3.12.0-exec.jar"));
        return candidates.stream().filter(Files::isReadable).findFirst().orElseThrow(() -> new IllegalStateException(
                "S3Mock's exec jar not found (tried " + candidates + "); run mvn generate-test-resources"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    private void awaitReady() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        HttpRequest probe = HttpRequest.newBuilder(URI.create(endpoint() + "/")).timeout(Duration.ofSeconds(2)).GET().build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("S3Mock exited with " + process.exitValue() + ": " + tail());
            }
            try {
                if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            // polling interval for readiness, not an assertion
            process.waitFor(200, TimeUnit.MILLISECONDS);
        }
        throw new IllegalStateException("S3Mock not ready on port " + port + " after " + START_TIMEOUT + ": " + tail());
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    public int port() {
        return port;
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /**
     * The settings that point the coordinator at this server: endpoint override, path-style
     * access, a region and static keys (S3Mock accepts any).
     */
    public Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        env.put("S3_ENDPOINT_URL", endpoint());
        env.put("S3_FORCE_PATH_STYLE", "true");
        env.put("S3_REGION", "us-east-1");
        env.put("AWS_ACCESS_KEY_ID", "test-access-key");
        env.put("AWS_SECRET_ACCESS_KEY", "test-secret-key");
        return env;
    }

    /** The object's bytes, or empty when there is no such object. */
    public Optional<byte[]> get(String bucket, String key) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(objectUri(bucket, key)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            throw new IOException("GET " + bucket + "/" + key + ": HTTP " + response.statusCode());
        }
        return Optional.of(response.body());
    }

    /** The response headers of GET on the object (Content-Type, ETag...). */
    public Map<String, List<String>> headers(String bucket, String key) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(objectUri(bucket, key)).GET().build(), HttpResponse.BodyHandlers.discarding())
                .headers().map();
    }

    /** Every key under {@code prefix} in the bucket, sorted (ListObjectsV2; fine for test-sized buckets). */
    public List<String> keys(String bucket, String prefix) throws IOException, InterruptedException {
        URI uri = URI.create(endpoint() + "/" + bucket + "?list-type=2&prefix=" + prefix.replace("/", "%2F"));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("list " + bucket + ": HTTP " + response.statusCode() + " " + response.body());
        }
        List<String> keys = new ArrayList<>();
        Matcher m = Pattern.compile("<Key>([^<]*)</Key>").matcher(response.body());
        while (m.find()) {
            keys.add(m.group(1));
        }
        keys.sort(null);
        return keys;
    }

    private URI objectUri(String bucket, String key) {
        StringBuilder path = new StringBuilder(endpoint()).append('/').append(bucket);
        for (String segment : key.split("/")) {
            path.append('/').append(java.net.URLEncoder.encode(segment, java.nio.charset.StandardCharsets.UTF_8)
                    .replace("+", "%20"));
        }
        return URI.create(path.toString());
    }

    /** Stops the child (SIGTERM, then kill after 20 s) and removes its files. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        // S3Mock may remove its root itself on shutdown
        if (Files.exists(root)) {
            try (Stream<Path> files = Files.walk(root)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        log.toFile().delete();
    }
}
