package dev.mlproj.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlproj.testing.Cli;
import dev.mlproj.testing.FixtureRepo;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HistoryCliTest {

    private static final Path EXAMPLES = Path.of("examples");
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A project growing commit by commit, a week apart, from pieces of the examples: notebooks only (level 1),
     * a README, then a package with modules, configuration and tests (level 2), a fix, then a Dockerfile, an
     * API, CI, compose, DVC, monitoring and a load test (level 3). The expected level is beside each commit.
     */
    private static List<String> growingProject(Path dir, List<Integer> expectedLevels) {
        Path l1 = EXAMPLES.resolve("level1-titanic-notebook");
        Path l2 = EXAMPLES.resolve("level2-churn-pipeline");
        Path l3 = EXAMPLES.resolve("level3-recommender-service");
        FixtureRepo repo = FixtureRepo.git(dir);
        List<String> commits = new ArrayList<>();
        repo.copy(l1.resolve("01_titanic_eda.ipynb"), "01_titanic_eda.ipynb")
                .copy(l1.resolve("02_titanic_model.ipynb"), "02_titanic_model.ipynb")
                .copy(l1.resolve("data"), "data").commit("notebooks");
        commits.add(repo.head());
        expectedLevels.add(1);
        repo.file("README.md", "# Churn\n").commit("readme");
        commits.add(repo.head());
        expectedLevels.add(1);
        repo.copy(l2.resolve("src"), "src").copy(l2.resolve("configs"), "configs").copy(l2.resolve("tests"), "tests")
                .copy(l2.resolve("pyproject.toml"), "pyproject.toml").copy(l2.resolve("requirements.txt"), "requirements.txt")
                .commit("a package with modules, configuration and tests");
        commits.add(repo.head());
        expectedLevels.add(2);
        repo.file("README.md", "# Churn\n\nPredicts which customers leave.\n").commit("readme");
        commits.add(repo.head());
        expectedLevels.add(2);
        repo.copy(l3.resolve("Dockerfile"), "Dockerfile").copy(l3.resolve("docker-compose.yml"), "docker-compose.yml")
                .copy(l3.resolve("dvc.yaml"), "dvc.yaml").copy(l3.resolve("data/raw.dvc"), "data/raw.dvc")
                .copy(l3.resolve(".github"), ".github").copy(l3.resolve("monitoring"), "monitoring")
                .copy(l3.resolve("loadtest"), "loadtest");
        for (String module : List.of("api", "batch", "drift", "logging_utils", "predict", "resilience")) {
            repo.copy(l3.resolve("src/recommender/" + module + ".py"), "src/churn/" + module + ".py");
        }
        repo.commit("served: Dockerfile, API, CI, compose, DVC, monitoring, load test");
        commits.add(repo.head());
        expectedLevels.add(3);
        return commits;
    }

    private static JsonNode json(Cli.Result r) throws Exception {
        assertThat(r.exitCode()).as(r.err()).isZero();
        return JSON.readTree(r.out());
    }

    @Test
    void theLevelRisesExactlyWhereTheFeaturesWereAdded(@TempDir Path dir) throws Exception {
        List<Integer> expected = new ArrayList<>();
        List<String> commits = growingProject(dir, expected);

        JsonNode points = json(Cli.run("history", "--format", "json", dir.toString()));

        assertThat(points.isArray()).isTrue();
        assertThat(points).hasSize(commits.size());
        for (int i = 0; i < points.size(); i++) {
            JsonNode p = points.get(i);
            assertThat(p.get("commit").asText()).isEqualTo(commits.get(i));
            assertThat(p.get("level").asInt()).as("level at commit " + i).isEqualTo(expected.get(i));
            assertThat(p.get("date").asText()).isEqualTo(FixtureRepo.EPOCH.plusSeconds(i * 7L * 86_400).toString());
            assertThat(p.get("progress").get("1").asDouble()).isBetween(0.0, 1.0);
            assertThat(p.get("progress").size()).isEqualTo(5);
            assertThat(p.get("commits").asInt()).isEqualTo(i + 1);
        }
        // The work tree's own verdict agrees with the last point.
        JsonNode assess = json(Cli.run("assess", "--format", "json", dir.toString()));
        assertThat(points.get(points.size() - 1).get("level")).isEqualTo(assess.get("level"));
        assertThat(points.get(points.size() - 1).get("progress")).isEqualTo(assess.get("progress"));

        Cli.Result text = Cli.run("history", "--no-color", dir.toString());
        assertThat(text.exitCode()).isZero();
        assertThat(text.out()).startsWith("Level 1 -> 3 over 5 commits, 2025-01-06 to 2025-02-03")
                .contains("5 of 5 first-parent commits (every commit)")
                .contains("2025-01-20  " + commits.get(2).substring(0, 7) + "  2 +1")
                .contains("2025-02-03  " + commits.get(4).substring(0, 7) + "  3 +1")
                .containsPattern("level  \\S{5}  levels 0-5")
                .containsPattern("next   \\S{5}  progress towards the next level");
        assertThat(Cli.run("history", "--quiet", dir.toString()).out()).isEqualTo("Level 1 -> 3 over 5 commits, 2025-01-06 to 2025-02-03\n");
    }

    @Test
    void csvHasOneRowPerPointAndTheCacheChangesNothing(@TempDir Path dir, @TempDir Path out) throws Exception {
        List<String> commits = growingProject(dir, new ArrayList<>());
        Path file = out.resolve("history.csv");

        Cli.Result r = Cli.run("history", "--format", "csv", "--output", file.toString(), dir.toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).isEmpty();
        List<CSVRecord> rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build()
                .parse(new StringReader(Files.readString(file))).getRecords();
        assertThat(rows).hasSize(5);
        assertThat(rows.get(0).getParser().getHeaderNames()).containsExactly("commit", "date", "level", "level_name",
                "research_track", "progress_1", "progress_2", "progress_3", "progress_4", "progress_5", "next_level",
                "next_progress", "files", "commits", "partial");
        assertThat(rows).extracting(row -> row.get("commit")).containsExactlyElementsOf(commits);
        assertThat(rows).extracting(row -> row.get("level")).containsExactly("1", "1", "2", "2", "3");
        assertThat(rows.get(4).get("level_name")).isEqualTo("Production deployment");
        assertThat(Files.list(out)).containsExactly(file); // written through a temporary file, nothing left over

        String cached = Cli.run("history", "--format", "json", dir.toString()).out();
        assertThat(Cli.run("history", "--format", "json", "--no-cache", dir.toString()).out()).isEqualTo(cached);
        Files.writeString(dir.resolve("broken.ipynb"), "{ not json");
        try (Git git = Git.open(dir.toFile())) {
            git.add().addFilepattern("broken.ipynb").call();
            git.commit().setMessage("a broken notebook").setSign(false).call();
        }
        assertThat(Cli.run("history", "--verbose", "--no-color", dir.toString()).out())
                .containsPattern("blob cache: \\d+ hits, \\d+ misses")
                .containsPattern("- [0-9a-f]{7}: broken.ipynb: broken notebook");
    }

    @Test
    void maxAndEverySample(@TempDir Path dir) throws Exception {
        List<String> commits = growingProject(dir, new ArrayList<>());

        JsonNode three = json(Cli.run("history", "--format", "json", "--max", "3", dir.toString()));
        assertThat(three).extracting(p -> p.get("commit").asText())
                .containsExactly(commits.get(0), commits.get(2), commits.get(4));
        JsonNode one = json(Cli.run("history", "--format", "json", "--max", "1", dir.toString()));
        assertThat(one).extracting(p -> p.get("commit").asText()).containsExactly(commits.get(4));

        // Weekly commits: two-week periods from the first commit's day end with the 2nd and 4th commits; the
        // last period holds only the 5th.
        JsonNode fortnightly = json(Cli.run("history", "--format", "json", "--every", "2w", dir.toString()));
        assertThat(fortnightly).extracting(p -> p.get("commit").asText())
                .containsExactly(commits.get(1), commits.get(3), commits.get(4));
        JsonNode iso = json(Cli.run("history", "--format", "json", "--every", "P14D", dir.toString()));
        assertThat(iso).isEqualTo(fortnightly);
        JsonNode weekly = json(Cli.run("history", "--format", "json", "--every", "7d", dir.toString()));
        assertThat(weekly).extracting(p -> p.get("commit").asText()).containsExactlyElementsOf(commits);
        JsonNode monthly = json(Cli.run("history", "--format", "json", "--every", "1m", dir.toString()));
        assertThat(monthly).extracting(p -> p.get("commit").asText()).containsExactly(commits.get(4)); // Jan 6 to Feb 3
        assertThat(Cli.run("history", "--no-color", "--every", "2w", dir.toString()).out())
                .contains("3 of 5 first-parent commits (the last commit of every 14 days)");
    }

    @Test
    void invalidFlagsExitTwoNamingTheFlag(@TempDir Path dir) {
        FixtureRepo.git(dir).file("a.py", "x = 1\n").commit("one");
        String repo = dir.toString();

        assertUsage(Cli.run("history", "--max", "0", repo), "--max must be at least 1, not 0");
        assertUsage(Cli.run("history", "--max", "many", repo), "--max");
        assertUsage(Cli.run("history", "--every", "3x", repo), "--every");
        assertUsage(Cli.run("history", "--every", "PT12H", repo), "'PT12H' is not a period");
        assertUsage(Cli.run("history", "--every", "0d", repo), "'0d' must be longer than zero");
        assertUsage(Cli.run("history", "--max", "3", "--every", "1w", repo), "--max and --every cannot be combined");
        assertUsage(Cli.run("history", "--format", "yaml", repo), "--format");
        assertUsage(Cli.run("history", "--rubric", dir.resolve("missing.yaml").toString(), repo), "missing.yaml");
    }

    private static void assertUsage(Cli.Result r, String message) {
        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains(message);
        assertThat(r.out()).isEmpty();
    }

    @Test
    void repositoriesWithoutAHistoryExitThree(@TempDir Path plain, @TempDir Path empty) {
        FixtureRepo.plain(plain).file("train.py", "import pandas\n");
        FixtureRepo.git(empty);

        Cli.Result notGit = Cli.run("history", plain.toString());
        assertThat(notGit.exitCode()).isEqualTo(ExitCode.UNREADABLE);
        assertThat(notGit.err()).contains(plain + ": not a git repository");
        Cli.Result noCommits = Cli.run("history", empty.toString());
        assertThat(noCommits.exitCode()).isEqualTo(ExitCode.UNREADABLE);
        assertThat(noCommits.err()).contains("no commits yet");
        Cli.Result missing = Cli.run("history", plain.resolve("nope").toString());
        assertThat(missing.exitCode()).isEqualTo(ExitCode.UNREADABLE);
        assertThat(missing.err()).contains("nope: no such file or directory");
        assertThat(notGit.out() + noCommits.out() + missing.out()).isEmpty();
    }

    @Test
    void aShallowCloneSaysItsHistoryIsPartialAndIsStillAssessed(@TempDir Path origin, @TempDir Path clone) throws Exception {
        growingProject(origin, new ArrayList<>());
        Git.cloneRepository().setURI(origin.toUri().toString()).setDirectory(clone.toFile()).setDepth(2).call().close();

        Cli.Result r = Cli.run("history", "--format", "json", clone.toString());

        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).contains("shallow clone: the history is partial").contains("assessing the 2 commits present");
        JsonNode points = JSON.readTree(r.out());
        assertThat(points).hasSize(2);
        assertThat(points).allSatisfy(p -> assertThat(p.get("partial").asBoolean()).isTrue());
        assertThat(points).extracting(p -> p.get("level").asInt()).containsExactly(2, 3);
        assertThat(Cli.run("history", "--no-color", clone.toString()).out()).contains("shallow clone, so the history is partial");
    }

    @Test
    void aBareRepositoryHasAHistoryToo(@TempDir Path origin, @TempDir Path bare) throws Exception {
        growingProject(origin, new ArrayList<>());
        Git.cloneRepository().setURI(origin.toUri().toString()).setDirectory(bare.toFile()).setBare(true).call().close();

        JsonNode fromBare = json(Cli.run("history", "--format", "json", bare.toString()));
        JsonNode fromWorkTree = json(Cli.run("history", "--format", "json", origin.toString()));

        assertThat(fromBare).isEqualTo(fromWorkTree);
    }

    @Test
    void durationsParse() {
        HistoryCommand.PeriodConverter c = new HistoryCommand.PeriodConverter();
        assertThat(c.convert("7d")).isEqualTo(Period.ofDays(7));
        assertThat(c.convert("2w")).isEqualTo(Period.ofWeeks(2));
        assertThat(c.convert("1M")).isEqualTo(Period.ofMonths(1));
        assertThat(c.convert("1y")).isEqualTo(Period.ofYears(1));
        assertThat(c.convert("P14D")).isEqualTo(Period.ofDays(14));
        assertThat(c.convert("P1Y2M")).isEqualTo(Period.of(1, 2, 0));
        assertThatThrownBy(() -> c.convert("-1d")).hasMessageContaining("not a period");
        assertThat(HistoryCommand.describe(Period.of(1, 2, 0))).isEqualTo("1 year 2 months");
    }
}
