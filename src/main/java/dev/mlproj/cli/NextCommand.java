package dev.mlproj.cli;

import dev.mlproj.assess.Assessment;
import dev.mlproj.assess.CriterionResult;
import dev.mlproj.config.ConfigException;
import dev.mlproj.rubric.Rubric;
import dev.mlproj.scaffold.BranchCommitter;
import dev.mlproj.scaffold.BranchNames;
import dev.mlproj.scaffold.GitDirs;
import dev.mlproj.scaffold.NextAdapter;
import dev.mlproj.scaffold.NextLock;
import dev.mlproj.scaffold.Ownership;
import dev.mlproj.scaffold.NextPlanner;
import dev.mlproj.scaffold.RepoProfile;
import dev.mlproj.scaffold.PlannedFile;
import dev.mlproj.scaffold.ProjectWriter;
import dev.mlproj.scaffold.RepoLayout;
import dev.mlproj.scaffold.ScaffoldException;
import dev.mlproj.scaffold.ScaffoldRecord;
import dev.mlproj.scaffold.TemplateLibrary;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

@Command(name = "next", mixinStandardHelpOptions = true,
        description = {"Add what the next level is missing to a repository.",
                "The files are adapted to the repository's package and layout. Never overwrites: an existing file is reported as a conflict and left alone."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:planned or written (also when nothing is missing)",
                "2:bad option, rubric or template; --branch exists or is not a valid name; a file appeared while writing; the repository is another user's",
                "3:the repository could not be read or written; another next is writing into it"})
