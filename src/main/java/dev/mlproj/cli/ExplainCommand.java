package dev.mlproj.cli;

import dev.mlproj.rubric.Criterion;
import dev.mlproj.rubric.Rubric;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Explain one criterion: why it matters, how it is detected, how to satisfy it.")
public final class ExplainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ID", description = "Criterion id (see `mlproj rubric list`).")
    String id;

    @Mixin
    RubricOptions rubricOptions;

    @Override
    public Integer call() {
        Rubric rubric = rubricOptions.load();
        Criterion c = RubricCommand.find(rubric, id);
        PrintWriter out = spec.commandLine().getOut();
        out.println(describe(rubric, c));
        out.flush();
        return ExitCode.OK;
    }

    static String describe(Rubric rubric, Criterion c) {
        StringBuilder sb = new StringBuilder();
        sb.append(c.id()).append(": ").append(c.title()).append('\n');
        sb.append(c.isWalkthrough() ? "Walkthrough readiness (does not move the level)"
                : "Level " + c.level() + " (" + rubric.level(c.level()).name() + ")");
        sb.append(" | focus: ").append(c.focus()).append(" | weight: ").append(c.weight()).append("\n\n");
        sb.append("Why it matters\n  ").append(c.why()).append("\n  Source: ").append(c.source()).append("\n\n");
        sb.append("How it is detected\n  ").append(c.detection()).append("\n\n");
        sb.append("How to satisfy it\n  ").append(c.fix());
        if (c.scaffold() != null) {
            sb.append("\n  Scaffolded by the '").append(c.scaffold()).append("' templates (mlproj new / mlproj next).");
        }
        return sb.toString();
    }
}
