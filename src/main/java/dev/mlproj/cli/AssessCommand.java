package dev.mlproj.cli;

import dev.mlproj.assess.Assessment;
import dev.mlproj.assess.Baseline;
import dev.mlproj.assess.Gate;
import dev.mlproj.config.ConfigException;
import dev.mlproj.report.BadgeReport;
import dev.mlproj.report.BaselineReader;
import dev.mlproj.report.CsvReport;
import dev.mlproj.report.JUnitReport;
import dev.mlproj.report.JsonReport;
import dev.mlproj.report.MarkdownReport;
import dev.mlproj.report.ReportContext;
import dev.mlproj.report.SarifReport;
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
        description = {"Assess an ML repository: its level, focus split and roles, with evidence.",
                "Every criterion is reported with what satisfied it or how to satisfy it, and the report ends with what the next level needs."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:assessed (and the gate passed)", "1:gate failed: below --min-level, or worse than --baseline", "2:usage or rubric error",
                "3:the repository could not be read, or is a bare git repository"})
public final class AssessCommand implements Callable<Integer> {

    /** The report formats (docs/formats.md); each is one renderer in the report package. */
    enum Format { text, json, markdown, sarif, junit, csv, badge }

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "PATH", description = "Repository to assess (default: the current directory).")
    Path path = Path.of(".");

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT",
            description = "Report format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}); see docs/formats.md.")
    Format format = Format.text;

    @Option(names = "--min-level", paramLabel = "N", description = "CI gate: exit 1 when the assessed level is below N (0-5).")
    Integer minLevel;

    @Option(names = "--baseline", paramLabel = "FILE",
            description = "CI ratchet: an earlier JSON report of this repository; exit 1 when the level drops below it or a criterion it met is no longer met.")
    Path baseline;

    @Mixin
    RubricOptions rubricOptions;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        if (minLevel != null && (minLevel < 0 || minLevel > 5)) {
            throw new UserException(ExitCode.USAGE, "--min-level must be between 0 and 5, not " + minLevel);
        }
        Baseline earlier = baseline == null ? null : readBaseline(baseline);
        Assessor.requireDirectory(path);
        boolean gated = minLevel != null || earlier != null;
        Assessment assessment = Assessor.assessWhileListing(path, rubricOptions::load, gated);
        if (gated) {
            assessment = assessment.withGate(Gate.judge(assessment, minLevel, earlier));
        }
        ReportContext context = new ReportContext(path.toString(), path.toAbsolutePath().normalize().toUri().toString(),
                Version.get(), Version.url(), minLevel);
        output.emit(render(assessment, context), spec.commandLine().getOut(), path);
        if (gated && !assessment.gate().passed()) {
            for (String failure : assessment.gate().failures()) {
                spec.commandLine().getErr().println("mlproj: gate failed: " + failure);
            }
            spec.commandLine().getErr().flush();
            return ExitCode.GATE_FAILED;
        }
        return ExitCode.OK;
    }

    /** --quiet shortens the reports for people (text, markdown) to their verdict line; documents stay whole. */
    private String render(Assessment assessment, ReportContext context) {
        return switch (format) {
            case text -> {
                TextReport text = new TextReport(new Style(output.color()), output.verbose);
                yield output.quiet ? text.headline(assessment) + "\n" : text.render(assessment, context.path());
            }
            case markdown -> {
                MarkdownReport markdown = new MarkdownReport(output.verbose);
                yield output.quiet ? markdown.headline(assessment) + "\n" : markdown.render(assessment, context);
            }
            case json -> JsonReport.render(assessment, context.path(), context.toolVersion());
            case sarif -> new SarifReport().render(assessment, context);
            case junit -> new JUnitReport().render(assessment, context);
            case csv -> new CsvReport().render(assessment, context);
            case badge -> new BadgeReport().render(assessment, context);
        };
    }

    private static Baseline readBaseline(Path file) {
        try {
            return BaselineReader.read(file);
        } catch (ConfigException e) {
            throw new UserException(ExitCode.USAGE, "--baseline " + e.getMessage());
        } catch (BaselineReader.Unreadable e) {
            throw new UserException(ExitCode.UNREADABLE, "--baseline " + e.getMessage());
        }
    }
}
