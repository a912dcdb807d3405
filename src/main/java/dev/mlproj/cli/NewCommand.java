package dev.mlproj.cli;

import dev.mlproj.config.ConfigException;
import dev.mlproj.scaffold.PlannedFile;
import dev.mlproj.scaffold.ProjectName;
import dev.mlproj.scaffold.ProjectWriter;
import dev.mlproj.scaffold.ScaffoldException;
import dev.mlproj.scaffold.ScaffoldRecord;
import dev.mlproj.scaffold.SkeletonPlanner;
import dev.mlproj.scaffold.TemplateLibrary;
import dev.mlproj.scaffold.TemplateManifest;
import dev.mlproj.scaffold.TemplateVariables;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

@Command(name = "new", mixinStandardHelpOptions = true,
        description = {"Generate a working project skeleton for a level (1-5) and focus area.",
                "Writes ./NAME (or --dir) atomically: a failure leaves nothing behind."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:generated (or planned, with --dry-run)", "2:bad NAME, level or focus; target not empty without --force; template error",
                "3:the target could not be written"})
public final class NewCommand implements Callable<Integer> {

    enum Focus { data, models, architecture, product }

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "Project name: letters, digits, '.', '_', '-'; the Python package is derived from it.")
    String name;

    @Option(names = {"-l", "--level"}, paramLabel = "N", description = "Project level, 1-5 (default: ${DEFAULT-VALUE}).")
    int level = 2;

    @Option(names = "--focus", paramLabel = "AREA", description = "Focus area: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Focus focus = Focus.architecture;

    @Option(names = "--dir", paramLabel = "DIR", description = "Where to create the project (default: ./NAME).")
    Path dir;

    @Option(names = "--dry-run", description = "Print the files that would be written; write nothing. Exits as the real run would.")
    boolean dryRun;

    @Option(names = "--force", description = "Write into a non-empty target, replacing files at the same paths (each one is listed on stderr first).")
    boolean force;

    @Option(names = "--list", description = "List the level templates and exit.")
    boolean list;

    @Mixin
    TemplateOptions templateOptions;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        try (TemplateLibrary library = templateOptions.open()) {
            if (list) {
                for (int l : library.levels()) {
                    TemplateManifest m = manifest(library, l);
                    out.printf("level %d  %s%n          %s%n", l, m.title(), m.description());
                }
                out.flush();
                return ExitCode.OK;
            }
            if (name == null) {
                throw new UserException(ExitCode.USAGE, "NAME is required (e.g. mlproj new churn-model --level 2 --focus data)");
            }
            if (level < 1 || level > 5) {
                throw new UserException(ExitCode.USAGE, "--level must be between 1 and 5, not " + level);
            }
            ProjectName project;
            try {
                project = ProjectName.parse(name);
            } catch (IllegalArgumentException e) {
                throw new UserException(ExitCode.USAGE, e.getMessage());
            }
            Path target = dir != null ? dir : Path.of(project.name());
            TemplateManifest manifest = manifest(library, level);
            Map<String, Object> variables = TemplateVariables.of(project, project.pkg(), level, focus.name(), Version.get());
            List<PlannedFile> files = plan(library, variables);
            String command = "new --level " + level + " --focus " + focus;
            List<PlannedFile> withRecord = new ArrayList<>(files);
            ScaffoldRecord record = ScaffoldRecord.of(files, command)
                    .withAnswers(new ScaffoldRecord.Answers(templateVersion(library), level, focus.name(), variables));
            withRecord.add(new PlannedFile(ScaffoldRecord.PATH, record.toJson("mlproj " + Version.get()), "mlproj", List.of()));
            ProjectWriter.ProjectCheck check;
            try {
                // The same checks as the real run, so a dry run fails exactly where the run would.
                check = ProjectWriter.checkProject(target, withRecord, force);
            } catch (ScaffoldException e) {
                throw new UserException(e.refused() ? ExitCode.USAGE : ExitCode.UNREADABLE, e.getMessage());
            }
            Set<String> replaced = new HashSet<>(check.replaced());
            if (dryRun) {
                out.printf("Would create %s: level %d %s, focus %s (%d files%s)%n", target, level, manifest.title(), focus, withRecord.size(),
                        replaced.isEmpty() ? "" : ", replacing " + replaced.size() + " existing");
                for (PlannedFile f : withRecord) {
                    out.printf("  %-60s %7d bytes%s%n", f.path(), f.content().length, replaced.contains(f.path()) ? "  (replaces an existing file)" : "");
                }
                out.flush();
                return ExitCode.OK;
            }
            if (!replaced.isEmpty()) {
                PrintWriter err = spec.commandLine().getErr();
                err.printf("mlproj: --force replaces %d existing file%s in %s:%n", replaced.size(), replaced.size() == 1 ? "" : "s", target);
                for (String path : check.replaced()) {
                    err.printf("  %s%n", path);
                }
                err.flush();
            }
            try {
                ProjectWriter.createProject(target, withRecord, force);
            } catch (ScaffoldException e) {
                throw new UserException(e.refused() ? ExitCode.USAGE : ExitCode.UNREADABLE, e.getMessage());
            }
            out.printf("Created %s: level %d %s, focus %s (%d files).%n", target, level, manifest.title(), focus, withRecord.size());
            out.printf("Next: cd %s and follow README.md; `mlproj assess %s` shows where it stands.%n", target, target);
            out.flush();
            return ExitCode.OK;
        }
    }

    private List<PlannedFile> plan(TemplateLibrary library, Map<String, Object> variables) {
        try {
            return new SkeletonPlanner(library).skeleton(level, focus.name(), variables);
        } catch (ConfigException e) {
            throw new UserException(ExitCode.USAGE, e.getMessage());
        }
    }

    static String templateVersion(TemplateLibrary library) {
        try {
            return library.version();
        } catch (ConfigException e) {
            throw new UserException(ExitCode.USAGE, e.getMessage());
        }
    }

    private static TemplateManifest manifest(TemplateLibrary library, int level) {
        try {
            return library.manifest(level);
        } catch (ConfigException e) {
            throw new UserException(ExitCode.USAGE, e.getMessage());
        }
    }
}
