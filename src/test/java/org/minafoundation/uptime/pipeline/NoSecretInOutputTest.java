package org.minafoundation.uptime.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.minafoundation.uptime.support.Cli;
import org.minafoundation.uptime.support.GoldenRun;

/**
 * Every password, key and webhook URL set to a recognisable value: a run that fails (a
 * verifier that exits non-zero, retries, exceptions logged with their stack traces) and the
 * database tasks print none of them.
 */
class NoSecretInOutputTest {

    private static final Map<String, String> SECRETS = Map.of(
            "AWS_SESSION_TOKEN", "aws-SECRET-7",
            "POSTGRES_PASSWORD", "pg-SECRET-1",
            "CASSANDRA_PASSWORD", "cass-SECRET-2",
            "AWS_ACCESS_KEY_ID", "AKIA-SECRET-3",
            "AWS_SECRET_ACCESS_KEY", "aws-SECRET-4",
            "WEBHOOK_URL", "http://127.0.0.1:1/services/T0/B0/SECRET-5",
            "POSTGRES_RO_PASSWORD", "ro-SECRET-6");

    @Test
    void noSecretIsEverPrinted() throws Exception {
        GoldenRun run = GoldenRun.prepare("midnight-40");
        Map<String, String> env = new HashMap<>(run.env());
        env.putAll(SECRETS);
        env.putAll(Map.of("VERIFIER_MODE", "local", "VERIFIER_COMMAND", "false", "RETRY_COUNT", "1",
                "POSTGRES_RO_USER", "reader", "ALARM_ZK_LOWER_LIMIT_SEC", "1000"));

        Cli.Result failing = Cli.run(env, "run", "--until", String.valueOf(run.lastEnd()));
        Cli.Result roUser = Cli.run(env, "create-ro-user");
        Cli.Result badOption = Cli.run(env, "init-database", "--mins-ago", "soon");

        assertEquals(1, failing.exitCode(), "the failing verifier stops the run");
        assertEquals(0, roUser.exitCode(), roUser.err());
        assertEquals(2, badOption.exitCode());
        for (Cli.Result result : List.of(failing, roUser, badOption)) {
            String printed = result.out() + result.err();
            assertFalse(printed.isEmpty());
            for (String secret : SECRETS.values()) {
                assertFalse(printed.contains(secret), "printed " + secret);
            }
            assertFalse(printed.contains("SECRET"), "nothing that looks like one of the secrets");
        }
    }
}
