package org.minafoundation.uptime.support;

import com.datastax.oss.driver.api.core.CqlSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Cassandra 5.0 node in a child JVM (cassandra-all on its own classpath, copied by
 * the cassandra-server module into {@code cassandra.lib}), started once per test run and
 * stopped at JVM exit. It takes TLS connections only. It can be stopped and started again on
 * the same data, for outage tests.
 */
public final class CassandraNode {

    private static CassandraNode shared;

    private final Path directory;
    private final int cqlPort;
    private final int storagePort;
    private final SelfSignedCertificate certificate;
    private Process process;

    /** The node's superuser (PasswordAuthenticator's default). */
    public static final String USER = "cassandra";
    public static final String PASSWORD = "cassandra";

    private CassandraNode(Path directory) throws IOException {
        this.directory = directory;
        this.cqlPort = freePort();
        this.storagePort = freePort();
        this.certificate = SelfSignedCertificate.create(directory, "node");
        writeConfiguration();
    }

    /**
     * The node's self-signed certificate (PEM): clients connect over TLS only (the node
     * refuses plain connections), trusting this certificate.
     */
    public Path certificate() {
        return certificate.pem();
    }

    /** The node shared by every test of this run, started on first use. */
    public static synchronized CassandraNode shared() {
        if (shared == null) {
            try {
                shared = new CassandraNode(Files.createTempDirectory("cassandra-node"));
                shared.start();
                Runtime.getRuntime().addShutdownHook(new Thread(shared::stop));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shared;
    }

    public int cqlPort() {
        return cqlPort;
    }

    /** A TLS session as the superuser; retried while the node is still creating its default roles. */
    public CqlSession session() {
        Instant deadline = Instant.now().plusSeconds(60);
        while (true) {
            try {
                return CqlSession.builder().addContactPoint(new InetSocketAddress("127.0.0.1", cqlPort))
                        .withLocalDatacenter("datacenter1").withAuthCredentials(USER, PASSWORD)
                        .withSslContext(certificate.trustingIt()).build();
            } catch (RuntimeException notReady) {
                if (Instant.now().isAfter(deadline)) {
                    throw notReady;
                }
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw notReady;
                }
            }
        }
    }

    /** Starts the node, unless it runs already. */
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        Path lib = Path.of(System.getProperty("cassandra.lib", "../cassandra-server/target/lib")).toAbsolutePath();
        if (!Files.isDirectory(lib)) {
            throw new IllegalStateException("no Cassandra server jars in " + lib + ": build with the cassandra-server module");
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms256m", "-Xmx256m", "-Xss256k", "-XX:+UseG1GC", "-XX:+ExitOnOutOfMemoryError",
                "-XX:TieredStopAtLevel=1", "-Djdk.attach.allowAttachSelf=true",
                "-Dio.netty.tryReflectionSetAccessible=true", "-Djava.net.preferIPv4Stack=true",
                "-Dcassandra-foreground=yes",
                "-Dcassandra.config=" + directory.resolve("cassandra.yaml").toUri(),
                "-Dcassandra.storagedir=" + directory,
                "-Dlogback.configurationFile=" + directory.resolve("logback.xml"),
                "-Dcassandra.skip_wait_for_gossip_to_settle=0", "-Dcassandra.ring_delay_ms=0",
                "-Dcassandra.superuser_setup_delay_ms=0"));
        for (String export : List.of("java.base/jdk.internal.misc", "java.management.rmi/com.sun.jmx.remote.internal.rmi",
                "java.rmi/sun.rmi.registry", "java.rmi/sun.rmi.server", "java.sql/java.sql", "java.base/java.lang.ref",
                "jdk.unsupported/sun.misc", "jdk.attach/sun.tools.attach")) {
            command.add("--add-exports=" + export + "=ALL-UNNAMED");
        }
        for (String open : List.of("java.base/java.lang.module", "java.base/jdk.internal.loader",
                "java.base/jdk.internal.ref", "java.base/jdk.internal.reflect", "java.base/jdk.internal.math",
                "java.base/jdk.internal.module", "java.base/jdk.internal.util.jar", "java.base/sun.nio.ch",
                "java.base/java.io", "java.base/java.lang.reflect", "java.base/java.lang", "java.base/java.util",
                "jdk.management/com.sun.management.internal")) {
            command.add("--add-opens=" + open + "=ALL-UNNAMED");
        }
        command.addAll(List.of("-cp", lib + "/*", "org.apache.cassandra.service.CassandraDaemon"));
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(directory.resolve("cassandra.log").toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        awaitPort(Duration.ofSeconds(90));
    }

    /** Stops the node (SIGTERM, then kill after 20 s); its data stays for a restart. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    private void awaitPort(Duration limit) {
        Instant deadline = Instant.now().plus(limit);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Cassandra exited; see " + directory.resolve("cassandra.log"));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", cqlPort), 500);
                return;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
        throw new IllegalStateException("Cassandra did not open its CQL port within " + limit);
    }

    private void writeConfiguration() throws IOException {
        Files.writeString(directory.resolve("cassandra.yaml"), """
                cluster_name: uptime-test
                num_tokens: 1
                initial_token: 0
                partitioner: org.apache.cassandra.dht.Murmur3Partitioner
                commitlog_sync: periodic
                commitlog_sync_period: 10000ms
                commitlog_segment_size: 4MiB
                seed_provider:
                  - class_name: org.apache.cassandra.locator.SimpleSeedProvider
                    parameters:
                      - seeds: "127.0.0.1:%d"
                listen_address: 127.0.0.1
                rpc_address: 127.0.0.1
                storage_port: %d
                native_transport_port: %d
                start_native_transport: true
                endpoint_snitch: SimpleSnitch
                data_file_directories: [%s/data]
                commitlog_directory: %s/commitlog
                saved_caches_directory: %s/saved_caches
                hints_directory: %s/hints
                cdc_raw_directory: %s/cdc_raw
                concurrent_reads: 4
                concurrent_writes: 4
                concurrent_counter_writes: 4
                key_cache_size: 0MiB
                counter_cache_size: 0MiB
                authenticator: PasswordAuthenticator
                authorizer: AllowAllAuthorizer
                client_encryption_options:
                  enabled: true
                  optional: false
                  keystore: %s
                  keystore_password: %s
                  store_type: PKCS12
                """.formatted(storagePort, storagePort, cqlPort, directory, directory, directory, directory, directory,
                certificate.keystore(), certificate.password()));
        Files.writeString(directory.resolve("logback.xml"), """
                <configuration>
                  <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                    <encoder><pattern>%d %-5level %logger{20} - %msg%n</pattern></encoder>
                  </appender>
                  <root level="INFO"><appender-ref ref="OUT"/></root>
                </configuration>
                """);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
