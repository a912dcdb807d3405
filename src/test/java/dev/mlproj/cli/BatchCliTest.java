package dev.mlproj.cli;

import dev.mlproj.testing.Cli;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import dev.mlproj.testing.FixtureRepo;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** `mlproj batch` and `batch merge` through the real command line, on fixture repositories cloned over file://. */
class BatchCliTest {

    private static final Path EXAMPLES = Path.of("examples").toAbsolutePath();
    private static final String[] KINDS = {"level0-todo-api", "level1-titanic-notebook", "level2-churn-pipeline",
            "level3-recommender-service", "level4-fraud-platform", "level5-ssl-research"};
    private static final int BROKEN = 7;

    @TempDir
    static Path shared;
    static Path cohort;
    static Path cache;
    /** The unsharded run at --jobs 2 that the other runs are compared with. */
    static Cli.Result reference;
    static Path referenceDir;

    @TempDir
    Path temp;

    /** Twenty repositories made from the examples, one commit each; row 7 points at a repository that does not exist. */
    @BeforeAll
    static void cohort() throws IOException {
        List<String> lines = new ArrayList<>(List.of("name,url"));
        for (int i = 1; i <= 20; i++) {
            String name = String.format("student-%02d", i);
            Path dir = shared.resolve("repos").resolve(name);
            if (i == BROKEN) {
                lines.add(name + "," + dir.toUri());
                continue;
            }
            FixtureRepo.git(dir).copy(EXAMPLES.resolve(KINDS[i % KINDS.length]))
                    .file("AUTHORS.md", "# " + name + "\n").commit("Import the project");
            lines.add(name + "," + dir.toUri());
        }
        cohort = shared.resolve("cohort.csv");
        Files.writeString(cohort, String.join("\n", lines) + "\n");
        cache = shared.resolve("cache");
        referenceDir = shared.resolve("out");
        reference = Cli.run("batch", cohort.toString(), "--cache", cache.toString(), "--output-dir", referenceDir.toString(), "--jobs", "2");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The data rows of a results CSV, each as its fields by column index. */
    private static List<String[]> rows(String csv) {
        try (CSVParser parser = CSVParser.parse(csv, CSVFormat.DEFAULT)) {
            return parser.getRecords().stream().skip(1).map(CSVRecord::values).toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void twentyRepositoriesWithOneBrokenGiveNineteenResultsAndOneErrorRow() {
        assertThat(reference.exitCode()).as(reference.err()).isEqualTo(ExitCode.UNREADABLE);
        String csv = read(referenceDir.resolve("results.csv"));
        List<String[]> rows = rows(csv);
        assertThat(rows).hasSize(20);
        assertThat(rows.stream().filter(r -> r[20].isEmpty())).hasSize(19);
        String[] broken = rows.get(BROKEN - 1);
        assertThat(broken[0]).isEqualTo("student-07");
        assertThat(broken[5]).isEmpty();
        assertThat(broken[20]).startsWith("clone file:").contains("student-07");
        for (String[] row : rows) {
            if (!row[0].equals("student-07")) {
                int kind = Integer.parseInt(row[0].substring(8)) % KINDS.length;
                assertThat(row[5]).as(row[0] + " is a copy of " + KINDS[kind]).isEqualTo(String.valueOf(kind));
                assertThat(row[4]).matches("[0-9a-f]{40}");
            }
        }
        assertThat(rows).extracting(r -> r[3]).containsExactlyElementsOf(
                java.util.stream.IntStream.rangeClosed(1, 20).mapToObj(String::valueOf).toList());
        assertThat(reference.err().lines()).containsExactly("mlproj: warning: student-07: " + broken[20]);
        assertThat(reference.out()).startsWith("Assessed 19 of 20 repositories; 1 could not be assessed. Wrote ");
        String md = read(referenceDir.resolve("leaderboard.md"));
        assertThat(md).contains("20 repositories: 19 assessed, 1 error.").contains("| error | 1 |").contains("| student-07 | file:");
        assertThat(md.indexOf("student-05 |")).as("level 5 ranks above level 0").isLessThan(md.indexOf("student-06 |"));
    }

    @Test
    void oneJobGivesTheSameResultsAsTwo() {
        Path out = temp.resolve("jobs1.csv");
        Cli.Result r = Cli.run("batch", cohort.toString(), "--cache", cache.toString(), "--output", out.toString(), "--jobs", "1", "--quiet");
        assertThat(r.exitCode()).isEqualTo(ExitCode.UNREADABLE);
        assertThat(r.out()).isEmpty();
        assertThat(read(out)).isEqualTo(read(referenceDir.resolve("results.csv")));
    }

    @Test
    void shardsMergedGiveTheUnshardedOutput() {
        Path out = temp.resolve("shards");
        for (String shard : List.of("2/2", "1/2")) {
            Cli.Result r = Cli.run("batch", cohort.toString(), "--cache", cache.toString(), "--output-dir", out.toString(), "--shard", shard);
            assertThat(r.exitCode()).isIn(ExitCode.OK, ExitCode.UNREADABLE);
        }
        assertThat(out.resolve("results-shard-1-of-2.csv")).exists();
        assertThat(out.resolve("leaderboard-shard-2-of-2.md")).exists();
        assertThat(rows(read(out.resolve("results-shard-1-of-2.csv")))).extracting(row -> row[3])
                .containsExactly("1", "3", "5", "7", "9", "11", "13", "15", "17", "19");
        Path merged = temp.resolve("merged.csv");
        Path board = temp.resolve("merged.md");
        Cli.Result m = Cli.run("batch", "merge", out.resolve("results-shard-2-of-2.csv").toString(),
                out.resolve("results-shard-1-of-2.csv").toString(), "--output", merged.toString(), "--markdown", board.toString());
        assertThat(m.exitCode()).as(m.err()).isZero();
        assertThat(m.err()).isEmpty();
        assertThat(read(merged)).isEqualTo(read(referenceDir.resolve("results.csv")));
        assertThat(read(board)).isEqualTo(read(referenceDir.resolve("leaderboard.md")));

        Cli.Result overlap = Cli.run("batch", "merge", out.resolve("results-shard-1-of-2.csv").toString(),
                out.resolve("results-shard-1-of-2.csv").toString());
        assertThat(overlap.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(overlap.err()).contains("results-shard-1-of-2.csv:2:1: 'student-01' is also at ");
        Cli.Result partial = Cli.run("batch", "merge", out.resolve("results-shard-2-of-2.csv").toString());
        assertThat(partial.exitCode()).isZero();
        assertThat(partial.err()).contains("warning: input rows 1, 3, 5, 7, 9, 11, 13, 15, 17, 19 are in none of the files");
        assertThat(partial.out()).startsWith("name,url,rev,input_row,");
    }

    @Test
    void aRevColumnChecksOutThatRevision() throws Exception {
        FixtureRepo repo = FixtureRepo.git(temp.resolve("project"))
                .copy(EXAMPLES.resolve("level1-titanic-notebook")).commit("Notebooks").tag("notebooks")
                .copy(EXAMPLES.resolve("level3-recommender-service")).commit("The service");
        String first = repo.git().getRepository().resolve("notebooks^{commit}").name();
        String last = repo.git().getRepository().resolve("HEAD").name();
        Path csv = temp.resolve("revs.csv");
        Files.writeString(csv, "name,url,rev\n"
                + "then," + repo.root().toUri() + ",notebooks\n"
                + "now," + repo.root().toUri() + ",main\n"
                + "by-sha,project," + first.substring(0, 12) + "\n"
                + "in-place,project,\n"
                + "typo,project,mian\n");
        Cli.Result r = Cli.run("batch", csv.toString(), "--cache", temp.resolve("cache").toString());
        assertThat(r.exitCode()).isEqualTo(ExitCode.UNREADABLE);
        List<String[]> rows = rows(r.out());
        assertThat(rows.get(0)).startsWith("then", repo.root().toUri().toString(), "notebooks", "1", first, "1");
        assertThat(rows.get(1)).startsWith("now", repo.root().toUri().toString(), "main", "2", last, "3");
        assertThat(rows.get(2)[4]).isEqualTo(first);
        assertThat(rows.get(2)[5]).isEqualTo("1");
        assertThat(rows.get(3)[4]).isEqualTo(last);
        assertThat(rows.get(3)[5]).isEqualTo("3");
        assertThat(rows.get(4)[20]).isEqualTo("rev 'mian' not found in " + repo.root().toUri().toString().replaceAll("/$", "")
                + " (no such branch, tag or commit)");
        assertThat(Files.readString(repo.root().resolve("README.md"))).as("the user's work tree is left alone")
                .isEqualTo(Files.readString(EXAMPLES.resolve("level3-recommender-service/README.md")));
    }

    @Test
    void localPathsResolveAgainstTheCsvAndBrokenOnesAreErrorRows() throws Exception {
        FixtureRepo.plain(temp.resolve("cohort/plain")).copy(EXAMPLES.resolve("level2-churn-pipeline"));
        Files.writeString(temp.resolve("cohort/file.txt"), "not a directory");
        Path csv = temp.resolve("cohort/list.csv");
        Files.writeString(csv, "name,url\nplain,plain\nmissing,gone\nfile,file.txt\n");
        Path board = temp.resolve("board.md");
        Cli.Result r = Cli.run("batch", csv.toString(), "--markdown", board.toString(), "--cache", temp.resolve("cache").toString());
        assertThat(r.exitCode()).isEqualTo(ExitCode.UNREADABLE);
        List<String[]> rows = rows(r.out());
        assertThat(rows.get(0)[5]).isEqualTo("2");
        assertThat(rows.get(0)[4]).as("not a git repository: no commit").isEmpty();
        assertThat(rows.get(1)[20]).isEqualTo(temp.resolve("cohort/gone") + ": no such file or directory");
        assertThat(rows.get(2)[20]).isEqualTo(temp.resolve("cohort/file.txt") + ": not a directory");
        assertThat(r.err().lines()).hasSize(2).allMatch(l -> l.startsWith("mlproj: warning: "));
        assertThat(Files.readString(board)).contains("3 repositories: 1 assessed, 2 errors.");
    }

    @Test
    void minLevelGatesEveryRowAndErrorRowsFailIt() throws Exception {
        FixtureRepo.plain(temp.resolve("one")).copy(EXAMPLES.resolve("level1-titanic-notebook"));
        FixtureRepo.plain(temp.resolve("three")).copy(EXAMPLES.resolve("level3-recommender-service"));
        Path csv = temp.resolve("gate.csv");
        Files.writeString(csv, "name,url\none,one\nthree,three\n");
        Cli.Result pass = Cli.run("batch", csv.toString(), "--min-level", "1", "--quiet");
        assertThat(pass.exitCode()).isZero();
        Cli.Result fail = Cli.run("batch", csv.toString(), "--min-level", "2", "--quiet");
        assertThat(fail.exitCode()).isEqualTo(ExitCode.GATE_FAILED);
        assertThat(fail.err()).contains("gate failed: 1 of 2 repositories below --min-level 2 or not assessed: one");
        Files.writeString(csv, "name,url\none,one\nthree,three\nlost,nowhere\n");
        Cli.Result broken = Cli.run("batch", csv.toString(), "--min-level", "0", "--quiet");
        assertThat(broken.exitCode()).isEqualTo(ExitCode.GATE_FAILED);
        assertThat(broken.err()).contains("1 of 3 repositories below --min-level 0 or not assessed: lost");
        assertThat(Cli.run("batch", csv.toString(), "--min-level", "6").exitCode()).isEqualTo(ExitCode.USAGE);
    }

    @Test
    void badInputsExitTwoNamingFileLineAndColumn() throws Exception {
        Path csv = temp.resolve("bad.csv");
        Files.writeString(csv, "name,link\na,/r/a\n");
        assertUsage(Cli.run("batch", csv.toString()), csv + ":1:1: the header has no 'url' column");
        Files.writeString(csv, "name,url\na,/r/a\n,/r/b\n");
        assertUsage(Cli.run("batch", csv.toString()), csv + ":3:1: empty name");
        Files.writeString(csv, "url,name\n/r/a,a\n/r/b,b\n/r/c,a\n");
        assertUsage(Cli.run("batch", csv.toString()), csv + ":4:6: duplicate name 'a' (first on line 2)");
        Files.writeString(csv, "name,url\na,\"/r/a\n");
        assertUsage(Cli.run("batch", csv.toString()), csv + ":2:1: malformed CSV");
        Files.writeString(csv, "name,url\na,/r/a\n");
        assertUsage(Cli.run("batch", csv.toString(), "--shard", "3/2"), "Invalid value for option '--shard': '3/2': K must be between 1 and 2");
        assertUsage(Cli.run("batch", csv.toString(), "--shard", "0/2"), "'0/2': K must be between 1 and 2");
        assertUsage(Cli.run("batch", csv.toString(), "--shard", "half"), "'half' is not K/N");
        assertUsage(Cli.run("batch", csv.toString(), "--jobs", "0"), "--jobs must be at least 1, not 0");
        assertUsage(Cli.run("batch", csv.toString(), "--output", "a.csv", "--output-dir", "out"), "--output and --output-dir are alternatives");
        assertUsage(Cli.run("batch"), "batch needs FILE.csv");
        Cli.Result missing = Cli.run("batch", temp.resolve("nope.csv").toString());
        assertThat(missing.exitCode()).isEqualTo(ExitCode.UNREADABLE);
        assertThat(missing.err()).isEqualTo("mlproj: " + temp.resolve("nope.csv") + ": no such file\n");
        assertThat(temp.resolve("a.csv")).doesNotExist();
    }

    @Test
    void mergeRejectsWhatIsNotAResultsFile() throws Exception {
        Path other = temp.resolve("other.csv");
        Files.writeString(other, "name,url,level\na,/r/a,1\n");
        Cli.Result r = Cli.run("batch", "merge", referenceDir.resolve("results.csv").toString(), other.toString());
        assertUsage(r, other + ":1:10: column 3 is 'level', expected 'rev'");
        Cli.Result missing = Cli.run("batch", "merge", temp.resolve("gone.csv").toString());
        assertThat(missing.exitCode()).isEqualTo(ExitCode.UNREADABLE);
        assertThat(Cli.run("batch", "merge").exitCode()).isEqualTo(ExitCode.USAGE);
    }

    @Test
    void helpDocumentsTheExitCodes() {
        Cli.Result help = Cli.run("batch", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("--shard=K/N", "--jobs=N", "--min-level=N", "merge", "Exit codes:",
                "3   without --min-level: a repository could not be assessed");
        assertThat(Cli.run("--help").out()).contains("batch");
    }

    private static void assertUsage(Cli.Result r, String message) {
        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains(message);
        assertThat(r.err().lines().count()).as("one line, or picocli's line and its hint").isLessThanOrEqualTo(2);
        assertThat(r.out()).isEmpty();
    }
}
