package dev.mlproj.cli;

import dev.mlproj.testing.Cli;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.codegen.docgen.manpage.ManPageGenerator;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Help, man pages and completion all come from the command model: check the model is fit for all three. */
class CommandDocsTest {

    private static List<CommandSpec> allCommands() {
        List<CommandSpec> out = new ArrayList<>();
        collect(Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())), out);
        return out;
    }

    private static void collect(CommandLine cli, List<CommandSpec> out) {
        out.add(cli.getCommandSpec());
        cli.getSubcommands().values().stream().distinct().forEach(sub -> collect(sub, out));
    }

    @Test
    void everyCommandOpensWithOneSentenceThatFitsAManPageNameLine() {
        for (CommandSpec spec : allCommands()) {
            String[] description = spec.usageMessage().description();
            assertThat(description).as(spec.qualifiedName()).isNotEmpty();
            assertThat(description[0]).as(spec.qualifiedName()).endsWith(".").hasSizeLessThanOrEqualTo(80);
            for (OptionSpec option : spec.options()) {
                assertThat(option.description()).as(spec.qualifiedName() + " " + option.longestName()).isNotEmpty();
            }
        }
    }

    @Test
    void theManPageDocumentsEveryOption() throws Exception {
        for (CommandSpec spec : allCommands()) {
            StringWriter page = new StringWriter();
            try (PrintWriter pw = new PrintWriter(page)) {
                ManPageGenerator.writeSingleManPage(pw, spec);
            }
            assertThat(page.toString()).as(spec.qualifiedName()).contains(":doctype: manpage", "== Name", "== Synopsis");
            for (OptionSpec option : spec.options()) {
                assertThat(page.toString()).as(spec.qualifiedName()).contains(option.longestName());
            }
        }
    }

    @Test
    void completionScriptsCoverTheCommandsAndBothShells() {
        Cli.Result bash = Cli.run("completion", "bash");
        assertThat(bash.exitCode()).isZero();
        assertThat(bash.out()).contains("complete -F", "assess", "rubric", "--min-level", "--baseline");
        Cli.Result zsh = Cli.run("completion", "zsh");
        assertThat(zsh.exitCode()).isZero();
        assertThat(zsh.out()).contains("bashcompinit", "~/.zshrc");
        Cli.Result fish = Cli.run("completion", "fish");
        assertThat(fish.exitCode()).isEqualTo(2);
        assertThat(fish.err()).contains("fish");
    }
}
