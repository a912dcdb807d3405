package dev.mlproj.scan;

import dev.mlproj.testing.Cli;
import dev.mlproj.testing.FixtureRepo;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.mlproj.testing.Assess.scan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Repositories written to trip the scan: every one is scanned to the end, and what could not be read is said. */
class HostileRepositoryIT {

    private static final String ML_CODE = "import pandas as pd\nfrom sklearn.linear_model import LogisticRegression\n"
            + "df = pd.read_csv('d.csv')\nmodel = LogisticRegression().fit(df[['x']], df['y'])\n";

    private static List<String> paths(RepoFacts facts) {
        return facts.files().stream().map(RepoFile::path).toList();
    }

    /** Runs a shell command: file names that are not UTF-8 cannot be made from a Java String. */
    private static void sh(Path dir, String script) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("sh", "-c", script).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
    }

    @Test
    void nonUtf8ContentIsReadWithReplacementCharacters(@TempDir Path dir) {
        byte[] latin1 = "# caf\u00e9 na\u00efve\nimport pandas as pd\ndf = pd.read_csv('x.csv')\n".getBytes(StandardCharsets.ISO_8859_1);
        FixtureRepo.plain(dir).bytes("load.py", latin1).bytes("README.md", new byte[] {(byte) 0xff, (byte) 0xfe, 'h', 0, 'i', 0});

        RepoFacts facts = scan(dir);

        assertThat(facts.facts().byKey(FactType.IMPORT)).containsKey("pandas");
        assertThat(facts.facts().byKey(FactType.READ_ERROR)).isEmpty();
        assertThat(facts.filesRead()).isEqualTo(2);
    }

    @Test
    void fileNamesThatAreNotUtf8AreReadAndSaidToBeApproximate(@TempDir Path dir) throws Exception {
        sh(dir, "printf 'import torch\\nx = torch.zeros(1)\\n' > \"$(printf 'bad\\377name.py')\"; "
                + "mkdir \"$(printf 'd\\351j\\340')\"; printf 'import pandas as pd\\ndf = pd.read_csv(1)\\n' > \"$(printf 'd\\351j\\340')/m.py\"");

        RepoFacts facts = scan(dir);

        assertThat(facts.files()).hasSize(2);
        assertThat(facts.filesRead()).isEqualTo(2);
        assertThat(facts.facts().byKey(FactType.READ_ERROR)).isEmpty();
        assertThat(facts.facts().byKey(FactType.IMPORT)).containsKeys("torch", "pandas");
        assertThat(facts.warnings()).filteredOn(w -> w.contains("not valid in the file-name encoding")).hasSize(2);
    }

    /** Under LANG=C the JVM cannot even encode a UTF-8 name back: the listing's own path is what reads it. */
    @Test
    void fileNamesAreReadUnderTheCLocaleToo(@TempDir Path dir) throws Exception {
        sh(dir, "printf 'import torch\\nx = torch.zeros(1)\\n' > 'caf\u00e9.py'");
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "dev.mlproj.cli.Main",
                "assess", "--format", "json", dir.toString()).redirectErrorStream(true);
        pb.environment().put("LC_ALL", "C");
        pb.environment().put("LANG", "C");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        assertThat(out).contains("\"filesRead\" : 1", "not valid in the file-name encoding").doesNotContain("could not be read");
    }

    @Test
    void filesOverTheSizeCapAreSkippedAndReported(@TempDir Path dir) {
        FixtureRepo.plain(dir).file("big.py", "import torch\n" + "x = 1\n".repeat(1000)).file("small.py", "import pandas\n");

        RepoFacts facts = new ScannerFixture(1000).scan(dir);

        assertThat(facts.facts().byKey(FactType.SKIPPED_FILE)).containsKey("too large");
        assertThat(facts.warnings()).anySatisfy(w -> assertThat(w).startsWith("big.py: not read (").contains("over the 1000-byte cap"));
        Cli.Result r = Cli.run("assess", "--format", "json", dir.toString());
        assertThat(r.exitCode()).isZero();
    }

    @Test
    void binaryContentIsReportedToo(@TempDir Path dir) {
        FixtureRepo.plain(dir).bytes("weird.py", new byte[] {'i', 'm', 0, 'p', 0, 0, 1, 2});

        assertThat(scan(dir).warnings()).anySatisfy(w -> assertThat(w).startsWith("weird.py: binary content"));
    }

    /** Notebooks are parsed from their bytes; one that is not valid UTF-8 is read from its decoded text instead. */
    @Test
    void aNotebookThatIsNotValidUtf8IsStillRead(@TempDir Path dir) throws Exception {
        String cell = "{\"cells\": [{\"cell_type\": \"code\", \"metadata\": {}, \"outputs\": [], \"source\": "
                + "[\"import pandas as pd\\n\", \"df = pd.read_csv('caf";
        byte[] head = cell.getBytes(StandardCharsets.US_ASCII);
        byte[] tail = ".csv')\"]}], \"metadata\": {}, \"nbformat\": 4, \"nbformat_minor\": 5}".getBytes(StandardCharsets.US_ASCII);
        byte[] notebook = new byte[head.length + 1 + tail.length];
        System.arraycopy(head, 0, notebook, 0, head.length);
        notebook[head.length] = (byte) 0xE9; // Latin-1 e-acute: not UTF-8
        System.arraycopy(tail, 0, notebook, head.length + 1, tail.length);
        FixtureRepo.plain(dir).bytes("explore.ipynb", notebook);

        RepoFacts facts = scan(dir);

        assertThat(facts.facts().byKey(FactType.NOTEBOOK)).containsOnlyKeys("explore.ipynb");
        assertThat(facts.facts().byKey(FactType.READ_ERROR)).isEmpty();
        assertThat(facts.facts().byKey(FactType.IMPORT)).containsKey("pandas");
    }

    /** The walk recurses: a tree built a thousand levels deep (its stack overflowed) is walked to a bound, and says so. */
    @Test
    void aTreeNestedAThousandDeepIsWalkedToABoundAndSaysSo(@TempDir Path dir) throws Exception {
        FixtureRepo.plain(dir).file("train.py", ML_CODE).file("d/".repeat(10) + "shallow.py", ML_CODE);
        Path deep = dir.resolve("d/".repeat(1000));
        Files.createDirectories(deep);
        Files.writeString(deep.resolve("deep.py"), ML_CODE);

        RepoFacts facts = scan(dir);

        assertThat(paths(facts)).containsExactly("d/".repeat(10) + "shallow.py", "train.py");
        assertThat(facts.warnings()).singleElement().satisfies(w -> assertThat(w)
                .isEqualTo("d/".repeat(FileInventory.MAX_DEPTH) + "d: directories nested more than "
                        + FileInventory.MAX_DEPTH + " deep, not walked"));
    }

    @Test
    void symbolicLinksNeverLeadOutOrRoundInCircles(@TempDir Path dir, @TempDir Path outside) throws Exception {
        Files.writeString(outside.resolve("secret.py"), "import torch\n");
        Files.createDirectories(outside.resolve("pkg"));
        Files.writeString(outside.resolve("pkg/model.py"), "import torch\n");
        FixtureRepo.plain(dir).file("a.py", "x = 1\n").file("sub/b.py", "y = 2\n");
        Files.createSymbolicLink(dir.resolve("secret.py"), outside.resolve("secret.py"));
        Files.createSymbolicLink(dir.resolve("pkg"), outside.resolve("pkg"));
        Files.createSymbolicLink(dir.resolve("loop1"), dir.resolve("loop2"));
        Files.createSymbolicLink(dir.resolve("loop2"), dir.resolve("loop1"));
        Files.createSymbolicLink(dir.resolve("sub/up"), dir);
        Files.createSymbolicLink(dir.resolve("relative-escape.py"), Path.of("../" + outside.getFileName() + "/secret.py"));
        Files.createSymbolicLink(dir.resolve("inside.py"), dir.resolve("a.py"));
        sh(dir, "mkfifo pipe && ln -s pipe pipe.py");

        RepoFacts facts = scan(dir);

        assertThat(paths(facts)).containsExactlyInAnyOrder("a.py", "sub/b.py", "inside.py");
        assertThat(facts.facts().byKey(FactType.IMPORT)).doesNotContainKey("torch");
        assertThat(facts.warnings()).anySatisfy(w -> assertThat(w).startsWith("secret.py").contains("outside"))
                .anySatisfy(w -> assertThat(w).startsWith("pkg").contains("outside"))
                .anySatisfy(w -> assertThat(w).startsWith("loop1").contains("looping"))
                .anySatisfy(w -> assertThat(w).startsWith("pipe.py").contains("not a regular file"));
    }

    @Test
    void brokenNotebooksAreErrorsWithTheirPlace(@TempDir Path dir) {
        FixtureRepo.plain(dir)
                .file("truncated.ipynb", "{\"cells\": [ {\"cell_type\": \"code\", \"source\": [\"import pandas\"")
                .file("array.ipynb", "[1, 2, 3]")
                .file("deep.ipynb", "{\"metadata\": " + "[".repeat(5000) + "]".repeat(5000) + ", \"cells\": []}")
                .file("markdown-only.ipynb", "{\"cells\": [{\"cell_type\": \"markdown\", \"source\": \"# Notes\"}], \"nbformat\": 4}")
                .file("train.py", ML_CODE);

        RepoFacts facts = scan(dir);

        assertThat(facts.facts().byKey(FactType.READ_ERROR).get("notebook").samples())
                .extracting(Evidence::path).containsExactlyInAnyOrder("truncated.ipynb", "array.ipynb", "deep.ipynb");
        assertThat(facts.warnings()).filteredOn(w -> w.contains("broken notebook")).hasSize(3)
                .anySatisfy(w -> assertThat(w).startsWith("truncated.ipynb: broken notebook, line 1, column"));
        // The notebook without code is simply read: it used to crash its analysis.
        assertThat(facts.warnings()).noneSatisfy(w -> assertThat(w).contains("markdown-only"));
    }

    @Test
    void aCorruptGitDirectoryFallsBackToTheFilesAndSaysSo(@TempDir Path dir) throws Exception {
        FixtureRepo.plain(dir).file("train.py", ML_CODE).file(".git/HEAD", "garbage\n").file(".git/config", "[[[\n");

        RepoFacts facts = scan(dir);

        assertThat(paths(facts)).containsExactly("train.py");
        assertThat(facts.git().repository()).isFalse();
        assertThat(facts.warnings()).anySatisfy(w -> assertThat(w).contains(".git is not a readable git repository")
                .contains("scanned as plain files without history"));
        Cli.Result r = Cli.run("assess", dir.toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains(".git is not a readable git repository");
    }

    @Test
    void aBrokenGitDirectoryNeverBorrowsTheHistoryOfARepositoryFurtherUp(@TempDir Path dir) throws Exception {
        FixtureRepo.git(dir).file("outer.py", "x = 1\n").commit("outer");
        Path inner = Files.createDirectories(dir.resolve("inner"));
        Files.writeString(inner.resolve(".git"), "gitdir: /nonexistent/modules/inner\n");
        Files.writeString(inner.resolve("train.py"), ML_CODE);

        RepoFacts facts = scan(inner);

        assertThat(facts.git().repository()).isFalse();
        assertThat(facts.git().commits()).isZero();
        assertThat(facts.warnings()).anySatisfy(w -> assertThat(w).contains("inner/.git is not a readable git repository"));
    }

    @Test
    void missingObjectsLeaveTheFilesAndANoteOnHistory(@TempDir Path dir) throws Exception {
        FixtureRepo.git(dir).file("train.py", ML_CODE).commit("one");
        try (var objects = Files.list(dir.resolve(".git/objects"))) {
            for (Path p : objects.toList()) {
                if (!p.getFileName().toString().equals("info") && !p.getFileName().toString().equals("pack")) {
                    dev.mlproj.testing.TreeSnapshot.deleteTree(p);
                }
            }
        }

        RepoFacts facts = scan(dir);

        assertThat(paths(facts)).containsExactly("train.py");
        assertThat(facts.git().note()).startsWith("history could not be read");
        assertThat(Cli.run("assess", dir.toString()).exitCode()).isZero();
    }

    @Test
    void aShallowCloneMarksHistoryPartial(@TempDir Path origin, @TempDir Path clone) throws Exception {
        FixtureRepo repo = FixtureRepo.git(origin).file("a.py", "x = 1\n").commit("one").file("b.py", "y = 2\n").commit("two")
                .file("c.py", "z = 3\n").commit("three");
        Git.cloneRepository().setURI(origin.toUri().toString()).setDirectory(clone.toFile()).setDepth(1).call().close();
        repo.git().close();

        RepoFacts facts = scan(clone);

        assertThat(facts.git().partial()).isTrue();
        assertThat(facts.git().commits()).isEqualTo(1);
        assertThat(facts.git().note()).contains("shallow clone");
        Cli.Result r = Cli.run("assess", "--format", "json", clone.toString());
        assertThat(r.out()).contains("\"partial\" : true");
    }

    @Test
    void submodulesAreNotTheAuthorsWork(@TempDir Path dir, @TempDir Path lib) throws Exception {
        FixtureRepo.git(lib).file("model.py", "import torch\nclass Net(torch.nn.Module):\n    pass\n").commit("lib").git().close();
        FixtureRepo repo = FixtureRepo.git(dir).file("README.md", "# Project\n").commit("readme");
        repo.git().submoduleAdd().setPath("libs/net").setURI(lib.toUri().toString()).call().close();

        RepoFacts facts = scan(dir);

        assertThat(paths(facts)).noneMatch(p -> p.startsWith("libs/"));
        assertThat(facts.facts().byKey(FactType.IMPORT)).doesNotContainKey("torch");
    }

    @Test
    void aBareRepositoryWithoutCommitsIsAClearErrorWithExitThree(@TempDir Path dir, @TempDir Path cache) throws Exception {
        Git.init().setBare(true).setDirectory(dir.toFile()).call().close();

        assertThatThrownBy(() -> new Scanner().scan(dir, List.of())).isInstanceOf(ScanException.class)
                .hasMessageContaining("is a bare git repository");
        // assess reads a bare repository through the clone cache (AssessTargetTest); one without commits has nothing to assess.
        Cli.Result r = Cli.run("assess", "--cache", cache.toString(), dir.toString());
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err()).startsWith("mlproj: ").contains("has no commits").doesNotContain("Exception");
        Cli.Result inside = Cli.run("assess", dir.resolve("objects").toString());
        assertThat(inside.exitCode()).isEqualTo(3);
        assertThat(inside.err()).contains("inside the git directory");
    }

    @Test
    void emptyRepositoriesAndRepositoriesWithoutCommitsAreLevelZero(@TempDir Path empty, @TempDir Path fresh) {
        Cli.Result plain = Cli.run("assess", "--format", "json", empty.toString());
        assertThat(plain.exitCode()).isZero();
        assertThat(plain.out()).contains("\"level\" : 0");

        FixtureRepo.git(fresh);
        Cli.Result noCommits = Cli.run("assess", "--format", "json", fresh.toString());
        assertThat(noCommits.exitCode()).isZero();
        assertThat(noCommits.out()).contains("\"level\" : 0", "\"note\" : \"no commits yet\"");
    }

    /** A scanner with a small size cap, so the cap is tested without writing megabytes. */
    private record ScannerFixture(long cap) {
        RepoFacts scan(Path dir) {
            try {
                return new Scanner(cap, 2).scan(dir, List.of());
            } catch (ScanException e) {
                throw new AssertionError(e);
            }
        }
    }
}
