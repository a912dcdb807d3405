package dev.mlproj.cli;

import dev.mlproj.assess.Assessment;
import dev.mlproj.assess.Evaluator;
import dev.mlproj.assess.ScaffoldStatus;
import dev.mlproj.rubric.Rubric;
import dev.mlproj.rubric.RubricLoader;
import dev.mlproj.config.ConfigException;
import dev.mlproj.scaffold.ScaffoldRecord;
import dev.mlproj.scaffold.TemplateFingerprints;
import dev.mlproj.scaffold.TemplateLibrary;
import dev.mlproj.scan.RepoFacts;
import dev.mlproj.scan.ScanException;
import dev.mlproj.scan.Scanner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

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
        requireDirectory(path);
        Set<String> untouched = new TreeSet<>();
        String problem = null;
        try {
            untouched.addAll(ScaffoldRecord.read(path).untouched(path));
        } catch (IOException e) {
            problem = e.getMessage() + "; scaffold provenance not checked";
        }
        if (gate) {
            // The record is the judged repository's own file: at a gate, generated files are also
            // recognised by their content, so deleting the record earns nothing.
            try (TemplateLibrary library = TemplateLibrary.builtin()) {
                untouched.addAll(TemplateFingerprints.untouched(path, library, Version.get()));
            } catch (IOException | ConfigException e) {
                problem = "generated files could not be recognised by content (" + e.getMessage() + ")";
            }
        }
        RepoFacts facts;
        try {
            facts = new Scanner().scan(path, RubricLoader.queries(rubric), gate ? untouched : Set.of());
        } catch (ScanException e) {
            throw new UserException(ExitCode.UNREADABLE, e.getMessage());
        }
        return new Evaluator(rubric).evaluate(facts, null)
                .withScaffold(new ScaffoldStatus(List.copyOf(untouched), gate && !untouched.isEmpty(), problem));
    }
}
