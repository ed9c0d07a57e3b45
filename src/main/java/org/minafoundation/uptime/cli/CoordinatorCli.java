package org.minafoundation.uptime.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import org.minafoundation.uptime.config.AwsSdkProperties;
import org.minafoundation.uptime.config.EnvironmentFile;
import org.minafoundation.uptime.config.SettingException;
import org.minafoundation.uptime.config.Settings;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The command line: the coordinator ({@code run}, the default) and the operators' database tasks. */
@Command(name = "uptime-coordinator",
        mixinStandardHelpOptions = true,
        version = "uptime-coordinator 0.1.0",
        description = "Scores the uptime of Mina block producers for the Delegation Program.",
        footerHeading = "%nSettings:%n",
        footer = {"Environment variables, and a .env file in the working directory if there is one (a variable"
                + " set in the environment wins over the same one in .env; an empty value means its default)."
                + " .env.example lists every one (demo reads none). Without POSTGRES_HOST the commands work on"
                + " the embedded PostgreSQL in EMBEDDED_POSTGRES_DIR (default ./data/postgres)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:done (run: --until reached; a task: finished)",
            "1:failed: the last line says why, the log says more",
            "2:bad setting or bad arguments (the message names the variable or option; nothing is touched),"
                    + " or run on an external database without its starting point (run init-database)",
            "143:run stopped by SIGTERM, in order (130 with Ctrl-C)"
        },
        subcommands = {
            RunCommand.class,
            CreateDatabaseCommand.class,
            InitDatabaseCommand.class,
            DropDatabaseCommand.class,
            CreateReadOnlyUserCommand.class,
            CleanupCommand.class,
            RescoreCommand.class,
            BenchCommand.class,
            DemoCommand.class,
            ServeCommand.class,
            ExplainCommand.class
        })
public final class CoordinatorCli implements Callable<Integer> {

    /** Exit code for a bad setting or bad arguments. */
    public static final int USAGE = 2;

    @Spec
    CommandSpec spec;

    private final Map<String, String> environment;
    private final Clock clock;

    public CoordinatorCli(Map<String, String> environment, Clock clock) {
        this.environment = environment;
        this.clock = clock;
    }

    public static void main(String[] args) {
        Map<String, String> environment = EnvironmentFile.merge(Path.of(".env"), System.getenv());
        AwsSdkProperties.fromEnvironmentFile(environment, System.getenv());
        // Chosen before the first logger exists; Settings validates the value afterwards.
        if ("json".equalsIgnoreCase(environment.getOrDefault("LOG_FORMAT", "").strip())) {
            System.setProperty("logback.configurationFile", "logback-json.xml");
        }
        System.exit(execute(args, environment, Clock.systemUTC()));
    }

    /** Runs one command line against the given environment; returns the exit code. */
    public static int execute(String[] args, Map<String, String> environment, Clock clock) {
        CommandLine commandLine = new CommandLine(new CoordinatorCli(environment, clock));
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setExecutionExceptionHandler((error, cmd, parsed) -> {
            if (error instanceof SettingException) {
                cmd.getErr().println("Bad setting " + error.getMessage());
                return USAGE;
            }
            LoggerFactory.getLogger(CoordinatorCli.class).error("{} failed", cmd.getCommandName(), error);
            cmd.getErr().println(cmd.getCommandName() + " failed: " + FailureLine.of(error));
            return 1;
        });
        return commandLine.execute(args);
    }

    /** With no command: run the coordinator. */
    @Override
    public Integer call() throws Exception {
        return spec.commandLine().execute("run");
    }

    Settings settings() {
        return Settings.from(environment);
    }

    /** The settings of a database task: what only the batch loop needs may be missing. */
    Settings taskSettings() {
        return Settings.forTasks(environment);
    }

    Clock clock() {
        return clock;
    }
}
