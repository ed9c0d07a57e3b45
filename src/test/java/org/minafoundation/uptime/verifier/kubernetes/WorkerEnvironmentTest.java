package org.minafoundation.uptime.verifier.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.minafoundation.uptime.verifier.kubernetes.VerifierFixtures.settings;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.minafoundation.uptime.model.Batch;
import org.minafoundation.uptime.model.Slice;
import org.minafoundation.uptime.config.Settings;
import org.minafoundation.uptime.verifier.WorkerEnvironment;
import org.minafoundation.uptime.verifier.WorkerVariable;

/** The variables handed to each verifier run (SPEC §3), independent of how they are dispatched. */
class WorkerEnvironmentTest {

    private static final List<String> SPEC_VARIABLES = List.of("START_TIMESTAMP", "END_TIMESTAMP",
            "AWS_ROLE_SESSION_NAME", "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_S3_BUCKET", "AWS_KEYSPACE",
            "CASSANDRA_HOST", "CASSANDRA_PORT", "CASSANDRA_USERNAME", "CASSANDRA_PASSWORD", "SSL_CERTFILE",
            "AUTH_VOLUME_MOUNT_PATH", "NETWORK_NAME", "NO_CHECKS", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
            "SUBMISSION_STORAGE", "POSTGRES_HOST", "POSTGRES_DB", "POSTGRES_USER", "POSTGRES_PASSWORD", "POSTGRES_PORT");

    private static Map<String, WorkerVariable> variables(Settings settings, Slice slice, String run, String cassandra) {
        Map<String, WorkerVariable> byName = new LinkedHashMap<>();
        for (WorkerVariable variable : new WorkerEnvironment(settings).forSlice(slice, run, cassandra)) {
            assertNull(byName.put(variable.name(), variable), "duplicate " + variable.name());
        }
        return byName;
    }

    private static Map<String, String> values(Settings settings) {
        return variables(settings, VerifierFixtures.firstSlice(), "run-0", "10.0.0.1").values().stream()
                .collect(Collectors.toMap(WorkerVariable::name, WorkerVariable::value));
    }

    @Test
    void everySpecVariableInTheSpecOrder() {
        Map<String, WorkerVariable> vars = variables(settings(), VerifierFixtures.firstSlice(), "run-0", "10.0.0.1");

        assertEquals(SPEC_VARIABLES, List.copyOf(vars.keySet()));
    }

    @Test
    void exactlyThePasswordsAndKeysAreSecretAndKeyedByTheirOwnName() {
        Map<String, WorkerVariable> vars = variables(settings(), VerifierFixtures.firstSlice(), "run-0", "10.0.0.1");

        Set<String> secret = vars.values().stream().filter(WorkerVariable::isSecret).map(WorkerVariable::name)
                .collect(Collectors.toSet());
        assertEquals(Set.of("CASSANDRA_PASSWORD", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "POSTGRES_PASSWORD"), secret);
        for (String name : secret) {
            assertEquals(name, vars.get(name).secretKey());
        }
        assertEquals(VerifierFixtures.CASSANDRA_PASSWORD, vars.get("CASSANDRA_PASSWORD").value());
        assertEquals(VerifierFixtures.AWS_ACCESS_KEY_ID, vars.get("AWS_ACCESS_KEY_ID").value());
        assertEquals(VerifierFixtures.AWS_SECRET_ACCESS_KEY, vars.get("AWS_SECRET_ACCESS_KEY").value());
        assertEquals(VerifierFixtures.POSTGRES_PASSWORD, vars.get("POSTGRES_PASSWORD").value());
    }

    @Test
    void timestampsAreUtcWithOneTruncatedFractionalDigit() {
        // Appendix A: slice 0 = [15:35:47.630499, 15:36:17.630499), slice 9 ends at the batch end
        List<Slice> slices = VerifierFixtures.APPENDIX_A.slices();
        Map<String, String> first = values(slices.get(0));
        Map<String, String> second = values(slices.get(1));
        Map<String, String> last = values(slices.get(9));

        assertEquals("2023-11-06 15:35:47.6+0000", first.get("START_TIMESTAMP"));
        assertEquals("2023-11-06 15:36:17.6+0000", first.get("END_TIMESTAMP"));
        assertEquals("2023-11-06 15:36:17.6+0000", second.get("START_TIMESTAMP"));
        assertEquals("2023-11-06 15:36:47.6+0000", second.get("END_TIMESTAMP"));
        assertEquals("2023-11-06 15:40:17.6+0000", last.get("START_TIMESTAMP"));
        assertEquals("2023-11-06 15:40:47.6+0000", last.get("END_TIMESTAMP"));

        // truncated, not rounded; a whole second still shows its digit
        Batch batch = new Batch(Instant.parse("2023-11-06T23:59:59.999999Z"), Instant.parse("2023-11-07T00:20:00Z"), 1, 1);
        Map<String, String> edge = values(batch.slices().get(0));
        assertEquals("2023-11-06 23:59:59.9+0000", edge.get("START_TIMESTAMP"));
        assertEquals("2023-11-07 00:20:00.0+0000", edge.get("END_TIMESTAMP"));
    }

