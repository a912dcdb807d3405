package dev.mlproj.cli;

import dev.mlproj.config.ConfigException;
import dev.mlproj.report.RubricExport;
import dev.mlproj.rubric.Criterion;
import dev.mlproj.rubric.Rubric;
import dev.mlproj.rubric.RubricLoader;
import dev.mlproj.scan.FactType;
import dev.mlproj.scan.PatternQuery;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

@Command(name = "rubric", mixinStandardHelpOptions = true,
        description = "Inspect and check rubrics.",
        subcommands = {RubricCommand.ListCommand.class, RubricCommand.ShowCommand.class,
                RubricCommand.ValidateCommand.class, RubricCommand.ExportCommand.class, RubricCommand.PatternsCommand.class,
                RubricCommand.FactsCommand.class})
public final class RubricCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "rubric: name a subcommand (list, show, validate, export, patterns, facts)");
    }

    static Criterion find(Rubric rubric, String id) {
        return rubric.criterion(id).orElseThrow(() -> {
            List<String> close = rubric.criteria().stream().map(Criterion::id)
                    .filter(c -> c.toLowerCase(Locale.ROOT).contains(id.toLowerCase(Locale.ROOT))).limit(5).toList();
            return new UserException(ExitCode.USAGE, "unknown criterion '" + id + "'"
                    + (close.isEmpty() ? " (see `mlproj rubric list`)" : "; did you mean " + String.join(", ", close) + "?"));
        });
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the criteria, level by level.")
    static final class ListCommand implements Runnable {
        @Spec
        CommandSpec spec;

        @Mixin
        RubricOptions rubricOptions;

        @Override
        public void run() {
            Rubric rubric = rubricOptions.load();
            PrintWriter out = spec.commandLine().getOut();
            out.println(rubric.title() + " (" + rubric.criteria().size() + " criteria)");
            for (var level : rubric.levels()) {
                out.printf(Locale.ROOT, "%nLevel %d: %s (threshold %d%%)%n", level.level(), level.name(), Math.round(level.threshold() * 100));
                rubric.criteria().stream().filter(c -> c.level() == level.level()).forEach(c -> line(out, c));
            }
            out.printf(Locale.ROOT, "%nWalkthrough readiness (does not move the level)%n");
            rubric.criteria().stream().filter(Criterion::isWalkthrough).forEach(c -> line(out, c));
            out.flush();
        }

        private static void line(PrintWriter out, Criterion c) {
            out.printf(Locale.ROOT, "  %-28s %-12s w%d  %s%n", c.id(), c.focus(), c.weight(), c.title());
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one criterion in full.")
    static final class ShowCommand implements Runnable {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "ID")
        String id;

        @Mixin
        RubricOptions rubricOptions;

        @Override
        public void run() {
            Rubric rubric = rubricOptions.load();
            Criterion c = find(rubric, id);
            PrintWriter out = spec.commandLine().getOut();
            out.println(ExplainCommand.describe(rubric, c));
            out.println("\nDefined in " + c.file());
            out.flush();
        }
    }

    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = {"Check rubric files strictly; errors name file:line:col.", "Exits 2 on the first invalid file."})
    static final class ValidateCommand implements java.util.concurrent.Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(arity = "1..*", paramLabel = "FILE")
        List<Path> files;

        @Override
        public Integer call() {
            RubricLoader loader = new RubricLoader();
            PrintWriter out = spec.commandLine().getOut();
            try {
                Rubric base = loader.builtin();
                for (Path file : files) {
                    Rubric rubric = loader.parse(file.toString(), RubricLoader.readFile(file), base);
                    out.printf(Locale.ROOT, "%s: valid (%d criteria, %d levels)%n", file, rubric.criteria().size(), rubric.levels().size());
                }
            } catch (ConfigException e) {
                throw new UserException(ExitCode.USAGE, e.getMessage());
            }
            out.flush();
            return ExitCode.OK;
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = {"Export every criterion, for people who grade in spreadsheets.",
                    "Columns: id, level, focus, weight, title, why, source, detection, fix, scaffold. Level criteria level by level, then the walkthrough ones (level empty)."})
    static final class ExportCommand implements Runnable {

        enum Format { csv, json }

        @Spec
        CommandSpec spec;

        @Option(names = {"-f", "--format"}, paramLabel = "FORMAT",
                description = "Export format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
        Format format = Format.csv;

        @Option(names = "--output", paramLabel = "FILE", description = "Write to FILE (atomically) instead of standard output.")
        Path output;

        @Mixin
        RubricOptions rubricOptions;

        @Override
        public void run() {
            Rubric rubric = rubricOptions.load();
            String content = switch (format) {
                case csv -> RubricExport.csv(rubric);
                case json -> RubricExport.json(rubric);
            };
            OutputOptions.emit(output, content, spec.commandLine().getOut());
        }
    }

    @Command(name = "patterns", mixinStandardHelpOptions = true,
            description = "Print the rubric's content patterns, one RE2 regular expression per line.")
    static final class PatternsCommand implements Runnable {
        @Spec
        CommandSpec spec;

        @Mixin
        RubricOptions rubricOptions;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            for (PatternQuery q : RubricLoader.queries(rubricOptions.load())) {
                out.println(q.pattern().pattern());
            }
            out.flush();
        }
    }

    @Command(name = "facts", mixinStandardHelpOptions = true, description = "List the fact types detectors can use.")
    static final class FactsCommand implements Runnable {
        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            for (FactType t : FactType.values()) {
                out.printf(Locale.ROOT, "%-22s %s%n", t.name(), t.description());
            }
            out.flush();
        }
    }
}
