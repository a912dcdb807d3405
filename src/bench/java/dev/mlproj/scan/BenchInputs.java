package dev.mlproj.scan;

import dev.mlproj.config.ConfigException;
import dev.mlproj.rubric.RubricLoader;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Real inputs for the micro-benchmarks: the examples' own files and the built-in rubric's patterns. */
final class BenchInputs {

    private BenchInputs() {
    }

    /** The project directory: -Dmlproj.root, or the working directory Maven runs in. */
    static Path root() {
        return Path.of(System.getProperty("mlproj.root", "."));
    }

    /** Every file of the examples with the given suffix, concatenated in a fixed order. */
    static List<String> exampleFiles(String suffix) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root().resolve("examples"))) {
            files = walk.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        }
        List<String> out = new ArrayList<>();
        for (Path f : files) {
            out.add(Files.readString(f, StandardCharsets.UTF_8));
        }
        if (out.isEmpty()) {
            throw new IllegalStateException("no *" + suffix + " under " + root().resolve("examples") + "; run from the project directory");
        }
        return out;
    }

    /** The scan's compiled queries for the built-in rubric, as assess uses them. */
    static Scanner.Queries builtinQueries() throws ConfigException {
        return new Scanner.Queries(RubricLoader.queries(new RubricLoader().builtin()));
    }
}
