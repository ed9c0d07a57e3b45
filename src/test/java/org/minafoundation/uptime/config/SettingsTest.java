package org.minafoundation.uptime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Settings.from: the defaults of SPEC §11, empty = default, and every kind of bad value named. */
class SettingsTest {

    /** The smallest environment that starts: verification off, everything else default. */
    static Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>();
        env.put("VERIFIER_MODE", "none");
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    @Test
    void defaults() {
        Settings s = Settings.from(env());
        assertEquals(20, s.batch().surveyIntervalMinutes());
        assertEquals(5, s.batch().miniBatchNumber());
        assertEquals(90, s.batch().uptimeDaysForScore());
        assertEquals(3, s.batch().retryCount());
        assertEquals(SubmissionStorage.POSTGRES, s.submissionStorage());
        assertTrue(s.postgres().embedded());
        assertEquals(5432, s.postgres().port());
        assertEquals("postgres", s.postgres().database());
        assertEquals("postgres", s.postgres().user());
        assertFalse(s.postgres().password().isSet());
        assertEquals(Path.of("data/postgres"), s.postgres().embeddedDirectory());
        assertEquals(VerifierMode.NONE, s.worker().mode());
        assertFalse(s.worker().noChecks());
        assertFalse(s.applicationStatus().ignore());
        assertEquals(Optional.empty(), s.routesDirectory());
    }

    @Test
    void valuesAreRead() {
        Settings s = Settings.from(env("SURVEY_INTERVAL_MINUTES", "30", "MINI_BATCH_NUMBER", "7",
                "UPTIME_DAYS_FOR_SCORE", " 60 ", "RETRY_COUNT", "0", "POSTGRES_HOST", "db.example",
                "POSTGRES_PORT", "6543", "POSTGRES_DB", "delegation", "POSTGRES_USER", "coordinator",
                "NO_CHECKS", "TRUE", "IGNORE_APPLICATION_STATUS", "1"));
        assertEquals(30, s.batch().surveyIntervalMinutes());
        assertEquals(7, s.batch().miniBatchNumber());
        assertEquals(60, s.batch().uptimeDaysForScore());
        assertEquals(0, s.batch().retryCount());
        assertFalse(s.postgres().embedded());
        assertEquals(Optional.of("db.example"), s.postgres().host());
        assertEquals(6543, s.postgres().port());
        assertEquals("delegation", s.postgres().database());
        assertEquals("coordinator", s.postgres().user());
        assertTrue(s.worker().noChecks());
        assertTrue(s.applicationStatus().ignore());
    }

    @Test
    void emptyValueMeansDefault() {
        Settings s = Settings.from(env("SURVEY_INTERVAL_MINUTES", "", "MINI_BATCH_NUMBER", "  ",
                "SUBMISSION_STORAGE", "", "POSTGRES_HOST", "", "NO_CHECKS", "", "EMBEDDED_POSTGRES_DIR", ""));
        assertEquals(20, s.batch().surveyIntervalMinutes());
        assertEquals(5, s.batch().miniBatchNumber());
        assertEquals(SubmissionStorage.POSTGRES, s.submissionStorage());
        assertTrue(s.postgres().embedded());
        assertFalse(s.worker().noChecks());
        assertEquals(Path.of("data/postgres"), s.postgres().embeddedDirectory());
    }

    @Test
    void verifierModeDefaultsToKubernetesWhichNeedsTheWorkerImage() {
        Map<String, String> env = env();
        env.remove("VERIFIER_MODE");
        SettingException noImage = assertThrows(SettingException.class, () -> Settings.from(env));
        assertEquals("WORKER_IMAGE", noImage.variable());
        assertTrue(noImage.getMessage().contains("WORKER_IMAGE"), noImage.getMessage());

        env.put("WORKER_IMAGE", "delegation-verify");
        SettingException noTag = assertThrows(SettingException.class, () -> Settings.from(env));
        assertEquals("WORKER_TAG", noTag.variable());

        env.put("WORKER_TAG", "1.2.3");
        Settings s = Settings.from(env);
        assertEquals(VerifierMode.KUBERNETES, s.worker().mode());
        assertEquals(Optional.of("delegation-verify"), s.worker().image());
        assertEquals(Optional.of("1.2.3"), s.worker().tag());
    }

