package dev.mlproj.cli;

import dev.mlproj.assess.Assessment;
import dev.mlproj.assess.Evaluator;
import dev.mlproj.assess.ScaffoldStatus;
import dev.mlproj.rubric.Rubric;
import dev.mlproj.rubric.RubricLoader;
import dev.mlproj.scaffold.ScaffoldRecord;
import dev.mlproj.scan.RepoFacts;
import dev.mlproj.scan.ScanException;
import dev.mlproj.scan.Scanner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** Scan then judge: the one way every command assesses a repository, with the errors mapped for the user. */
final class Assessor {

    private Assessor() {
    }

    static void requireDirectory(Path path) {
        if (!Files.exists(path)) {
            throw new UserException(ExitCode.UNREADABLE, path + ": no such file or directory");
        }
        if (!Files.isDirectory(path)) {
            throw new UserException(ExitCode.UNREADABLE, path + ": not a directory");
        }
    }

    static Assessment assess(Path path, Rubric rubric) {
        return assess(path, rubric, false);
    }

    /** @param gate true at a CI gate: generated files nobody has touched are left out and earn nothing */
    static Assessment assess(Path path, Rubric rubric, boolean gate) {
        return assess(path, rubric, gate, Runtime.getRuntime().availableProcessors());
    }

    /** @param scanThreads threads for this one scan: fewer when several repositories are assessed at once */
    static Assessment assess(Path path, Rubric rubric, boolean gate, int scanThreads) {
        requireDirectory(path);
        Set<String> untouched = Set.of();
        String problem = null;
        try {
            untouched = ScaffoldRecord.read(path).untouched(path);
        } catch (IOException e) {
            problem = e.getMessage() + "; scaffold provenance not checked";
        }
        RepoFacts facts;
        try {
            facts = new Scanner(Scanner.DEFAULT_SIZE_CAP, scanThreads).scan(path, RubricLoader.queries(rubric), gate ? untouched : Set.of());
        } catch (ScanException e) {
            throw new UserException(ExitCode.UNREADABLE, e.getMessage());
        }
        return new Evaluator(rubric).evaluate(facts, null)
                .withScaffold(new ScaffoldStatus(List.copyOf(untouched), gate && !untouched.isEmpty(), problem));
    }
}
