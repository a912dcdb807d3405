package dev.mlproj.cli;

import dev.mlproj.config.ConfigException;
import dev.mlproj.scaffold.DatasetProfile;
import dev.mlproj.scaffold.DatasetSkeleton;
import dev.mlproj.scaffold.ProjectHygiene;
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

    enum TaskOption { classification, regression, forecast }

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

    @Option(names = "--data", paramLabel = "FILE.csv",
            description = "Generate the project around your own dataset (levels 2-4): schema checks, features, model, evaluation"
                    + " and (level 3 and up) the service's request and response models come from its columns. Needs --target.")
    Path data;

    @Option(names = "--target", paramLabel = "COLUMN", description = "With --data: the column to predict.")
    String target;

    @Option(names = "--task", paramLabel = "TASK",
            description = "With --data: ${COMPLETION-CANDIDATES} (default: inferred from the target and the columns).")
    TaskOption task;

    @Option(names = "--time-column", paramLabel = "COLUMN",
            description = "With --data --task forecast: the date column that orders the rows (default: the only date column).")
    String timeColumn;

    @Option(names = "--license", paramLabel = "LICENSE", description = "LICENSE file: mit, apache-2.0 or none (default: ${DEFAULT-VALUE}).")
    String license = "mit";

    @Option(names = "--author", paramLabel = "\"NAME <EMAIL>\"",
            description = "Author for the licence, pyproject.toml and the first commit (default: user.name and user.email from git config).")
    String author;

    @Option(names = "--python", paramLabel = "VERSION",
            description = "Python version for requires-python, ruff, the Dockerfile and CI (default: ${DEFAULT-VALUE}).")
    String python = ProjectHygiene.DEFAULT_PYTHON;

    @Option(names = "--no-git", description = "Do not run git init or make the first commit.")
    boolean noGit;

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
            ProjectHygiene.Options hygiene = hygiene();
            List<PlannedFile> hygieneFiles;
            Map<String, Object> variables = variables(project);
            DatasetProfile profile = profile();
            List<PlannedFile> files = new ArrayList<>(profile == null ? plan(library, variables) : planDataset(library, variables, profile));
            try {
                hygieneFiles = ProjectHygiene.plan(library, variables, files, hygiene);
            } catch (ConfigException e) {
                throw new UserException(ExitCode.USAGE, e.getMessage());
            }
            String command = "new --level " + level + " --focus " + focus;
            String title = manifest.title();
            List<PlannedFile> withRecord = new ArrayList<>(files);
            withRecord.addAll(hygieneFiles);
            if (profile != null) {
                command += " --data " + DatasetSkeleton.dataFileName(profile) + " --target " + profile.target()
                        + " --task " + profile.task().name().toLowerCase(java.util.Locale.ROOT);
                title = profile.task().name().toLowerCase(java.util.Locale.ROOT) + " of '" + profile.target() + "' from "
                        + profile.file().getFileName();
                for (String note : profile.notes()) {
                    spec.commandLine().getErr().println("mlproj new: " + note);
                }
                spec.commandLine().getErr().flush();
                try {
                    PlannedFile copy = DatasetSkeleton.dataFile(profile);
                    if (copy != null) {
                        withRecord.add(copy);
                    }
                } catch (IOException e) {
                    throw new UserException(ExitCode.UNREADABLE, "--data " + data + ": cannot be read: " + e.getMessage());
                }
            }
            // The record lists what mlproj generated; the user's own dataset is not scaffolding.
            // The record (what `update` re-renders) holds the template's files: not the hygiene files, which
            // `update` does not render, and no answers for a --data project, which it cannot re-render yet.
            ScaffoldRecord record = ScaffoldRecord.of(files, command);
            if (profile == null) {
                record = record.withAnswers(new ScaffoldRecord.Answers(templateVersion(library), level, focus.name(), variables));
            }
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
                out.printf("Would create %s: level %d %s, focus %s (%d files%s)%n", target, level, title, focus, withRecord.size(),
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
            out.printf("Created %s: level %d %s, focus %s (%d files).%n", target, level, title, focus, withRecord.size());
            if (!noGit) {
                String skipped = ProjectHygiene.initialCommit(target, hygiene.author(),
                        "Generated by mlproj " + Version.get() + ": level " + level + ", focus " + focus);
                if (skipped != null) {
                    spec.commandLine().getErr().println("mlproj new: " + skipped);
                    spec.commandLine().getErr().flush();
                }
            }
            out.printf("Next: cd %s and follow README.md; `mlproj assess %s` shows where it stands.%n", target, target);
            out.flush();
            return ExitCode.OK;
        }
    }

    /** The dataset's profile with --data, null without; flag combinations checked here. */
    private DatasetProfile profile() {
        if (data == null) {
            for (var flag : new Object[][] {{"--target", target}, {"--task", task}, {"--time-column", timeColumn}}) {
                if (flag[1] != null) {
                    throw new UserException(ExitCode.USAGE, flag[0] + " needs --data FILE.csv");
                }
            }
            return null;
        }
        if (target == null || target.isEmpty()) {
            throw new UserException(ExitCode.USAGE, "--data needs --target COLUMN: the column to predict");
        }
        if (level < DatasetSkeleton.MIN_LEVEL || level > DatasetSkeleton.MAX_LEVEL) {
            throw new UserException(ExitCode.USAGE, "--data generates levels " + DatasetSkeleton.MIN_LEVEL + " to "
                    + DatasetSkeleton.MAX_LEVEL + ", not --level " + level);
        }
        if (timeColumn != null && task != null && task != TaskOption.forecast) {
            throw new UserException(ExitCode.USAGE, "--time-column is for --task forecast, not --task " + task);
        }
        try {
            return DatasetProfile.read(data, target, task == null ? null : DatasetProfile.Task.valueOf(task.name().toUpperCase(java.util.Locale.ROOT)),
                    timeColumn);
        } catch (DatasetProfile.DataException e) {
            throw new UserException(ExitCode.USAGE, e.getMessage());
        }
    }

    private ProjectHygiene.Options hygiene() {
        try {
            ProjectHygiene.License chosen = ProjectHygiene.License.parse(license);
            ProjectHygiene.Author who = author != null ? ProjectHygiene.Author.parse(author) : ProjectHygiene.Author.fromGitConfig();
            return new ProjectHygiene.Options(chosen, who, ProjectHygiene.Options.checkPython(python));
        } catch (IllegalArgumentException e) {
            throw new UserException(ExitCode.USAGE, e.getMessage());
        }
    }

    private Map<String, Object> variables(ProjectName project) {
        Map<String, Object> vars = TemplateVariables.of(project, project.pkg(), level, focus.name(), Version.get());
        ProjectHygiene.pythonVariables(vars, python);
        return vars;
    }

    private List<PlannedFile> planDataset(TemplateLibrary library, Map<String, Object> variables, DatasetProfile profile) {
        try {
            return new DatasetSkeleton(library).plan(level, variables, profile);
        } catch (ConfigException e) {
            throw new UserException(ExitCode.USAGE, e.getMessage());
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
