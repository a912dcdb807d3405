package dev.mlproj.cli;

import dev.mlproj.testing.FixtureRepo;
import dev.mlproj.testing.TrickleServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 16.7: every result was lost when a batch run was killed; now the rows finished are written. */
class BatchSignalIT {

    @Test
    void aStoppedBatchWritesTheRowsItFinished(@TempDir Path dir) throws Exception {
        String jar = System.getProperty("mlproj.jar");
        assertThat(jar).as("failsafe passes -Dmlproj.jar").isNotBlank();
        FixtureRepo.git(dir.resolve("good")).file("train.py", "import pandas as pd\ndf = pd.read_csv('d.csv')\n").commit("one");
        try (TrickleServer server = new TrickleServer(1000)) {
            Files.writeString(dir.resolve("cohort.csv"), "name,url\ngood,good\nslow," + server.url("slow.git") + "\n");
            Path out = dir.resolve("results.csv");
            Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar,
                    "batch", "cohort.csv", "--jobs", "1", "--verbose", "--cache", dir.resolve("cache").toString(), "--output", out.toString()))
                    .directory(dir.toFile()).redirectOutput(dir.resolve("stdout.txt").toFile()).start();
            try (BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = err.readLine()) != null && !line.startsWith("mlproj: good: level")) {
                    // wait until the first row is done and the second is stuck on the trickling server
                }
                assertThat(line).as("the first row's progress line").isNotNull();
                p.destroy(); // SIGTERM, as a CI runner cancelling a job sends
                assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            } finally {
                p.destroyForcibly();
            }
            List<String> rows = Files.readAllLines(out);
            assertThat(rows).hasSize(3);
            assertThat(rows.get(1)).startsWith("good,good,,1,").doesNotContain("not assessed");
            assertThat(rows.get(2)).startsWith("slow,").contains("not assessed: the batch was stopped before this row finished");
        }
    }
}
