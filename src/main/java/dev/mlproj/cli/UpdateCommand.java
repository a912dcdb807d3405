package dev.mlproj.cli;

import dev.mlproj.config.ConfigException;
import dev.mlproj.scaffold.ProjectUpdater;
import dev.mlproj.scaffold.ScaffoldException;
import dev.mlproj.scaffold.TemplateLibrary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "update", mixinStandardHelpOptions = true,
        description = {"Bring a project made by `mlproj new` up to the current templates.",
                "Renders the project again from the answers in .mlproj/scaffold.json: files you never changed are refreshed,"
                        + " files both you and the template changed are merged line by line (conflict markers where you both"
                        + " changed the same lines); nothing you wrote is dropped. Reports what it did to each file."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:updated, or already current (with --check: current)",
                "1:with --check: behind its templates; otherwise: written, with conflicts left to resolve",
                "2:no scaffold record or no recorded answers; bad --templates", "3:a file could not be read or written"})
public final class UpdateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "PATH", description = "Project (default: the current directory).")
    Path path = Path.of(".");

    @Option(names = "--check", description = "Write nothing; exit 1 when the project is behind its templates (for CI).")
    boolean check;

    @Option(names = "--dry-run", description = "Print what would be done to each file; write nothing.")
    boolean dryRun;

    @Option(names = "--base-templates", paramLabel = "DIR",
            description = "The templates tree the project was generated with: merge bases are rendered from it"
                    + " (otherwise they are found in the project's git history).")
    Path baseTemplates;

    @Mixin
    TemplateOptions templateOptions;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Assessor.requireDirectory(path);
        ProjectUpdater.Plan plan;
        try (TemplateLibrary library = templateOptions.open(); TemplateLibrary base = openBase()) {
            plan = ProjectUpdater.plan(path, library, base);
        } catch (ConfigException e) {
            throw new UserException(ExitCode.USAGE, e.getMessage());
        } catch (ScaffoldException e) {
            throw new UserException(e.refused() ? ExitCode.USAGE : ExitCode.UNREADABLE, e.getMessage());
        }
        if (check) {
            if (plan.behind()) {
                out.printf("%s is behind its templates (generated with template version %s, now %s); run `mlproj update %s`.%n",
                        path, plan.fromVersion(), plan.toVersion(), path);
                report(out, plan, true);
            } else {
                out.printf("%s is current (template version %s).%n", path, plan.toVersion());
            }
            out.flush();
            return plan.behind() ? ExitCode.GATE_FAILED : ExitCode.OK;
        }
        if (!plan.behind()) {
            out.printf("%s is current (template version %s): nothing to update.%n", path, plan.toVersion());
            out.flush();
            return ExitCode.OK;
        }
        out.printf("%s: template version %s -> %s%n", path, plan.fromVersion(), plan.toVersion());
        report(out, plan, false);
        if (dryRun) {
            out.println("Dry run: nothing was written.");
            out.flush();
            return ExitCode.OK;
        }
        try {
            ProjectUpdater.apply(path, plan);
        } catch (ScaffoldException e) {
            throw new UserException(e.refused() ? ExitCode.USAGE : ExitCode.UNREADABLE, e.getMessage());
        }
        long written = plan.writes().size();
        if (plan.conflicts()) {
            out.printf("Wrote %d files; resolve the conflict markers (<<<<<<< yours / >>>>>>> template) in the files marked conflict.%n", written);
            out.flush();
            return ExitCode.GATE_FAILED;
        }
        out.printf("Wrote %d files; the record now names template version %s.%n", written, plan.toVersion());
        out.flush();
        return ExitCode.OK;
    }

    private static void report(PrintWriter out, ProjectUpdater.Plan plan, boolean changesOnly) {
        for (ProjectUpdater.FileUpdate f : plan.files()) {
            if (f.action() == ProjectUpdater.Action.CURRENT) {
                continue;
            }
            out.printf("  %-11s %s%s%n", f.action().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'), f.path(),
                    f.detail().isEmpty() ? (f.action().label().contains(" ") ? " (" + f.action().label() + ")" : "") : " (" + f.detail() + ")");
        }
        if (!changesOnly) {
            long current = plan.files().stream().filter(f -> f.action() == ProjectUpdater.Action.CURRENT).count();
            out.printf("  %d files unchanged by the template.%n", current);
        }
    }

    private TemplateLibrary openBase() {
        if (baseTemplates == null) {
            return null;
        }
        try {
            return TemplateLibrary.fromDirectory(baseTemplates);
        } catch (ConfigException e) {
            throw new UserException(ExitCode.USAGE, "--base-templates: " + e.getMessage());
        }
    }
}