    @Test
    void testEnvironmentRunsTheVerifierLocally() {
        Map<String, String> env = env("TEST_ENV", "1", "WORKER_IMAGE", "img", "WORKER_TAG", "tag");
        env.remove("VERIFIER_MODE");
        Settings s = Settings.from(env);
        assertEquals(VerifierMode.LOCAL, s.worker().mode());
        assertTrue(s.worker().testEnvironment());
    }

    @Test
    void simulatedModeNeedsNoWorkerImageAndReadsTheSeed() {
        Settings s = Settings.from(env("VERIFIER_MODE", "simulated", "SIMULATION_SEED", "-42"));
        assertEquals(VerifierMode.SIMULATED, s.worker().mode());
        assertEquals(-42L, s.worker().simulationSeed());
        assertEquals(Optional.empty(), s.worker().image());
        assertEquals(1L, Settings.from(env("VERIFIER_MODE", "Simulated")).worker().simulationSeed());
        assertEquals(1L, Settings.from(env("SIMULATION_SEED", "")).worker().simulationSeed());
    }

    @Test
    void simulatedModeNeedsPostgresStorage() {
        SettingException e = assertThrows(SettingException.class, () -> Settings.from(env("VERIFIER_MODE", "simulated",
                "SUBMISSION_STORAGE", "cassandra", "CASSANDRA_HOST", "cassandra.example", "AWS_KEYSPACE", "bpu")));
        assertEquals("VERIFIER_MODE", e.variable());
        assertTrue(e.getMessage().startsWith("VERIFIER_MODE: 'simulated' needs SUBMISSION_STORAGE=POSTGRES"),
                e.getMessage());
    }

