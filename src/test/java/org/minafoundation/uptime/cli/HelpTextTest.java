package org.minafoundation.uptime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.minafoundation.uptime.support.Cli;

/** What --help tells an operator who has nothing else at hand: where settings come from, what exit codes mean. */
class HelpTextTest {

    private static final Pattern DURATION = Pattern.compile("about (\\d+) minutes");

    @Test
    void topLevelHelpSaysWhereSettingsComeFromAndListsTheExitCodes() {
        Cli.Result help = Cli.run(Map.of(), "--help");

        assertEquals(0, help.exitCode(), help.err());
        String text = help.out().replaceAll("\\s+", " ");
        assertTrue(text.contains("Environment variables, and a .env file in the working directory"), text);
        assertTrue(text.contains("a variable set in the environment wins over the same one in .env"), text);
        for (String code : new String[] {"0", "1", "2", "143"}) {
            assertTrue(Pattern.compile("(?m)^\\s+" + code + "\\s+\\S").matcher(help.out()).find(), code + " in " + help.out());
        }
    }

    @Test
    void benchHelpGivesTheDurationTheReadmeGives() throws Exception {
        Cli.Result help = Cli.run(Map.of(), "bench", "--help");
        assertEquals(0, help.exitCode(), help.err());
        String readme = Files.readString(Path.of("README.md"));
        // the section's first paragraph, which introduces the bench command
        String performance = readme.substring(readme.indexOf("## Performance\n\n") + "## Performance\n\n".length());
        performance = performance.substring(0, performance.indexOf("\n\n")).replaceAll("\\s+", " ");

        assertEquals(minutes(performance), minutes(help.out().replaceAll("\\s+", " ")));
    }

    private static String minutes(String text) {
        Matcher m = DURATION.matcher(text);
        assertTrue(m.find(), "a duration in: " + text);
        return m.group(1);
    }
}
