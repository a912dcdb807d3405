package dev.mlproj.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import dev.mlproj.report.TextReport;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "mlproj", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Assess, scaffold and gate machine-learning projects.",
                "Repositories are judged against five project levels and four focus areas."},
        subcommands = {AssessCommand.class, BatchCommand.class, HistoryCommand.class, NewCommand.class, NextCommand.class, UpdateCommand.class, RubricCommand.class, ExplainCommand.class,
                CompletionCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success, or the gate passed", "1:gate failed (below --min-level)",
                "2:usage or configuration error (message names file:line:col); also no command at all",
                "3:the repository or a file could not be read", "70:internal error in mlproj (please report it)"})
public final class Main implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** No command: the usage, on standard error since it is not what was asked for, and exit 2. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        spec.commandLine().getErr().flush();
        return ExitCode.USAGE;
    }

    /**
     * The width of the terminal the text report is printed on: {@code COLUMNS} when set to a number,
     * else what {@code stty size} says of the controlling terminal when standard output is one, else 80.
     */
    static int terminalColumns() {
        if (System.getenv("COLUMNS") != null || System.console() == null) {
            return columns(System.getenv());
        }
        try {
            Process stty = new ProcessBuilder("stty", "size").redirectInput(new java.io.File("/dev/tty"))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String size = new String(stty.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
            if (stty.waitFor() == 0 && size.matches("\\d+ \\d+")) {
                int n = Integer.parseInt(size.substring(size.indexOf(' ') + 1));
                return n > 0 ? n : TextReport.DEFAULT_WIDTH;
            }
        } catch (java.io.IOException e) {
            return TextReport.DEFAULT_WIDTH;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return TextReport.DEFAULT_WIDTH;
    }

    /** {@code COLUMNS} when set to a positive number (a user may set it, some shells export it), else 80. */
    static int columns(Map<String, String> env) {
        String columns = env.get("COLUMNS");
        if (columns != null) {
            try {
                int n = Integer.parseInt(columns.strip());
                if (n > 0) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // not a width: the default
            }
        }
        return TextReport.DEFAULT_WIDTH;
    }

    /** Builds the command line with its exit-code mapping; tests call this with their own writers. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        // Usage help fits the terminal: COLUMNS when given, else picocli's own detection of the terminal's
        // width (80 when it cannot tell). Long values such as paths are never broken: they are one word.
        if (System.getenv("COLUMNS") != null) {
            cli.setUsageHelpWidth(Math.max(55, columns(System.getenv())));
        } else {
            cli.setUsageHelpAutoWidth(true);
        }
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
            return ExitCode.INTERNAL;
        });
        cli.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("mlproj: " + dev.mlproj.report.Controls.visible(ex.getMessage()));
            // picocli's own suggestions: "Did you mean: mlproj assess?" for asses, "--format" for --fromat.
            if (ex instanceof UnmatchedArgumentException unmatched) {
                if (!unmatched.getSuggestions().isEmpty()) {
                    UnmatchedArgumentException.printSuggestions(unmatched, c.getErr());
                } else if (unmatched.isUnknownOption()) {
                    // picocli's similarity misses transposed letters (--fromat): two edits away is close enough.
                    List<String> close = closeOptions(unmatched.getUnmatched().get(0), c.getCommandSpec());
                    if (!close.isEmpty()) {
                        c.getErr().println("Possible solutions: " + String.join(", ", close));
                    }
                }
            }
            c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for usage.");
            c.getErr().flush();
            return ExitCode.USAGE;
        });
        return cli;
    }

    /** The command's option names at most two edits (a transposition counting as one) from {@code typed}. */
    static List<String> closeOptions(String typed, CommandSpec command) {
        String name = typed.contains("=") ? typed.substring(0, typed.indexOf('=')) : typed;
        List<String> close = new ArrayList<>();
        for (var option : command.options()) {
            for (String candidate : option.names()) {
                if (candidate.startsWith("--") && editDistance(name, candidate) <= 2) {
                    close.add(candidate);
                }
            }
        }
        return close;
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and adjacent transpositions. */
    static int editDistance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
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