    @Test
    void storageIsCaseInsensitiveAndCassandraGetsItsHostAndKeyspace() {
        Settings s = Settings.from(env("SUBMISSION_STORAGE", "cassandra", "CASSANDRA_HOST", "cassandra.example",
                "AWS_KEYSPACE", "bpu", "CASSANDRA_PORT", "9042"));
        assertEquals(SubmissionStorage.CASSANDRA, s.submissionStorage());
        assertEquals(Optional.of("cassandra.example"), s.cassandra().host());
        assertEquals(9042, s.cassandra().port());
        assertEquals(Optional.of("bpu"), s.cassandra().keyspace());
        assertEquals(SubmissionStorage.POSTGRES, Settings.from(env("SUBMISSION_STORAGE", "Postgres")).submissionStorage());
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "SURVEY_INTERVAL_MINUTES   | abc",
        "SURVEY_INTERVAL_MINUTES   | 0",
        "MINI_BATCH_NUMBER         | -1",
        "MINI_BATCH_NUMBER         | 2.5",
        "UPTIME_DAYS_FOR_SCORE     | ninety",
        "RETRY_COUNT               | -1",
        "RETRY_DELAY_SECONDS       | soon",
        "POSTGRES_PORT             | 99999999999",
        "POSTGRES_PORT             | -5432",
        "CASSANDRA_PORT            | x9142",
        "SPREAD_MAX_SKEW           | 0",
        "WORKER_TTL_SECONDS_AFTER_FINISHED | -1",
        "ALARM_ZK_LOWER_LIMIT_SEC  | fast",
        "SUBMISSION_STORAGE        | mysql",
        "VERIFIER_MODE             | docker",
        "SIMULATION_SEED           | seven",
        "SIMULATION_SEED           | 1.5",
        "NO_CHECKS                 | maybe",
        "TEST_ENV                  | perhaps",
        "IGNORE_APPLICATION_STATUS | 2",
        "POSTGRES_PORT             | 70000",
        "MANAGEMENT_PORT           | 65536",
        "ALARM_ZK_UPPER_LIMIT_SEC  | NaN",
        "ALARM_ZK_LOWER_LIMIT_SEC  | Infinity",
        "IMAGE_PULL_POLICY         | always",
        "WORKER_CPU_REQUEST        | half",
        "WORKER_MEMORY_LIMIT       | 2 GB",
        "WORKER_MEMORY_REQUEST     | 1GiB",
    })
    void badValueNamesTheVariableAndTheValue(String variable, String value) {
        SettingException e = assertThrows(SettingException.class, () -> Settings.from(env(variable, value)));
        assertEquals(variable, e.variable());
        assertTrue(e.getMessage().contains(variable), e.getMessage());
        assertTrue(e.getMessage().contains("'" + value + "'"), e.getMessage());
    }

    @Test
    void kubernetesQuantitiesAndPullPoliciesAsKubernetesSpellsThem() {
        VerifierJobSettings job = Settings.from(env("WORKER_CPU_REQUEST", "500m", "WORKER_CPU_LIMIT", "1.5",
                "WORKER_MEMORY_REQUEST", "1Gi", "WORKER_MEMORY_LIMIT", "4e9", "IMAGE_PULL_POLICY", "Always")).worker().job();

        assertEquals(Optional.of("500m"), job.requests().cpu());
        assertEquals(Optional.of("1.5"), job.limits().cpu());
        assertEquals(Optional.of("1Gi"), job.requests().memory());
        assertEquals(Optional.of("4e9"), job.limits().memory());
        assertEquals("Always", job.imagePullPolicy());
    }

    @Test
    void aJobTtlShorterThanTwoPollsIsRefused() {
        String[] kubernetes = {"VERIFIER_MODE", "kubernetes", "WORKER_IMAGE", "img", "WORKER_TAG", "1"};
        for (String ttl : new String[] {"0", "19"}) {
            SettingException e = assertThrows(SettingException.class,
                    () -> Settings.from(with(env(kubernetes), "WORKER_TTL_SECONDS_AFTER_FINISHED", ttl)));
            assertEquals("WORKER_TTL_SECONDS_AFTER_FINISHED", e.variable());
            assertTrue(e.getMessage().contains("'" + ttl + "'") && e.getMessage().contains("at least 20"), e.getMessage());
        }
        assertEquals(Optional.of(20), Settings.from(with(env(kubernetes), "WORKER_TTL_SECONDS_AFTER_FINISHED", "20"))
                .worker().job().ttlSecondsAfterFinished());
        assertEquals(Optional.of(2), Settings.from(with(env(kubernetes), "WORKER_TTL_SECONDS_AFTER_FINISHED", "2",
                "JOB_POLL_SECONDS", "1")).worker().job().ttlSecondsAfterFinished());
    }

    @Test
    void aCertificateThisCoordinatorReadsMustBeAReadableFile(@TempDir Path temp) throws Exception {
        String missing = temp.resolve("sf-class2-root.crt").toString();
        Map<String, String> cassandra = env("SUBMISSION_STORAGE", "cassandra", "CASSANDRA_HOST", "cassandra.example",
                "AWS_KEYSPACE", "bpu", "SSL_CERTFILE", missing);
        SettingException e = assertThrows(SettingException.class, () -> Settings.from(cassandra));
        assertEquals("SSL_CERTFILE", e.variable());
        assertTrue(e.getMessage().contains(missing) && e.getMessage().contains("not a readable file"), e.getMessage());

        // With Postgres storage and Jobs the path is the verifier's (inside its own container).
        assertEquals(Optional.of(missing), Settings.from(env("VERIFIER_MODE", "kubernetes", "WORKER_IMAGE", "img",
                "WORKER_TAG", "1", "SSL_CERTFILE", missing)).worker().sslCertFile());

        Files.writeString(temp.resolve("sf-class2-root.crt"), "-----BEGIN CERTIFICATE-----\n");
        assertEquals(Optional.of(missing), Settings.from(cassandra).worker().sslCertFile());
    }

    @Test
    void aKubeconfigIsCheckedOnlyWhereJobsAreCreated(@TempDir Path temp) {
        String stale = temp.resolve("gone/config").toString();
        for (String mode : List.of("none", "local", "simulated")) {
            assertEquals(Optional.of(Path.of(stale)), Settings.from(env("VERIFIER_MODE", mode, "WORKER_IMAGE", "img",
                    "WORKER_TAG", "1", "KUBECONFIG", stale)).worker().kubernetes().kubeconfig(), mode);
        }
        SettingException e = assertThrows(SettingException.class, () -> Settings.from(env("VERIFIER_MODE", "kubernetes",
                "WORKER_IMAGE", "img", "WORKER_TAG", "1", "KUBECONFIG", stale)));
        assertEquals("KUBECONFIG", e.variable());
    }

    @Test
    void aKeyGivenInsteadOfItsPathIsRefusedWithoutBeingShown() {
        String key = "{\"type\": \"service_account\", \"private_key\": \"-----BEGIN PRIVATE KEY-----\\nMIIEv\"}";
        SettingException e = assertThrows(SettingException.class,
                () -> Settings.from(env("SPREADSHEET_NAME", "applications", "SPREADSHEET_CREDENTIALS_JSON", key)));

        assertEquals("SPREADSHEET_CREDENTIALS_JSON", e.variable());
        assertTrue(e.getMessage().contains("not the path"), e.getMessage());
        assertFalse(e.getMessage().contains("PRIVATE KEY") || e.getMessage().contains("service_account"), e.getMessage());
    }

    private static Map<String, String> with(Map<String, String> env, String... pairs) {
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    @ParameterizedTest(name = "{0} missing")
    @CsvSource(delimiter = '|', value = {
        "CASSANDRA_HOST | SUBMISSION_STORAGE=CASSANDRA,AWS_KEYSPACE=bpu",
        "AWS_KEYSPACE   | SUBMISSION_STORAGE=cassandra,CASSANDRA_HOST=cassandra.example",
        "POSTGRES_DB    | POSTGRES_HOST=db.example,POSTGRES_USER=coordinator",
        "POSTGRES_USER  | POSTGRES_HOST=db.example,POSTGRES_DB=delegation",
        "WORKER_TAG     | VERIFIER_MODE=local,WORKER_IMAGE=img",
    })
    void missingRequiredVariableIsNamedWithTheReason(String missing, String assignments) {
        Map<String, String> env = env();
        for (String assignment : assignments.split(",")) {
            String[] pair = assignment.split("=");
            env.put(pair[0], pair[1]);
        }
        SettingException e = assertThrows(SettingException.class, () -> Settings.from(env));
        assertEquals(missing, e.variable());
        assertTrue(e.getMessage().startsWith(missing + ": is required when "), e.getMessage());
    }

    @Test
    void routesDirectoryMustBeAFolder(@TempDir Path temp) throws Exception {
        assertEquals(Optional.of(temp), Settings.from(env("ROUTES_DIR", temp.toString())).routesDirectory());

        Path file = Files.writeString(temp.resolve("routes.yaml"), "- route: {}\n");
        Path missing = temp.resolve("no-such-folder");
        for (Path notAFolder : new Path[] {file, missing}) {
            SettingException e = assertThrows(SettingException.class,
                    () -> Settings.from(env("ROUTES_DIR", notAFolder.toString())));
            assertEquals("ROUTES_DIR", e.variable());
            assertTrue(e.getMessage().contains("ROUTES_DIR") && e.getMessage().contains(notAFolder.toString()), e.getMessage());
        }
    }
}
