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

    /**
     * The tree the inputs come from: -Dmlproj.bench.inputs (any checkout, say a synthetic repository from
     * generate_repo.py), or the examples.
     */
    static Path inputs() {
        String given = System.getProperty("mlproj.bench.inputs");
        return given != null ? Path.of(given) : root().resolve("examples");
    }

    /**
     * Every file of the input tree with the given suffix, in a fixed order, at most -Dmlproj.bench.maxFiles
     * of them (default 2,000), so that a large tree still fits in memory and a benchmark op stays short.
     */
    static List<String> exampleFiles(String suffix) throws IOException {
        long max = Long.getLong("mlproj.bench.maxFiles", 2000);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(inputs())) {
            files = walk.filter(p -> p.toString().endsWith(suffix) && !p.toString().contains("/.git/"))
                    .sorted().limit(max).toList();
        }
        List<String> out = new ArrayList<>();
        for (Path f : files) {
            out.add(Files.readString(f, StandardCharsets.UTF_8));
        }
        if (out.isEmpty()) {
            throw new IllegalStateException("no *" + suffix + " under " + inputs() + "; run from the project directory");
        }
        return out;
    }

    /** The scan's compiled queries for the built-in rubric, as assess uses them. */
    static Scanner.Queries builtinQueries() throws ConfigException {
        return Scanner.compile(RubricLoader.queries(new RubricLoader().builtin()));
    }
}
