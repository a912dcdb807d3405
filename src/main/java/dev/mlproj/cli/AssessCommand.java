package dev.mlproj.cli;

import dev.mlproj.assess.Assessment;
import dev.mlproj.assess.Baseline;
import dev.mlproj.assess.Gate;
import dev.mlproj.config.ConfigException;
import dev.mlproj.fetch.RepoCache;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "assess", mixinStandardHelpOptions = true,
        description = {"Assess an ML repository: its level, focus split and roles, with evidence.",
                "Every criterion is reported with what satisfied it or how to satisfy it, and the report ends with what the next level needs."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:assessed (and the gate passed)", "1:gate failed: below --min-level, or worse than --baseline", "2:usage or rubric error",
                "3:the repository could not be read or fetched"})
public final class AssessCommand implements Callable<Integer> {

    /** The report formats (docs/formats.md); each is one renderer in the report package. */
    enum Format {
        text("txt"), json("json"), markdown("md"), sarif("sarif"), junit("junit.xml"), csv("csv"), badge("svg");

        /** The file name extension of its report in --output-dir: mlproj.EXTENSION. */
        final String extension;

        Format(String extension) {
            this.extension = extension;
        }
    }

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "PATH|URL",
            description = "Repository to assess: a directory (default: the current one), a bare repository, or a git URL "
                    + "(https://, ssh://, file://, user@host:path) cloned into the cache batch uses.")
    String target = ".";

    @Option(names = "--rev", paramLabel = "REV",
            description = "Assess this commit, branch or tag (checked out through the clone cache; your work tree is never touched).")
    String rev;

    @Option(names = "--cache", paramLabel = "DIR",
            description = "Where git URLs, bare repositories and --rev are checked out (default: $XDG_CACHE_HOME/mlproj/repos or ~/.cache/mlproj/repos).")
    Path cache;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", split = ",",
            description = "Report format: ${COMPLETION-CANDIDATES} (default: text); see docs/formats.md. "
                    + "Several, comma-separated, with --output-dir: one scan, one report each.")
    List<Format> formats = List.of(Format.text);

    @Option(names = "--output-dir", paramLabel = "DIR",
            description = "Write each --format's report to DIR/mlproj.EXTENSION (mlproj.json, mlproj.sarif, mlproj.md, mlproj.junit.xml...), atomically.")
    Path outputDir;

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
        List<Format> asked = formats.stream().distinct().toList();
        if (outputDir != null && output.output != null) {
            throw new UserException(ExitCode.USAGE, "--output and --output-dir cannot be used together");
        }
        if (asked.size() > 1 && outputDir == null) {
            throw new UserException(ExitCode.USAGE, "several --format values need --output-dir DIR (one file each)");
        }
        Baseline earlier = baseline == null ? null : readBaseline(baseline);
        boolean gated = minLevel != null || earlier != null;
        Path cacheRoot = cache != null ? cache : RepoCache.defaultRoot(System.getenv(), System.getProperty("user.home"));
        Assessment assessment;
        ReportContext context;
        Path judged;
        try (Target repository = Target.open(target, rev, cacheRoot)) {
            Path path = repository.dir();
            judged = path;
            assessment = Assessor.assessWhileListing(path, rubricOptions::load, gated);
            if (gated) {
                assessment = assessment.withGate(Gate.judge(assessment, minLevel, earlier));
            }
            context = new ReportContext(rev == null ? target : target + "@" + rev, path.toAbsolutePath().normalize().toUri().toString(),
                    Version.get(), Version.url(), minLevel, repository.provenance(assessment.facts().git().head()));
        }
        if (outputDir == null) {
            // a report written into the judged repository follows no link its author planted there
            output.emit(render(asked.get(0), assessment, context), spec.commandLine().getOut(), judged);
        } else {
            // Every report is rendered before any is written: a rendering failure leaves no partial set.
            Map<Path, String> reports = new LinkedHashMap<>();
            for (Format f : asked) {
                reports.put(outputDir.resolve("mlproj." + f.extension), render(f, assessment, context));
            }
            reports.forEach((file, content) -> OutputOptions.write(file, content, "--output-dir", judged));
        }
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
    private String render(Format format, Assessment assessment, ReportContext context) {
        return switch (format) {
            case text -> {
                // On a terminal the report fits its width; written to a file it keeps the default 80 columns.
                boolean toTerminal = outputDir == null && output.output == null;
                TextReport text = new TextReport(new Style(outputDir == null && output.color()), output.verbose,
                        toTerminal ? Main.terminalColumns() : TextReport.DEFAULT_WIDTH);
                yield output.quiet ? text.headline(assessment) + "\n" : text.render(assessment, context.path(), context.provenance());
            }
            case markdown -> {
                MarkdownReport markdown = new MarkdownReport(output.verbose);
                yield output.quiet ? markdown.headline(assessment) + "\n" : markdown.render(assessment, context);
            }
            case json -> JsonReport.render(assessment, context.path(), context.toolVersion(), context.provenance());
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
