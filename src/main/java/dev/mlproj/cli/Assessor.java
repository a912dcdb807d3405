package dev.mlproj.cli;

import dev.mlproj.assess.Assessment;
import dev.mlproj.assess.Evaluator;
import dev.mlproj.rubric.Rubric;
import dev.mlproj.rubric.RubricLoader;
import dev.mlproj.scan.RepoFacts;
import dev.mlproj.scan.ScanException;
import dev.mlproj.scan.Scanner;

import java.nio.file.Files;
import java.nio.file.Path;

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
        requireDirectory(path);
        RepoFacts facts;
        try {
            facts = new Scanner().scan(path, RubricLoader.queries(rubric));
        } catch (ScanException e) {
            throw new UserException(ExitCode.UNREADABLE, e.getMessage());
        }
        return new Evaluator(rubric).evaluate(facts, null);
    }
}