public final class NextCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "PATH", description = "Repository (default: the current directory).")
    Path path = Path.of(".");

    @Option(names = "--focus", paramLabel = "AREA",
            description = "Also add the next level's pieces for this focus area's walkthrough criteria: ${COMPLETION-CANDIDATES}.")
    NewCommand.Focus focus;

    @Option(names = "--dry-run", description = "Print the plan (each file and the criteria it satisfies); write nothing.")
    boolean dryRun;

    @Option(names = "--branch", paramLabel = "NAME",
            description = "Commit the additions to a new branch NAME (from HEAD) instead of the working tree; your branch, index and files stay as they are.")
    String branch;

    @Mixin
    RubricOptions rubricOptions;

    @Mixin
    TemplateOptions templateOptions;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (branch != null && BranchNames.problem(branch) != null) {
            throw new UserException(ExitCode.USAGE, "--branch '" + branch + "' is not a valid branch name: " + BranchNames.problem(branch));
        }
        Rubric rubric = rubricOptions.load();
        Assessment before = Assessor.assess(path, rubric);
        if (before.atTop()) {
            out.printf("%s is at level %d, the top: nothing to add.%n", path, before.level());
            out.flush();
            return ExitCode.OK;
        }
        checkOwnership();
        int target = before.nextLevel();
        List<String> missing = missing(before);
        RepoLayout layout = RepoLayout.detect(path);
        String focusId = focus != null ? focus.name() : before.focus().dominant() != null ? before.focus().dominant() : "architecture";
        RepoProfile profile = RepoProfile.read(path);
        if (profile.dirty()) {
            out.println(branch != null
                    ? "warning: the work tree has uncommitted changes; --branch commits on top of HEAD, so they are not in the branch"
                    + " (and the files it adds were planned against the work tree as it is)."
                    : "warning: the work tree has uncommitted changes; next writes its files beside them (commit or stash first to"
                    + " review its additions on their own).");
        }
        NextPlanner.NextPlan plan;
        NextAdapter.Adapted adapted;
        try (TemplateLibrary library = templateOptions.open()) {
            var variables = TemplateVariables.of(layout.project(), layout.packageDir(), target, focusId, Version.get());
            plan = new NextPlanner(library).plan(path.toAbsolutePath().normalize(), target, focus == null ? null : focusId, missing,
                    variables);
            adapted = NextAdapter.adapt(path.toAbsolutePath().normalize(), plan, profile, library, variables);
            plan = adapted.plan();
        } catch (ConfigException e) {
            throw new UserException(ExitCode.USAGE, e.getMessage());
        }
        printPlan(out, before, plan, layout);
        if (adapted.wiring() != null) {
            out.println("Service: " + adapted.wiring() + ".");
        }
        // one line per reason, naming its files
        java.util.Map<String, List<String>> byReason = new java.util.LinkedHashMap<>();
        for (String note : adapted.notes()) {
            int colon = note.indexOf(": not written: ");
            byReason.computeIfAbsent(note.substring(colon + 2), k -> new ArrayList<>()).add(note.substring(0, colon));
        }
        byReason.forEach((reason, paths) -> out.println("  " + String.join(", ", paths) + ": " + reason));
        List<PlannedFile> files = plan.toWrite();
        if (dryRun || files.isEmpty()) {
            out.println(dryRun ? "Dry run: nothing was written." : "Nothing to write.");
            out.flush();
            return ExitCode.OK;
        }
        String command = "next (level " + before.level() + " -> " + target + ")";
        try {
            if (branch != null) {
                String id = BranchCommitter.commit(path, branch, files, recordFile(files, command),
                        "mlproj next: level " + target + " pieces\n\nAdded by mlproj " + Version.get() + " for: "
                                + String.join(", ", criteriaOf(files)) + "\n");
                out.printf("Committed %d files to branch %s (%s); your working tree and current branch are unchanged.%n",
                        files.size(), branch, id.substring(0, 12));
                out.printf("Review with: git switch %s%n", branch);
            } else {
                PlannedFile record = recordFile(files, command);
                ProjectWriter.checkAdd(path, files, record); // before the lock: a refused plan writes nothing, not even a lock
                // One writer at a time: a run that planned the same files meanwhile finds them in place under the
                // lock and stops, or finds the lock taken and says who holds it.
                try (NextLock lock = lock()) {
                    ProjectWriter.addFiles(path, files, recordFile(files, command));
                }
                Assessment after = Assessor.assess(path, rubric);
                out.printf("Wrote %d files. Level now: %d (was %d).%n", files.size(), after.level(), before.level());
                if (after.level() == before.level()) {
                    out.println("The level did not rise: what is still missing is listed above; `mlproj assess` shows the rest.");
                }
            }
        } catch (ScaffoldException e) {
            throw new UserException(e.refused() ? ExitCode.USAGE : ExitCode.UNREADABLE, e.getMessage());
        }
        out.flush();
        return ExitCode.OK;
    }

    /**
     * Git's ownership rule before anything is written: the repository (its work-tree top and git
     * directory, or the directory itself outside a repository) must be the user's, or listed in
     * safe.directory.
     */
    private void checkOwnership() {
        Path dir = path.toAbsolutePath().normalize();
        List<Path> dirs = new ArrayList<>();
        Path trustedAs = dir;
        try {
            Optional<GitDirs.Found> repo = GitDirs.nearest(dir);
            if (repo.isPresent()) {
                trustedAs = repo.get().workTree();
                dirs.add(repo.get().workTree());
                dirs.add(repo.get().gitDir());
            } else if (branch != null) {
                throw new UserException(ExitCode.USAGE, "--branch needs a git repository, and " + path + " is not in one");
            }
        } catch (ScaffoldException e) {
            if (branch != null) {
                throw new UserException(ExitCode.USAGE, e.getMessage());
            }
            // Files only: the directory is written into, whatever its broken .git is.
        }
        if (!dirs.contains(dir)) {
            dirs.add(0, dir);
        }
        try {
            Ownership.check(dirs, trustedAs, System.getenv());
        } catch (ScaffoldException e) {
            throw new UserException(ExitCode.USAGE, e.getMessage());
        }
    }

    private NextLock lock() {
        try {
            return NextLock.acquire(path);
        } catch (ScaffoldException e) {
            throw new UserException(e.refused() ? ExitCode.USAGE : ExitCode.UNREADABLE, e.getMessage());
        }
    }

    /** What the next level needs, then (with --focus) that area's unmet walkthrough criteria. */
    private List<String> missing(Assessment a) {
        Set<String> ids = new LinkedHashSet<>();
        for (CriterionResult r : a.next()) {
            ids.add(r.criterion().id());
        }
        if (focus != null) {
            for (CriterionResult r : a.walkthrough()) {
                if (!r.isMet() && r.isApplicable() && r.criterion().focus().equals(focus.name())) {
                    ids.add(r.criterion().id());
                }
            }
        }
        return new ArrayList<>(ids);
    }

    private void printPlan(PrintWriter out, Assessment before, NextPlanner.NextPlan plan, RepoLayout layout) {
        out.printf("%s: level %d -> %d. Package: %s (in %s).%n", path, before.level(), plan.targetLevel(),
                layout.project().pkg(), layout.packageDir());
        if (plan.steps().isEmpty()) {
            out.println("No template provides what is missing.");
        }
        for (NextPlanner.Step step : plan.steps()) {
            out.printf("  %-9s %-44s %s%n", step.conflict() ? "conflict" : "create", step.file().path(),
                    String.join(", ", step.file().criteria()) + (step.conflict() ? " (exists; left alone)" : ""));
        }
        if (!plan.uncovered().isEmpty()) {
            out.println("Still to do by hand (see `mlproj explain ID`): " + String.join(", ", plan.uncovered()));
        }
    }

    private static List<String> criteriaOf(List<PlannedFile> files) {
        Set<String> ids = new LinkedHashSet<>();
        files.forEach(f -> ids.addAll(f.criteria()));
        return new ArrayList<>(ids);
    }

    /** The repository's scaffold record with these files added; one that cannot be read stops `next` before it writes. */
    private PlannedFile recordFile(List<PlannedFile> files, String command) {
        ScaffoldRecord existing;
        try {
            existing = ScaffoldRecord.read(path);
        } catch (IOException e) {
            throw new UserException(ExitCode.UNREADABLE, e.getMessage() + "; nothing was written");
        }
        ScaffoldRecord merged = existing.merge(ScaffoldRecord.of(files, command));
        return new PlannedFile(ScaffoldRecord.PATH, merged.toJson("mlproj " + Version.get()), "mlproj", List.of());
    }
}
