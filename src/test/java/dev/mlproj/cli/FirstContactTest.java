package dev.mlproj.cli;

import dev.mlproj.testing.Cli;
import dev.mlproj.testing.FixtureRepo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What a new user meets first: typos, no arguments, colours, widths, wording and internal errors. */
class FirstContactTest {

    @Test
    void typosGetPicocliSuggestions() {
        Cli.Result command = Cli.run("asses", ".");
        assertThat(command.exitCode()).isEqualTo(2);
        assertThat(command.err()).contains("Did you mean", "assess").contains("--help");
        Cli.Result option = Cli.run("assess", "--fromat", "json", ".");
        assertThat(option.exitCode()).isEqualTo(2);
        assertThat(option.err()).contains("'--fromat'", "Possible solutions: --format");
    }

    @Test
    void noArgumentsIsAUsageErrorWithTheUsageOnStandardError() {
        Cli.Result r = Cli.run();
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("Usage: mlproj", "assess", "Exit codes");
    }

    @Test
    void internalErrorsHaveAnExitCodeOfTheirOwn() throws Exception {
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(err));
        int code = cli.getExecutionExceptionHandler().handleExecutionException(new IllegalStateException("boom"), cli, null);
        assertThat(code).isEqualTo(ExitCode.INTERNAL).isEqualTo(70)
                .isNotIn(ExitCode.OK, ExitCode.GATE_FAILED, ExitCode.USAGE, ExitCode.UNREADABLE);
        assertThat(err.toString()).startsWith("mlproj: internal error: java.lang.IllegalStateException: boom");
        assertThat(Cli.run("--help").out()).contains("70", "internal error");
    }

    @Test
    void noColorCountsOnlyWhenNotEmpty() {
        assertThat(OutputOptions.color(false, false, null, true)).isTrue();
        assertThat(OutputOptions.color(false, false, "", true)).isTrue();
        assertThat(OutputOptions.color(false, false, "1", true)).isFalse();
        assertThat(OutputOptions.color(true, false, null, true)).isFalse();
        assertThat(OutputOptions.color(false, true, null, true)).isFalse();
        assertThat(OutputOptions.color(false, false, null, false)).isFalse();
    }

    @Test
    void columnsComesFromTheEnvironment() {
        assertThat(Main.columns(Map.of("COLUMNS", "60"))).isEqualTo(60);
        assertThat(Main.columns(Map.of("COLUMNS", "wide"))).isEqualTo(80);
        assertThat(Main.columns(Map.of())).isEqualTo(80);
    }

    @Test
    void historyHelpOffersOnlyHistorysFormats() {
        String help = Cli.run("history", "--help").out();
        assertThat(help).contains("text, csv, json").doesNotContain("markdown").doesNotContain("sarif").doesNotContain("junit");
    }

    @Test
    void countsAreInTheRightNumber(@TempDir Path dir) {
        FixtureRepo.git(dir).file("train.py", FixtureRepo.LEVEL_ONE_SCRIPT).commit("one").git().close();
        String json = Cli.run("assess", "--format", "json", dir.toString()).out();
        assertThat(json).contains("1 commit in 1 active week by 1 author, 0 tags").doesNotContain("(s)");
    }
}
