package dev.mlproj.testing;

import dev.mlproj.assess.Assessment;
import dev.mlproj.assess.CriterionResult;
import dev.mlproj.assess.Evaluator;
import dev.mlproj.assess.Outcome;
import dev.mlproj.config.ConfigException;
import dev.mlproj.rubric.Rubric;
import dev.mlproj.rubric.RubricLoader;
import dev.mlproj.scan.RepoFacts;
import dev.mlproj.scan.ScanException;
import dev.mlproj.scan.Scanner;

import java.nio.file.Path;
import java.util.stream.Stream;

/** Runs the real scan and evaluation with the built-in rubric. */
public final class Assess {

    private static Rubric builtin;

    private Assess() {
    }

    public static synchronized Rubric rubric() {
        if (builtin == null) {
            try {
                builtin = new RubricLoader().builtin();
            } catch (ConfigException e) {
                throw new IllegalStateException(e);
            }
        }
        return builtin;
    }

    public static RepoFacts scan(Path root) {
        try {
            return new Scanner().scan(root, RubricLoader.queries(rubric()));
        } catch (ScanException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Assessment assess(Path root) {
        return new Evaluator(rubric()).evaluate(scan(root), null);
    }

    public static Outcome outcome(Assessment a, String id) {
        return Stream.concat(a.results().stream(), a.walkthrough().stream())
                .filter(r -> r.criterion().id().equals(id)).map(CriterionResult::outcome)
                .findFirst().orElseThrow(() -> new AssertionError("no criterion " + id));
    }

    public static CriterionResult result(Assessment a, String id) {
        return Stream.concat(a.results().stream(), a.walkthrough().stream())
                .filter(r -> r.criterion().id().equals(id)).findFirst().orElseThrow();
    }
}
