package org.minafoundation.uptime.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minafoundation.uptime.sim.ProducerProfile;
import org.minafoundation.uptime.support.Cli;

/**
 * The demo command end to end, in this JVM: a small network through the real pipeline,
 * a leaderboard where the synced producers come out on top, a self-contained report, and
 * the same output again for the same seed.
 */
class DemoTest {

    private static final Pattern PROFILE_ROW = Pattern.compile("(?m)^(\\S+)\\s+(\\d+)\\s+(\\d+\\.\\d\\d)%");

    @Test
    void scoresASimulatedNetworkAndWritesTheReport(@TempDir Path temp) throws Exception {
        Path report = temp.resolve("r.html");
        // An operator's setting must change nothing: the demo builds its own.
        Map<String, String> env = Map.of("VERIFIER_MODE", "kubernetes", "POSTGRES_HOST", "db.invalid");
        Cli.Result first = Cli.run(env, "demo", "--producers", "30", "--hours", "4", "--seed", "7",
                "--report", report.toString());
        assertEquals(0, first.exitCode(), first.err());
        assertTrue(first.out().contains("batch 12/12 [2024-06-01 03:40, 04:00)"), first.out());

        Map<String, Double> uptime = meanUptimePerProfile(first.out());
        double synced = uptime.get(ProducerProfile.SYNCED.label());
        assertTrue(synced >= 90, "synced producers are up nearly all the time: " + uptime);
        assertTrue(synced > uptime.get(ProducerProfile.OFFLINE.label()), uptime.toString());
        assertTrue(synced > uptime.get(ProducerProfile.FORKED.label()), uptime.toString());
        assertEquals(0.0, uptime.get(ProducerProfile.INVALID.label()), uptime.toString());

        String html = Files.readString(report);
        assertTrue(html.contains("<img alt=\"mean uptime per profile over time\" src=\"data:image/png;base64,"), html);
        for (ProducerProfile profile : ProducerProfile.values()) {
            assertTrue(html.contains("<td>" + profile.label() + "</td>"), profile.label());
        }

        Cli.Result second = Cli.run(env, "demo", "--producers", "30", "--hours", "4", "--seed", "7",
                "--report", report.toString());
        assertEquals(0, second.exitCode(), second.err());
        assertEquals(first.out(), second.out(), "the same seed prints the same progress and leaderboard");
    }

    @Test
    void refusesAnEmptyNetwork() {
        Cli.Result result = Cli.run(Map.of(), "demo", "--producers", "0");
        assertEquals(2, result.exitCode());
        assertTrue(result.err().contains("--producers: '0'"), result.err());
    }

    /** The rows of the "Mean uptime per profile" table: profile label to mean uptime in percent. */
    private static Map<String, Double> meanUptimePerProfile(String out) {
        String table = out.substring(out.indexOf("Mean uptime per profile"));
        Map<String, Double> uptime = new HashMap<>();
        Matcher m = PROFILE_ROW.matcher(table);
        while (m.find()) {
            uptime.put(m.group(1), Double.parseDouble(m.group(3)));
        }
        return uptime;
    }
}
