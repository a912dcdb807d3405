package dev.mlproj.cli;

import dev.mlproj.testing.Cli;
import dev.mlproj.testing.FixtureRepo;
import dev.mlproj.testing.Special;
import dev.mlproj.testing.TrickleServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 16.7: one slow URL stalled a whole batch forever (the 120 s limit covered only silence). */
class BatchDeadlineTest {

    @Test
    void aServerTricklingBytesIsCutOffByTheRowDeadlineAndTheOtherRowsAreKept(@TempDir Path dir) throws Exception {
        Path good = FixtureRepo.git(dir.resolve("good")).file("train.py", "import pandas as pd\ndf = pd.read_csv('d.csv')\n")
                .commit("one").root();
        try (TrickleServer server = new TrickleServer(500)) {
            Path csv = Files.writeString(dir.resolve("cohort.csv"), "name,url\nslow," + server.url("slow.git") + "\ngood,good\n");
            Path out = dir.resolve("results.csv");

            Cli.Result r = Special.run("batch", csv.toString(), "--timeout", "15", "--jobs", "2", "--cache", dir.resolve("cache").toString(),
                    "--output", out.toString());

            assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.UNREADABLE);
            String results = Files.readString(out);
            assertThat(results).contains("slow,").contains("timed out: not finished within 15 s (--timeout), fetch included");
            assertThat(results.lines().filter(l -> l.startsWith("good,")).findFirst().orElseThrow()).doesNotContain("timed out");
            assertThat(r.err()).doesNotContain("\tat ");
        }
    }

    @Test
    void aTimeoutBelowOneSecondIsAUsageError() {
        Cli.Result r = Cli.run("batch", "cohort.csv", "--timeout", "0");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("--timeout must be at least 1 second");
    }
}
