package dev.mlproj.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16.11: two notebooks just under the 32 MiB cap exhausted the heap (no report at all). Big files are
 * now analysed one at a time, so the packaged jar assesses both in a heap that holds about one and a half.
 */
class NotebookMemoryIT {

    private static void notebook(Path file) throws Exception {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("{\"cells\": [{\"cell_type\": \"code\", \"execution_count\": 1, \"metadata\": {}, \"outputs\": [], \"source\": [\n");
            out.write("  \"import pandas as pd\\n\",\n  \"df = pd.read_csv('x.csv')\\n\",\n");
            for (int i = 0; i < 600_000; i++) {
                out.write("  \"x" + i + " = df['c" + i + "'].mean() + 1  # \u00e9\\n\",\n");
            }
            out.write("  \"print(df)\\n\"\n]}], \"metadata\": {}, \"nbformat\": 4, \"nbformat_minor\": 5}\n");
        }
        assertThat(Files.size(file)).isBetween(27L << 20, 32L << 20);
    }

    @Test
    void twoNotebooksJustUnderTheCapAreAssessedInABoundedHeap(@TempDir Path dir) throws Exception {
        String jar = System.getProperty("mlproj.jar");
        assertThat(jar).as("failsafe passes -Dmlproj.jar").isNotBlank();
        Path repo = Files.createDirectories(dir.resolve("repo"));
        notebook(repo.resolve("a.ipynb"));
        Files.copy(repo.resolve("a.ipynb"), repo.resolve("b.ipynb"));
        Path out = dir.resolve("out.json");

        Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m",
                "-jar", jar, "assess", "--format", "json", "--output", out.toString(), repo.toString()))
                .redirectErrorStream(true).redirectOutput(dir.resolve("log.txt").toFile()).start();
        assertThat(p.waitFor(10, TimeUnit.MINUTES)).as("assess ended").isTrue();

        String log = Files.readString(dir.resolve("log.txt"));
        assertThat(p.exitValue()).as(log).isZero();
        assertThat(log).doesNotContain("OutOfMemoryError");
        assertThat(Files.readString(out)).contains("a.ipynb").contains("b.ipynb");
    }
}
