package org.minafoundation.uptime.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.minafoundation.uptime.model.Slice;
import org.minafoundation.uptime.config.Settings;

/** The command lines of VERIFIER_MODE=local (SPEC §3 "Local"), as built, before anything runs. */
class LocalVerifierCommandTest {

    /** SSL_CERTFILE must name a readable file where this coordinator runs. */
    private static final String CERTIFICATE = certificate();

    private static String certificate() {
        try {
            Path file = Files.createTempFile("keyspaces", ".crt");
            file.toFile().deleteOnExit();
            return file.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static final String PG_SECRET = "pg-Secret-4711";
    static final String AWS_KEY_ID = "AKIAEXAMPLEKEYID";
    static final String AWS_SECRET = "aws/Secret+Key-0815";
    static final String CASSANDRA_SECRET = "cass-Secret-2323";

    /** The variables SPEC §3 lists for the worker. */
    static final Set<String> WORKER_VARIABLES = Set.of("START_TIMESTAMP", "END_TIMESTAMP", "AWS_ROLE_SESSION_NAME",
            "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_S3_BUCKET", "AWS_KEYSPACE", "CASSANDRA_HOST", "CASSANDRA_PORT",
            "CASSANDRA_USERNAME", "CASSANDRA_PASSWORD", "SSL_CERTFILE", "AUTH_VOLUME_MOUNT_PATH", "NETWORK_NAME",
            "NO_CHECKS", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "SUBMISSION_STORAGE", "POSTGRES_HOST",
            "POSTGRES_DB", "POSTGRES_USER", "POSTGRES_PASSWORD", "POSTGRES_PORT");

    /** 2024-03-01 00:04:00.678 to 00:08:00 UTC: the start has sub-second digits, shown truncated to one. */
    static final Slice SLICE = new Slice(2, Instant.parse("2024-03-01T00:04:00.678Z"), Instant.parse("2024-03-01T00:08:00Z"));
    static final Clock CLOCK = Clock.fixed(Instant.parse("2024-03-01T00:22:31Z"), ZoneOffset.UTC);

    static Map<String, String> baseEnvironment() {
        Map<String, String> env = new HashMap<>();
        env.put("VERIFIER_MODE", "local");
        env.put("POSTGRES_HOST", "db.internal");
        env.put("POSTGRES_PORT", "5433");
        env.put("POSTGRES_DB", "delegation");
        env.put("POSTGRES_USER", "coordinator");
        env.put("POSTGRES_PASSWORD", PG_SECRET);
        env.put("AWS_ACCESS_KEY_ID", AWS_KEY_ID);
        env.put("AWS_SECRET_ACCESS_KEY", AWS_SECRET);
        env.put("AWS_REGION", "us-west-2");
        env.put("AWS_S3_BUCKET", "mina-blocks");
        env.put("CASSANDRA_USERNAME", "cassie");
        env.put("CASSANDRA_PASSWORD", CASSANDRA_SECRET);
        env.put("NETWORK_NAME", "mainnet");
        env.put("NO_CHECKS", "1");
        return env;
    }

    static LocalVerifierCommand build(Map<String, String> env, Map<String, String> inherited) throws Exception {
        Settings settings = Settings.from(env);
        // CASSANDRA_HOST as the dispatch resolved it, without a real DNS look-up
        CassandraAddress cassandra = new CassandraAddress(host -> "10.1.2.3", 1, 0);
        LocalVerifier verifier = new LocalVerifier(settings, new WorkerEnvironment(settings), cassandra, CLOCK);
        LocalVerifierCommand command = verifier.command(SLICE, verifier.runName(SLICE), inherited);
        assertEquals("local-verifier-24-03-01-00-22-2", verifier.runName(SLICE));
        return command;
    }

    static Map<String, String> dockerEnvironment() {
        Map<String, String> env = baseEnvironment();
        env.put("WORKER_IMAGE", "gcr.io/o1labs/delegation-verify");
        env.put("WORKER_TAG", "2.0.1");
        env.put("SSL_CERTFILE", CERTIFICATE);
        env.put("CASSANDRA_HOST", "cassandra.us-west-2.amazonaws.com");
        return env;
    }

    @Test
    void dockerRunIsTheReferenceCommandWithEveryVariablePassedByName() throws Exception {
        LocalVerifierCommand command = build(dockerEnvironment(), Map.of());
        List<String> args = command.arguments();

        String container = command.container().orElseThrow();
        assertTrue(container.startsWith("local-verifier-24-03-01-00-22-2-"), container);
        assertEquals(List.of("docker", "run", "--network", "host", "--rm", "--name", container,
                "-v", CERTIFICATE + ":/var/ssl/ssl-cert.crt"), args.subList(0, 9));
        assertEquals(List.of("gcr.io/o1labs/delegation-verify:2.0.1", "2024-03-01 00:04:00.6+0000", "2024-03-01 00:08:00.0+0000"),
                args.subList(args.size() - 3, args.size()), "image:tag, then the two timestamps last");

        List<String> middle = args.subList(9, args.size() - 3);
        assertEquals(0, middle.size() % 2);
        Set<String> passed = new LinkedHashSet<>();
        for (int i = 0; i < middle.size(); i += 2) {
            assertEquals("-e", middle.get(i), "every variable as -e NAME: " + middle);
            assertFalse(middle.get(i + 1).contains("="), "by name, the value stays out of the command line: " + middle.get(i + 1));
            passed.add(middle.get(i + 1));
        }
        assertEquals(WORKER_VARIABLES, passed);

        Map<String, String> values = command.variables();
        assertEquals(WORKER_VARIABLES, values.keySet(), "each name passed has its value in the docker client's environment");
        assertEquals("/var/ssl/ssl-cert.crt", values.get("SSL_CERTFILE"), "the certificate where it is mounted");
        assertEquals("10.1.2.3", values.get("CASSANDRA_HOST"), "the resolved address");
        assertEquals("2024-03-01 00:04:00.6+0000", values.get("START_TIMESTAMP"));
        assertEquals("2024-03-01 00:08:00.0+0000", values.get("END_TIMESTAMP"));
        assertEquals("local-verifier-24-03-01-00-22-2", values.get("AWS_ROLE_SESSION_NAME"));
        assertEquals(PG_SECRET, values.get("POSTGRES_PASSWORD"));
        assertEquals(AWS_SECRET, values.get("AWS_SECRET_ACCESS_KEY"));
        assertEquals("1", values.get("NO_CHECKS"));
        assertEquals("us-west-2", values.get("AWS_DEFAULT_REGION"));

        String logged = command.describe();
        assertTrue(logged.contains("\"2024-03-01 00:04:00.6+0000\" \"2024-03-01 00:08:00.0+0000\""), logged);
        assertTrue(logged.contains("-e POSTGRES_PASSWORD"), logged);
        assertNoSecret(logged);
        command.arguments().forEach(LocalVerifierCommandTest::assertNoSecret);
    }

    @Test
    void temporaryKeysReachTheVerifierWithTheirSessionTokenByName() throws Exception {
        Map<String, String> env = dockerEnvironment();
        env.put("AWS_SESSION_TOKEN", "aws-Session-Token-42");
        LocalVerifierCommand command = build(env, Map.of());

        Set<String> expected = new HashSet<>(WORKER_VARIABLES);
        expected.add("AWS_SESSION_TOKEN");
        assertEquals(expected, command.variables().keySet());
        assertEquals("aws-Session-Token-42", command.variables().get("AWS_SESSION_TOKEN"));
        assertTrue(command.arguments().contains("AWS_SESSION_TOKEN"), "passed by name: " + command.describe());
        assertFalse(command.describe().contains("aws-Session-Token-42"), command.describe());
    }

    @Test
    void dockerRunWithoutCertificateMountsNothingAndKeepsTheImageCertificatePath() throws Exception {
        Map<String, String> env = dockerEnvironment();
        env.remove("SSL_CERTFILE");
        LocalVerifierCommand command = build(env, Map.of());

        assertFalse(command.arguments().contains("-v"), command.describe());
        assertEquals(WorkerEnvironment.WORKER_CERTIFICATE, command.variables().get("SSL_CERTFILE"));
    }

    @Test
    void postgresSslModeOfTheCoordinatorIsPassedThroughAsTheReferenceDoes() throws Exception {
        List<String> args = build(dockerEnvironment(), Map.of("POSTGRES_SSLMODE", "require")).arguments();
        int image = args.indexOf("gcr.io/o1labs/delegation-verify:2.0.1");
        assertEquals(List.of("-e", "POSTGRES_SSLMODE"), args.subList(image - 2, image));

        assertFalse(build(dockerEnvironment(), Map.of()).arguments().contains("POSTGRES_SSLMODE"));
    }

    @Test
    void verifierCommandGetsTheTimestampsLastAndEveryVariableInItsEnvironment() throws Exception {
        Map<String, String> env = baseEnvironment();
        env.put("VERIFIER_COMMAND", "  /opt/mina/submission_updater   --network mainnet\t--verbose ");
        env.put("SSL_CERTFILE", CERTIFICATE);
        LocalVerifierCommand command = build(env, Map.of());

        assertEquals(List.of("/opt/mina/submission_updater", "--network", "mainnet", "--verbose",
                "2024-03-01 00:04:00.6+0000", "2024-03-01 00:08:00.0+0000"), command.arguments());
        assertTrue(command.container().isEmpty());
        Map<String, String> values = command.variables();
        assertEquals(WORKER_VARIABLES, values.keySet());
        assertEquals(PG_SECRET, values.get("POSTGRES_PASSWORD"), "plain values, secrets too: a local process");
        assertEquals(AWS_KEY_ID, values.get("AWS_ACCESS_KEY_ID"));
        assertEquals(CASSANDRA_SECRET, values.get("CASSANDRA_PASSWORD"));
        assertEquals("db.internal", values.get("POSTGRES_HOST"));
        assertEquals("5433", values.get("POSTGRES_PORT"));
        assertEquals(CERTIFICATE, values.get("SSL_CERTFILE"), "a local process reads the local file");

        String logged = command.describe();
        assertEquals("/opt/mina/submission_updater --network mainnet --verbose"
                + " \"2024-03-01 00:04:00.6+0000\" \"2024-03-01 00:08:00.0+0000\"", logged);
    }

    @Test
    void aSecretWrittenIntoVerifierCommandIsMaskedInTheLoggedCommand() throws Exception {
        Map<String, String> env = baseEnvironment();
        env.put("VERIFIER_COMMAND", "/opt/verify --password " + PG_SECRET);
        LocalVerifierCommand command = build(env, Map.of());

        assertTrue(command.arguments().contains(PG_SECRET), "the process gets what the operator wrote");
        assertTrue(command.describe().contains("--password ****"), command.describe());
        assertNoSecret(command.describe());
    }

    @Test
    void emptyValuesAreRemovedFromTheChildEnvironmentOthersSet() throws Exception {
        Map<String, String> env = baseEnvironment();
        env.put("VERIFIER_COMMAND", "/opt/verify");
        env.remove("NO_CHECKS");
        env.remove("AWS_S3_BUCKET");
        LocalVerifierCommand command = build(env, Map.of());

        Map<String, String> child = new HashMap<>(Map.of("NO_CHECKS", "1", "AWS_S3_BUCKET", "stale", "PATH", "/usr/bin",
                "POSTGRES_PASSWORD", "old", "WEBHOOK_URL", "https://hooks.slack.com/services/T/B/secret",
                "POSTGRES_RO_PASSWORD", "ro-secret"));
        command.applyTo(child);

        assertFalse(child.containsKey("WEBHOOK_URL") || child.containsKey("POSTGRES_RO_PASSWORD"),
                "the coordinator's own secrets are not the verifier's");
        assertFalse(child.containsKey("NO_CHECKS"), "unset, as in a pod, not an empty string");
        assertFalse(child.containsKey("AWS_S3_BUCKET"));
        assertEquals("/usr/bin", child.get("PATH"), "the coordinator's own environment stays");
        assertEquals(PG_SECRET, child.get("POSTGRES_PASSWORD"));
        assertEquals("0.0.0.0", child.get("CASSANDRA_HOST"),
                "CASSANDRA_HOST resolved from nothing is the reference's 0.0.0.0");
    }

    @Test
    void maskHidesTheLongerOfTwoOverlappingSecretsWhole() {
        assertEquals("a **** b ****", LocalVerifierCommand.mask("a abcdef b abc", List.of("abc", "abcdef")));
    }

    static void assertNoSecret(String text) {
        for (String secret : List.of(PG_SECRET, AWS_KEY_ID, AWS_SECRET, CASSANDRA_SECRET)) {
            assertFalse(text.contains(secret), "a secret in: " + text);
        }
    }
}
