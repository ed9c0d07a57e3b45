package org.minafoundation.uptime.verifier.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.apache.camel.component.kubernetes.KubernetesConstants;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.minafoundation.uptime.model.Slice;
import org.minafoundation.uptime.config.Settings;
import org.minafoundation.uptime.metrics.CoordinatorMetrics;
import org.minafoundation.uptime.verifier.CassandraAddress;
import org.minafoundation.uptime.verifier.VerifierJobSpec;
import org.minafoundation.uptime.verifier.VerifierJobs;
import org.minafoundation.uptime.verifier.WorkerEnvironment;

/**
 * Job names: the reference's {@code delegation-verify-<yy-MM-dd-HH-mm>-<index>}, plus a
 * random suffix so that a batch retried within the same minute never reuses a name.
 */
class VerifierJobNamesTest {

    private static final Pattern GROUP = Pattern.compile("delegation-verify-\\d\\d-\\d\\d-\\d\\d-\\d\\d-\\d\\d-[a-z0-9]{10}");
    /** A DNS-1123 label: what a Job name must be for its pods' job-name label. */
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

    private static final Instant NOW = Instant.parse("2023-11-06T23:59:31Z");

    private static VerifierJobs jobs(Settings settings, String cassandraIp) {
        Clock clock = Clock.fixed(NOW, ZoneId.of("America/New_York"));
        CassandraAddress address = new CassandraAddress(host -> cassandraIp, 1, 0);
        return new VerifierJobs(settings, new WorkerEnvironment(settings), address, "delegation-program", clock,
                CoordinatorMetrics.discarding());
    }

    @Test
    void groupNamesHaveTheReferencesFormWithTheUtcMinuteAndARandomSuffix() {
        String group = jobs(VerifierFixtures.settings(), "10.0.0.1").newGroup();

        assertTrue(GROUP.matcher(group).matches(), group);
        // the minute is UTC whatever the clock's zone (New York is already on the 6th at 18:59)
        assertTrue(group.startsWith("delegation-verify-23-11-06-23-59-"), group);
    }

    @Test
    void aThousandGroupsInTheSameMinuteNeverRepeat() {
        VerifierJobs jobs = jobs(VerifierFixtures.settings(), "10.0.0.1");
        Set<String> seen = new HashSet<>();

        for (int i = 0; i < 1000; i++) {
            String group = jobs.newGroup();
            assertTrue(GROUP.matcher(group).matches(), group);
            assertTrue(seen.add(group), "repeated " + group + " after " + i + " groups");
        }
        assertEquals(1000, seen.size());
    }

    @Test
    void groupsOfSeparateCoordinatorsNeverRepeatEither() {
        Settings settings = VerifierFixtures.settings();
        Set<String> seen = new HashSet<>();

        for (int i = 0; i < 1000; i++) {
            assertTrue(seen.add(jobs(settings, "10.0.0.1").newGroup()));
        }
    }

    @Test
    void jobNamesAreValidKubernetesLabelValues() {
        VerifierJobs jobs = jobs(VerifierFixtures.settings(), "10.0.0.1");
        for (int i = 0; i < 100; i++) {
            String name = jobs.newGroup() + "-" + 99;
            assertTrue(name.length() <= 63, name);
            assertTrue(DNS_LABEL.matcher(name).matches(), name);
        }
    }

    @Test
    void prepareNamesEachJobAfterItsGroupAndSliceAndHandsItTheSpec() throws Exception {
        Settings settings = VerifierFixtures.settings("MINI_BATCH_NUMBER", "10");
        VerifierJobs jobs = jobs(settings, "10.20.30.40");
        String group = jobs.newGroup();
        Slice slice = VerifierFixtures.APPENDIX_A.slices().get(4);

        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            Exchange exchange = new DefaultExchange(camel);
            exchange.getMessage().setBody(slice);
            exchange.setProperty("verifierGroup", group);
            jobs.prepare(exchange);

            var message = exchange.getMessage();
            String name = message.getHeader(KubernetesConstants.KUBERNETES_JOB_NAME, String.class);
            assertEquals(group + "-4", name);
            assertEquals("delegation-program", message.getHeader(KubernetesConstants.KUBERNETES_NAMESPACE_NAME));
            assertEquals(Map.of("job-group-name", group), message.getHeader(KubernetesConstants.KUBERNETES_JOB_LABELS));
            JobSpec spec = message.getHeader(KubernetesConstants.KUBERNETES_JOB_SPEC, JobSpec.class);
            assertEquals(Map.of(VerifierJobSpec.GROUP_LABEL, group), spec.getTemplate().getMetadata().getLabels());
            List<EnvVar> env = spec.getTemplate().getSpec().getContainers().get(0).getEnv();
            assertEquals(Optional.of(name), value(env, "AWS_ROLE_SESSION_NAME"));
            assertEquals(Optional.of("10.20.30.40"), value(env, "CASSANDRA_HOST"));
            assertEquals(Optional.of("2023-11-06 15:37:47.6+0000"), value(env, "START_TIMESTAMP"));
            assertEquals(Optional.of("2023-11-06 15:38:17.6+0000"), value(env, "END_TIMESTAMP"));
        }
    }

    private static Optional<String> value(List<EnvVar> env, String name) {
        return env.stream().filter(v -> v.getName().equals(name)).map(EnvVar::getValue).findFirst();
    }
}