    private static Map<String, String> values(Slice slice) {
        return variables(settings(), slice, "run", "10.0.0.1").values().stream()
                .collect(Collectors.toMap(WorkerVariable::name, WorkerVariable::value));
    }

    @Test
    void runNameAndCassandraAddressAreTheOnesGiven() {
        Map<String, WorkerVariable> vars = variables(settings(), VerifierFixtures.firstSlice(),
                "delegation-verify-23-11-06-15-35-abcde-3", "192.168.7.8");

        assertEquals("delegation-verify-23-11-06-15-35-abcde-3", vars.get("AWS_ROLE_SESSION_NAME").value());
        assertEquals("192.168.7.8", vars.get("CASSANDRA_HOST").value());
    }

    @Test
    void defaultRegionIsTheRegionUnlessSetItself() {
        assertEquals("us-west-2", values(settings()).get("AWS_DEFAULT_REGION"));
        assertEquals("us-west-2", values(settings("AWS_DEFAULT_REGION", "")).get("AWS_DEFAULT_REGION"));
        assertEquals("eu-west-1", values(settings("AWS_DEFAULT_REGION", "eu-west-1")).get("AWS_DEFAULT_REGION"));
        assertEquals("us-west-2", values(settings("AWS_DEFAULT_REGION", "eu-west-1")).get("AWS_REGION"));
    }

    @Test
    void workerCertificateIsTheImagePathNotTheCoordinatorsFile() {
        assertEquals("/root/.cassandra/sf-class2-root.crt", values(settings()).get("SSL_CERTFILE"));
        assertEquals("/root/.cassandra/sf-class2-root.crt",
                values(settings("SSL_CERTFILE", "/etc/coordinator/keyspaces.crt")).get("SSL_CERTFILE"));
        assertEquals(WorkerEnvironment.WORKER_CERTIFICATE, values(settings()).get("SSL_CERTFILE"));
    }

    @Test
    void noChecksIsPassedThrough() {
        assertEquals("", values(settings()).get("NO_CHECKS"));
        assertEquals("1", values(settings("NO_CHECKS", "1")).get("NO_CHECKS"));
        assertEquals("1", values(settings("NO_CHECKS", "true")).get("NO_CHECKS"));
        assertEquals("", values(settings("NO_CHECKS", "0")).get("NO_CHECKS"));
    }

    @Test
    void storageAndDatabaseSettingsAndTheirDefaults() {
        Map<String, String> cassandra = values(settings("SUBMISSION_STORAGE", "cassandra", "CASSANDRA_PORT", null));
        assertEquals("CASSANDRA", cassandra.get("SUBMISSION_STORAGE"));
        assertEquals("9142", cassandra.get("CASSANDRA_PORT"));
        assertEquals("bpu_integration_dev", cassandra.get("AWS_KEYSPACE"));

        Map<String, String> postgres = values(settings("POSTGRES_PORT", null));
        assertEquals("POSTGRES", postgres.get("SUBMISSION_STORAGE"));
        assertEquals("5432", postgres.get("POSTGRES_PORT"));
        assertEquals("db.delegation.internal", postgres.get("POSTGRES_HOST"));
        assertEquals("delegation_program", postgres.get("POSTGRES_DB"));
        assertEquals("coordinator", postgres.get("POSTGRES_USER"));
    }

    @Test
    void unsetValuesAreEmptyNeverNull() {
        Map<String, String> env = new java.util.HashMap<>();
        env.put("VERIFIER_MODE", "kubernetes");
        env.put("WORKER_IMAGE", "delegation-verify");
        env.put("WORKER_TAG", "1.0.0");
        Map<String, WorkerVariable> vars = variables(Settings.from(env), VerifierFixtures.firstSlice(), "run-0", "0.0.0.0");

        assertEquals(SPEC_VARIABLES, List.copyOf(vars.keySet()));
        for (WorkerVariable var : vars.values()) {
            assertTrue(var.value() != null, var.name() + " is null");
        }
        for (String name : List.of("AWS_REGION", "AWS_DEFAULT_REGION", "AWS_S3_BUCKET", "AWS_KEYSPACE",
                "CASSANDRA_USERNAME", "CASSANDRA_PASSWORD", "NETWORK_NAME",
                "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "POSTGRES_HOST", "POSTGRES_PASSWORD")) {
            assertEquals("", vars.get(name).value(), name);
        }
        assertEquals("0.0.0.0", vars.get("CASSANDRA_HOST").value());
        // a Job needs a mount path: Kubernetes mode defaults it to the reference chart's folder
        assertEquals("/var/mina-delegation-verify-auth", vars.get("AUTH_VOLUME_MOUNT_PATH").value());
        assertFalse(vars.get("POSTGRES_DB").value().isEmpty());
    }
}
