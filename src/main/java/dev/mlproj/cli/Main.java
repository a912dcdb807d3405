package dev.mlproj.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;

@Command(name = "mlproj", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Assess, scaffold and gate machine-learning projects.",
                "Repositories are judged against five project levels and four focus areas."},
        subcommands = {AssessCommand.class, BatchCommand.class, HistoryCommand.class, NewCommand.class, NextCommand.class, RubricCommand.class, ExplainCommand.class,
                CompletionCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success, or the gate passed", "1:gate failed (below --min-level)",
                "2:usage or configuration error (message names file:line:col)", "3:the repository or a file could not be read"})
public final class Main implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Builds the command line with its exit-code mapping; tests call this with their own writers. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof UserException user) {
                commandLine.getErr().println("mlproj: " + dev.mlproj.report.Controls.visible(user.getMessage()));
                commandLine.getErr().flush();
                return user.exitCode();
            }
            commandLine.getErr().println("mlproj: internal error: " + ex + " (please report it; MLPROJ_DEBUG=1 shows the trace)");
            if (System.getenv("MLPROJ_DEBUG") != null) {
                ex.printStackTrace(commandLine.getErr());
            }
            commandLine.getErr().flush();
            return ExitCode.UNREADABLE;
        });
        cli.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("mlproj: " + dev.mlproj.report.Controls.visible(ex.getMessage()));
            c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for usage.");
            c.getErr().flush();
            return ExitCode.USAGE;
        });
        return cli;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int code = commandLine(out, err).execute(args);
        out.flush();
        err.flush();
        System.exit(code);
    }
}
