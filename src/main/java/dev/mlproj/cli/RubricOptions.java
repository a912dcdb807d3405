package dev.mlproj.cli;

import dev.mlproj.config.ConfigException;
import dev.mlproj.rubric.Rubric;
import dev.mlproj.rubric.RubricLoader;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** --rubric FILE (repeatable): replace or extend the built-in rubric. */
public final class RubricOptions {

    @Option(names = "--rubric", paramLabel = "FILE",
            description = "A rubric file to use instead of the built-in one, or to extend it (extends: builtin). Repeatable.")
    List<Path> rubrics = new ArrayList<>();

    Rubric load() {
        try {
            return new RubricLoader().load(rubrics);
        } catch (ConfigException e) {
            throw new UserException(ExitCode.USAGE, e.getMessage());
        }
    }
}
