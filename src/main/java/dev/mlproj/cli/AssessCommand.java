package dev.mlproj.cli;

import dev.mlproj.assess.Assessment;
import dev.mlproj.report.JsonReport;
import dev.mlproj.report.Style;
import dev.mlproj.report.TextReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "assess", mixinStandardHelpOptions = true,
        description = {"Assess an ML repository: its level (0-5), focus split, roles, per-criterion evidence,",
                "and what the next level needs."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:assessed (and the gate passed)", "1:below --min-level", "2:usage or rubric error",
                "3:the repository could not be read, or is a bare git repository"})
public final class AssessCommand implements Callable<Integer> {

    /** Formats this command renders; more arrive with the CI-reporting work. */
    enum Format { text, json }

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "PATH", description = "Repository to assess (default: the current directory).")
    Path path = Path.of(".");

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", description = "Report format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format = Format.text;

    @Option(names = "--min-level", paramLabel = "N", description = "CI gate: exit 1 when the assessed level is below N (0-5).")
    Integer minLevel;

    @Mixin
    RubricOptions rubricOptions;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        if (minLevel != null && (minLevel < 0 || minLevel > 5)) {
            throw new UserException(ExitCode.USAGE, "--min-level must be between 0 and 5, not " + minLevel);
        }
        Assessor.requireDirectory(path);
        Assessment assessment = Assessor.assess(path, rubricOptions.load(), minLevel != null);
        String display = path.toString();
        String report = switch (format) {
            case json -> JsonReport.render(assessment, display, Version.get());
            case text -> {
                TextReport text = new TextReport(new Style(output.color()), output.verbose);
                yield output.quiet ? text.headline(assessment) + "\n" : text.render(assessment, display);
            }
        };
        output.emit(report, spec.commandLine().getOut());
        if (minLevel != null && assessment.level() < minLevel) {
            spec.commandLine().getErr().println("mlproj: gate failed: level " + assessment.level() + " is below --min-level " + minLevel);
            return ExitCode.GATE_FAILED;
        }
        return ExitCode.OK;
    }
}
