package dev.tessera.cli;

import dev.tessera.cli.access.AccessCommand;
import dev.tessera.cli.auth.LoginCommand;
import dev.tessera.cli.catalog.SearchCommand;
import dev.tessera.cli.lineage.LineageCommand;
import dev.tessera.cli.lint.LintCommand;
import dev.tessera.cli.lint.Linter;
import dev.tessera.cli.product.ApplyCommand;
import dev.tessera.cli.product.DiffCommand;
import dev.tessera.cli.product.PublishCommand;
import dev.tessera.cli.product.StatusCommand;
import dev.tessera.cli.quality.TestCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Entry point of {@code tessera}. Every way a command can end maps to one of {@link ExitCodes}, and every failure is one
 * line on stderr: a wrong flag names itself and points at {@code --help}; a failure to act says what failed. A stack
 * trace is printed only when {@code TESSERA_DEBUG} is set.
 */
public final class Main {

    /**
     * The subcommands, by name. Building a command's model is picocli's main start-up cost, so a command line that
     * names one builds that one only; any other (no command, {@code --help}, a typo) builds them all to list them.
     */
    private static final Map<String, Class<?>> COMMANDS = commands();

    private Main() {}

    private static Map<String, Class<?>> commands() {
        Map<String, Class<?>> commands = new LinkedHashMap<>();
        commands.put("lint", LintCommand.class);
        commands.put("login", LoginCommand.class);
        commands.put("diff", DiffCommand.class);
        commands.put("apply", ApplyCommand.class);
        commands.put("publish", PublishCommand.class);
        commands.put("status", StatusCommand.class);
        commands.put("search", SearchCommand.class);
        commands.put("lineage", LineageCommand.class);
        commands.put("access", AccessCommand.class);
        commands.put("test", TestCommand.class);
        return commands;
    }

    public static void main(String[] args) {
        // The schema validator logs through SLF4J, which warns on stderr when no binding is present; a command line
        // has no log, so the warning is noise.
        System.setProperty("slf4j.internal.verbosity", "ERROR");
        System.exit(run(args));
    }

    /** Runs one command line and answers its exit code; the process is left running (for tests and benchmarks). */
    public static int run(String... args) {
        if (args.length > 0 && args[0].equals("lint")) {
            Linter.preload();
        }
        Class<?> named = args.length > 0 ? COMMANDS.get(args[0]) : null;
        CommandLine line;
        if (named != null) {
            // The command that runs, under a bare root named tessera: no model of the root or of the other commands is
            // built, yet usage and errors still read "tessera <command> ..." and argument indexes count from the
            // command line's start. The root is never executed, since the command line names a subcommand.
            line = new CommandLine(CommandSpec.create().name("tessera"));
            line.addSubcommand(args[0], named);
        } else {
            line = new CommandLine(new TesseraCommand());
            COMMANDS.forEach(line::addSubcommand);
        }
        // Set after the subcommands are added: picocli passes handlers on to the subcommands it already has.
        line.setParameterExceptionHandler(new UsageHandler());
        line.setExecutionExceptionHandler(new FailureHandler());
        line.setCaseInsensitiveEnumValuesAllowed(true);
        return line.execute(args);
    }

    /** A wrong command line: one line naming the problem and where help is. */
    private static final class UsageHandler implements IParameterExceptionHandler {
        @Override
        public int handleParseException(ParameterException e, String[] args) {
            CommandLine command = e.getCommandLine();
            PrintWriter err = command.getErr();
            err.println("tessera: " + e.getMessage() + " (see '"
                    + command.getCommandSpec().qualifiedName() + " --help')");
            err.flush();
            return ExitCodes.USAGE;
        }
    }

    /** A command that could not act: one line saying why. */
    private static final class FailureHandler implements IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception e, CommandLine command, ParseResult parsed) {
            PrintWriter err = command.getErr();
            if (System.getenv("TESSERA_DEBUG") != null) {
                e.printStackTrace(err);
            }
            int code = ExitCodes.FAILURE;
            String message;
            Throwable cause = e instanceof UncheckedIOException unchecked ? unchecked.getCause() : e;
            if (cause instanceof CliException cli) {
                message = cli.getMessage();
                code = cli.exitCode();
            } else if (cause instanceof ConnectException) {
                message = "could not connect: " + describe(cause) + "; is the platform running, and is --url right?";
            } else if (cause instanceof HttpTimeoutException) {
                message = "the server did not answer in time: " + describe(cause);
            } else if (cause instanceof IOException) {
                message = describe(cause);
            } else {
                message = "unexpected " + cause.getClass().getSimpleName() + ": " + describe(cause)
                        + " (set TESSERA_DEBUG=1 for details)";
            }
            err.println("tessera: " + message);
            err.flush();
            return code;
        }

        private static String describe(Throwable e) {
            String message = e.getMessage();
            return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
        }
    }
}
