package org.minafoundation.uptime.packaging;

import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.sun.tools.attach.VirtualMachine;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minafoundation.uptime.support.Cli;
import org.minafoundation.uptime.support.TestPostgres;

/**
 * The packaged coordinator with every secret setting given a recognisable value (some in the
 * environment, the rest in {@code .env}), Slack, S3 publication, the spreadsheet sync and
 * Cassandra all on, and the developer console served: no secret can be read on any page of
 * the console (also with the options that show more, and the pages that send to or read
 * from any endpoint), in any JMX attribute of the process, in the metrics, or in the log.
 */
class SecretsStayHiddenIT {

    private static final Path JAR = Path.of(System.getProperty("coordinator.jar", "target/uptime-coordinator.jar"));
    private static final String WEBHOOK_PATH = "/services/T0/B0/hook-SECRET-5";

    @TempDir
    Path folder;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final List<String> problems = new ArrayList<>();
    private WireMockServer slack;
    private Process coordinator;

    @AfterEach
    void stopAll() {
        if (coordinator != null) {
            coordinator.destroyForcibly();
        }
        if (slack != null) {
            slack.stop();
        }
    }

    @Test
    void noSecretOnAnyConsolePageJmxAttributeMetricOrLogLine() throws Exception {
        slack = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        slack.start();
        slack.stubFor(post(WEBHOOK_PATH).willReturn(ok("ok")));
        int port = freePort();
        int closed = freePort();
        RSAPrivateCrtKey key = (RSAPrivateCrtKey) KeyPairGenerator.getInstance("RSA").generateKeyPair().getPrivate();
        String keyBody = Base64.getEncoder().encodeToString(key.getEncoded());
        Path keyFile = folder.resolve("service-account.json");
        Files.writeString(keyFile, "{\"type\": \"service_account\", \"project_id\": \"uptime-test\","
                + " \"private_key_id\": \"gsa-SECRET-8\", \"private_key\": \"-----BEGIN PRIVATE KEY-----\\n"
                + String.join("\\n", keyBody.split("(?<=\\G.{64})")) + "\\n-----END PRIVATE KEY-----\\n\","
                + " \"client_email\": \"uptime@uptime-test.iam.gserviceaccount.com\", \"client_id\": \"1\","
                + " \"token_uri\": \"http://127.0.0.1:" + closed + "/token\"}");

        // the secrets, by setting: the environment holds two, .env the others
        Map<String, String> secrets = new LinkedHashMap<>();
        secrets.put("POSTGRES_PASSWORD", "pg-SECRET-1");
        secrets.put("WEBHOOK_URL", "http://127.0.0.1:" + slack.port() + WEBHOOK_PATH);
        secrets.put("POSTGRES_RO_PASSWORD", "ro-SECRET-6");
        secrets.put("CASSANDRA_PASSWORD", "cass-SECRET-2");
        secrets.put("AWS_ACCESS_KEY_ID", "AKIA-SECRET-3");
        secrets.put("AWS_SECRET_ACCESS_KEY", "aws-SECRET-4");
        secrets.put("AWS_SESSION_TOKEN", "aws-SECRET-7");
        Map<String, String> forbidden = new LinkedHashMap<>(secrets);
        forbidden.put("WEBHOOK_URL's token", "hook-SECRET-5");
        forbidden.put("the key's private_key_id", "gsa-SECRET-8");
        forbidden.put("the private key (a middle part)", keyBody.substring(keyBody.length() / 2, keyBody.length() / 2 + 40));
        forbidden.put("the private key's exponent", key.getPrivateExponent().toString());

        String database = TestPostgres.newDatabaseName();
        Map<String, String> env = TestPostgres.environment(database);
        env.put("POSTGRES_PASSWORD", secrets.get("POSTGRES_PASSWORD"));
        assertEquals(0, Cli.run(env, "create-database").exitCode());
        // a batch that is due at once: it reads Cassandra, which is not there, fails and waits to retry
        assertEquals(0, Cli.run(env, "init-database", "--batch-end-epoch",
                String.valueOf(Instant.now().getEpochSecond() - 3600)).exitCode());
        env.put("WEBHOOK_URL", secrets.get("WEBHOOK_URL"));
        env.putAll(Map.of("MANAGEMENT_PORT", String.valueOf(port), "DEV_CONSOLE", "1", "RETRY_COUNT", "5",
                "RETRY_DELAY_SECONDS", "3600"));
        StringBuilder dotEnv = new StringBuilder();
        for (String name : List.of("POSTGRES_RO_PASSWORD", "CASSANDRA_PASSWORD", "AWS_ACCESS_KEY_ID",
                "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN")) {
            dotEnv.append(name).append('=').append(secrets.get(name)).append('\n');
        }
        Map<String, String> others = new LinkedHashMap<>();
        others.put("POSTGRES_RO_USER", "reader");
        others.put("SUBMISSION_STORAGE", "CASSANDRA");
        others.put("CASSANDRA_HOST", "127.0.0.1");
        others.put("CASSANDRA_PORT", String.valueOf(closed));
        others.put("CASSANDRA_USERNAME", "uptime");
        others.put("AWS_KEYSPACE", "submissions");
        // from .env, AWS_REGION becomes the SDK's system property aws.region
        others.put("AWS_REGION", "us-east-1");
        others.put("SCORES_S3_URI", "s3://scores/scores.json");
        others.put("S3_ENDPOINT_URL", "http://127.0.0.1:" + closed);
        others.put("S3_FORCE_PATH_STYLE", "1");
        others.put("SPREADSHEET_ID", "sheet-1");
        others.put("SPREADSHEET_CREDENTIALS_JSON", keyFile.toString());
        others.forEach((name, value) -> dotEnv.append(name).append('=').append(value).append('\n'));
        Files.writeString(folder.resolve(".env"), dotEnv);

        Path log = folder.resolve("coordinator.log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toAbsolutePath().toString(), "run").directory(folder.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        coordinator = builder.start();
        // the first attempt has failed (an exception logged) and the coordinator waits to retry
        await().atMost(Duration.ofSeconds(180)).until(() -> {
            assertTrue(coordinator.isAlive(), () -> "the coordinator ended: " + read(log));
            return read(log).contains("retry 1 of 5");
        });

        Map<String, String> seen = new LinkedHashMap<>();
        // first (a plain GET of "send" runs the batch loop and holds the server): the options that
        // show more, and the consoles that send to or read from any endpoint (gone or not)
        String keyUri = "file:" + folder + "?fileName=service-account.json&noop=true";
        for (String probe : List.of(
                "bean?internal=true&nulls=true&properties=true",
                "properties?internal=true",
                "send?exchangePattern=InOut&endpoint=" + encode("bean:slack?method=getWebhookUrl"),
                "send?exchangePattern=InOut&poll=true&endpoint=" + encode(keyUri),
                "receive?enabled=true&endpoint=" + encode(keyUri),
                "receive?dump=true")) {
            seen.put("/q/dev/" + probe, get(port, "/q/dev/" + probe, "application/json"));
        }
        String index = get(port, "/q/dev", "text/plain");
        List<String> consoles = index.lines().map(line -> line.split(":", 2)[0].strip()).filter(id -> !id.isEmpty())
                .toList();
        assertTrue(consoles.containsAll(List.of("bean", "properties", "route", "endpoint", "system-properties")),
                "the console is served: " + index);
        seen.put("/q/dev", index);
        for (String id : consoles) {
            for (String accept : List.of("text/plain", "application/json")) {
                seen.put("/q/dev/" + id + " (" + accept + ")", get(port, "/q/dev/" + id, accept));
            }
        }
        assertTrue(seen.get("/q/dev/bean (text/plain)").contains("slack (class:"), "Slack is on: "
                + seen.get("/q/dev/bean (text/plain)"));
        seen.put("/observe/metrics", get(port, "/observe/metrics", "text/plain"));
        seen.put("/observe/health", get(port, "/observe/health", "application/json"));
        List<String> attributes = jmxAttributes(coordinator.pid());
        assertTrue(attributes.stream().anyMatch(a -> a.contains("org.apache.camel:context=uptime-coordinator")),
                "Camel's MBeans are there");
        assertTrue(attributes.stream().anyMatch(a -> a.contains("aws.region")), "system properties are read");
        for (String attribute : attributes) {
            seen.put("JMX " + attribute.substring(0, Math.min(150, attribute.length())), attribute);
        }

        coordinator.destroy();
        assertTrue(coordinator.waitFor(60, TimeUnit.SECONDS));
        seen.put("the log", read(log));

        seen.forEach((where, text) -> forbidden.forEach((what, value) -> {
            if (text.contains(value)) {
                problems.add(what + " in " + where);
            }
        }));
        assertEquals(List.of(), problems);
    }

    /** Every attribute of every MBean of the process, as "name attribute = value" (composite and tabular values spelt out). */
    private static List<String> jmxAttributes(long pid) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(String.valueOf(pid));
        String address;
        try {
            address = vm.startLocalManagementAgent();
        } finally {
            vm.detach();
        }
        List<String> attributes = new ArrayList<>();
        try (JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(address))) {
            MBeanServerConnection server = connector.getMBeanServerConnection();
            for (ObjectName name : server.queryNames(null, null)) {
                for (MBeanAttributeInfo attribute : server.getMBeanInfo(name).getAttributes()) {
                    Object value;
                    try {
                        value = server.getAttribute(name, attribute.getName());
                    } catch (Exception | LinkageError unreadable) {
                        value = "unreadable: " + unreadable;
                    }
                    String text = value instanceof Object[] array ? Arrays.deepToString(array) : String.valueOf(value);
                    attributes.add(name + " " + attribute.getName() + " = " + text);
                }
            }
        }
        assertTrue(attributes.size() > 1000 && !ManagementFactory.getRuntimeMXBean().getName().startsWith(pid + "@"),
                "the coordinator's own MBeans: " + attributes.size());
        return attributes;
    }

    /** The page's body; a page that does not answer within 20 s is a problem (a GET must not run the pipeline). */
    private String get(int port, String path, String accept) throws InterruptedException {
        // the whole answer, body included, within the limit (a request timeout covers only its headers)
        CompletableFuture<HttpResponse<String>> answer = http.sendAsync(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + path)).header("Accept", accept).build(),
                HttpResponse.BodyHandlers.ofString());
        try {
            return answer.get(20, TimeUnit.SECONDS).body();
        } catch (TimeoutException e) {
            answer.cancel(true);
            problems.add(path + " did not answer within 20 s");
            return "";
        } catch (ExecutionException notUpYet) {
            return "";
        }
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
