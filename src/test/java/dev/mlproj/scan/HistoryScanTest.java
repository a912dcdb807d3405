package dev.mlproj.scan;

import dev.mlproj.assess.Assessment;
import dev.mlproj.assess.Evaluator;
import dev.mlproj.report.JsonReport;
import dev.mlproj.rubric.RubricLoader;
import dev.mlproj.testing.Assess;
import dev.mlproj.testing.FixtureRepo;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HistoryScanTest {

    private static final List<PatternQuery> QUERIES = RubricLoader.queries(Assess.rubric());

    private static HistoryScan history(Path path, boolean cache) throws ScanException {
        return new Scanner().history(path, QUERIES, cache);
    }

    private static RepoFacts atHead(Path path) throws ScanException {
        try (HistoryScan history = history(path, true)) {
            List<CommitRef> commits = history.commits();
            return history.scan(commits.get(commits.size() - 1));
        }
    }

    private static String dump(RepoFacts facts) {
        return FactDump.of(facts, QUERIES);
    }

    private static String json(RepoFacts facts) {
        Assessment a = new Evaluator(Assess.rubric()).evaluate(facts, null);
        return JsonReport.render(a, "repo", "test");
    }

    @TestFactory
    Stream<DynamicTest> commitScanEqualsWorkTreeScanAtHeadForEveryExample(@TempDir Path temp) throws IOException {
        try (Stream<Path> examples = Files.list(Path.of("examples"))) {
            return examples.filter(Files::isDirectory).sorted().toList().stream().map(example ->
                    DynamicTest.dynamicTest(example.getFileName().toString(), () -> {
                        Path dir = temp.resolve(example.getFileName().toString());
                        FixtureRepo.git(dir).copy(example, ".").commit("the example as it is");

                        RepoFacts work = Assess.scan(dir);
                        RepoFacts commit = atHead(dir);

                        assertThat(work.files()).isNotEmpty();
                        assertThat(dump(commit)).isEqualTo(dump(work));
                        assertThat(json(commit)).isEqualTo(json(work));
                    }));
        }
    }

    @Test
    void awkwardTreesListAlikeFromTheObjectDatabase(@TempDir Path dir, @TempDir Path outside) throws Exception {
        Files.writeString(outside.resolve("secret.py"), "import torch\n");
        FixtureRepo repo = FixtureRepo.git(dir)
                .file("a.py", "import pandas as pd\nprint(pd.read_csv('x.csv').describe())\n")
                .file("a/b.py", "import numpy as np\nprint(np.zeros(3))\n")
                .file("données.py", "x = 1\n")
                .file("node_modules/lib/index.js", "fetch('x')\n")
                .file("myenv/pyvenv.cfg", "home = /usr\n")
                .file("myenv/lib/site.py", "import torch\n")
                .file("build/Dockerfile", "FROM python:3.11\nCMD [\"python\"]\n")
                .file("third_party/lib.py", "import torch\n")
                .file("logs/keep.log", "kept: committed before it was ignored\n")
                .file("src/model.py", "import torch\nclass Net(torch.nn.Module):\n    def forward(self, x):\n        return x\n")
                .commit("first");
        Files.createSymbolicLink(dir.resolve("link.py"), Path.of("src/model.py"));
        Files.createSymbolicLink(dir.resolve("src/up.py"), Path.of("../a.py"));
        Files.createSymbolicLink(dir.resolve("dirlink"), Path.of("src"));
        Files.createSymbolicLink(dir.resolve("out.py"), outside.resolve("secret.py"));
        Files.createSymbolicLink(dir.resolve("escape.py"), Path.of("../" + outside.getFileName() + "/secret.py"));
        Files.createSymbolicLink(dir.resolve("broken.py"), Path.of("nope.py"));
        repo.file(".gitignore", "logs/\n*.tmp\n").commit("links and an ignore file");

        RepoFacts work = Assess.scan(dir);
        RepoFacts commit = atHead(dir);

        assertThat(dump(commit)).isEqualTo(dump(work));
        List<String> paths = commit.files().stream().map(RepoFile::path).toList();
        assertThat(paths).contains("a.py", "a/b.py", "données.py", "build/Dockerfile", "logs/keep.log", "link.py", "src/up.py")
                .doesNotContain("node_modules/lib/index.js", "myenv/lib/site.py", "third_party/lib.py", "out.py",
                        "escape.py", "broken.py", "dirlink");
        assertThat(paths.indexOf("a/b.py")).isLessThan(paths.indexOf("a.py")); // the checkout's order; git's tree puts a.py first
        assertThat(commit.warnings()).anySatisfy(w -> assertThat(w).startsWith("out.py").contains("outside"))
                .anySatisfy(w -> assertThat(w).startsWith("broken.py").contains("broken"));
        RepoFile link = commit.files().stream().filter(f -> f.path().equals("link.py")).findFirst().orElseThrow();
        assertThat(link.size()).isEqualTo(Files.size(dir.resolve("src/model.py")));
        assertThat(commit.facts().byKey(FactType.NN_MODULE).get("pytorch").samples())
                .extracting(Evidence::path).contains("link.py", "src/model.py");
    }

    @Test
    void aSubdirectoryHasTheHistoryOfTheCommitsThatChangedIt(@TempDir Path dir) throws Exception {
        FixtureRepo repo = FixtureRepo.git(dir)
                .file("proj/train.py", "import pandas as pd\nprint(pd.read_csv('a.csv').head())\n")
                .commit("proj starts")
                .file("other/notes.md", "# Notes\n").commit("elsewhere")
                .file("proj/README.md", "# Project\n").commit("proj readme")
                .file("other/more.md", "more\n").commit("elsewhere again");

        try (HistoryScan history = history(dir.resolve("proj"), true)) {
            assertThat(history.commits()).hasSize(2);
            RepoFacts head = history.scan(history.commits().get(1));
            assertThat(head.files()).extracting(RepoFile::path).containsExactly("README.md", "train.py");
            assertThat(head.git().commits()).isEqualTo(2);
            // The same facts as a scan of the checkout, except that the metrics end at the last commit that
            // changed proj/ rather than at HEAD.
            assertThat(head.git().head()).isEqualTo(history.commits().get(1).id());
            assertThat(dump(head).replace(head.git().head(), repo.head())).isEqualTo(dump(Assess.scan(dir.resolve("proj"))));
        }
    }

    @Test
    void unchangedBlobsAreNeitherReadNorAnalysedAgain(@TempDir Path dir) throws Exception {
        FixtureRepo.git(dir)
                .file("src/data.py", "import pandas as pd\n\ndf = pd.read_csv('train.csv')\nprint(df.describe())\n")
                .file("src/train.py", "from sklearn.linear_model import LogisticRegression\nm = LogisticRegression().fit([[0]], [0])\n")
                .file("README.md", "# Churn\n")
                .file("data/train.csv", "a,b\n1,2\n")
                .commit("c1")
                .file("src/train.py", "from sklearn.linear_model import LogisticRegression\n\n\nm = LogisticRegression().fit([[0]], [0])\n")
                .commit("c2: train.py changed, its fit moved two lines down")
                .delete("src/data.py")
                .file("src/load.py", "import pandas as pd\n\ndf = pd.read_csv('train.csv')\nprint(df.describe())\n")
                .commit("c3: data.py renamed to load.py, same bytes");

        try (HistoryScan cached = history(dir, true); HistoryScan plain = history(dir, false)) {
            List<CommitRef> commits = cached.commits();
            assertThat(commits).hasSize(3);

            RepoFacts c1 = cached.scan(commits.get(0));
            assertThat(c1.filesRead()).isEqualTo(3); // the CSV is data: sized, never read
            assertThat(cached.cacheStats().misses()).isEqualTo(3);
            assertThat(cached.cacheStats().hits()).isZero();

            RepoFacts c2 = cached.scan(commits.get(1));
            assertThat(c2.filesRead()).isEqualTo(1);
            assertThat(cached.cacheStats().hits()).isEqualTo(2);
            assertThat(cached.cacheStats().misses()).isEqualTo(4);
            // Evidence from a reused file still names its path and line; the changed file's is new.
            assertThat(c2.facts().pattern("L1-loads-dataset/1").samples())
                    .extracting(Evidence::location).containsExactly("src/data.py:3");
            assertThat(c2.facts().pattern("L1-trains-model/1").samples())
                    .extracting(Evidence::location).containsExactly("src/train.py:4");

            RepoFacts c3 = cached.scan(commits.get(2));
            assertThat(c3.filesRead()).isEqualTo(1); // the same blob under a new path is analysed for that path
            assertThat(c3.facts().pattern("L1-loads-dataset/1").samples())
                    .extracting(Evidence::location).containsExactly("src/load.py:3");
            assertThat(cached.cacheStats().hits()).isEqualTo(4);
            assertThat(cached.cacheStats().entries()).isEqualTo(5);

            // Without the cache every text file of every commit is read, and the facts are the same.
            for (int i = 0; i < commits.size(); i++) {
                RepoFacts uncached = plain.scan(commits.get(i));
                assertThat(uncached.filesRead()).isEqualTo(3);
                assertThat(dump(uncached)).isEqualTo(dump(List.of(c1, c2, c3).get(i)));
            }
            assertThat(plain.cacheStats()).isEqualTo(CacheStats.DISABLED);
        }
    }

    @Test
    void gitMetricsAreThoseOfTheHistoryUpToEachCommit(@TempDir Path dir) throws Exception {
        FixtureRepo repo = FixtureRepo.git(dir).file("a.py", "x = 1\n").commit("one").file("b.py", "y = 2\n").commit("two");
        repo.git().tag().setName("v1").setAnnotated(true).setMessage("first release")
                .setTagger(new PersonIdent("Fixture Author", "author@example.com")).call();
        repo.git().tag().setName("light").call();
        // A side branch merged back: its commits are history too, though not on the first-parent line.
        repo.git().checkout().setCreateBranch(true).setName("side").call();
        repo.file("c.py", "z = 3\n").commit("side work");
        repo.git().checkout().setName("main").call();
        repo.file("d.py", "w = 4\n").commit("main work");
        repo.git().merge().include(repo.git().getRepository().resolve("side")).setCommit(true)
                .setFastForward(org.eclipse.jgit.api.MergeCommand.FastForwardMode.NO_FF).setMessage("merge side").call();

        try (HistoryScan history = history(dir, true)) {
            List<CommitRef> commits = history.commits();
            assertThat(commits).hasSize(4); // one, two, main work, the merge: first parents only
            GitFacts first = history.scan(commits.get(0)).git();
            assertThat(first.commits()).isEqualTo(1);
            assertThat(first.tags()).isZero();
            assertThat(first.head()).isEqualTo(commits.get(0).id());
            GitFacts second = history.scan(commits.get(1)).git();
            assertThat(second.commits()).isEqualTo(2);
            assertThat(second.tags()).isEqualTo(2);
            assertThat(second.activeWeeks()).isEqualTo(2);
            GitFacts head = history.scan(commits.get(3)).git();
            assertThat(head.commits()).isEqualTo(5);
            assertThat(head).isEqualTo(Assess.scan(dir).git());
            // Asked out of order, counting starts again rather than double counting.
            assertThat(history.scan(commits.get(1)).git()).isEqualTo(second);
        }
    }

    @Test
    void aShallowCloneIsScannedAndMarkedPartial(@TempDir Path origin, @TempDir Path clone) throws Exception {
        FixtureRepo repo = FixtureRepo.git(origin);
        for (int i = 0; i < 4; i++) {
            repo.file("step" + i + ".py", "x = " + i + "\n").commit("step " + i);
        }
        Git.cloneRepository().setURI(origin.toUri().toString()).setDirectory(clone.toFile()).setDepth(2).call().close();

        try (HistoryScan history = history(clone, true)) {
            assertThat(history.shallow()).isTrue();
            assertThat(history.commits()).hasSize(2);
            RepoFacts head = history.scan(history.commits().get(1));
            assertThat(head.git().partial()).isTrue();
            assertThat(head.git().commits()).isEqualTo(2);
            assertThat(head.files()).hasSize(4);
        }
    }

    @Test
    void aBareRepositoryNeedsOnlyItsObjectDatabase(@TempDir Path origin, @TempDir Path bare) throws Exception {
        FixtureRepo.git(origin).copy(Path.of("examples/level2-churn-pipeline"), ".").commit("all of it");
        Git.cloneRepository().setURI(origin.toUri().toString()).setDirectory(bare.toFile()).setBare(true).call().close();

        try (HistoryScan history = history(bare, true)) {
            assertThat(history.bare()).isTrue();
            RepoFacts head = history.scan(history.commits().get(0));
            assertThat(dump(head)).isEqualTo(dump(Assess.scan(origin)));
        }
    }

    @Test
    void aLinkedWorkTreeReadsItsCommonRepository(@TempDir Path main, @TempDir Path linked) throws Exception {
        FixtureRepo repo = FixtureRepo.git(main).file("a.py", "x = 1\n").commit("one");
        repo.git().branchCreate().setName("side").call();
        repo.file("b.py", "y = 2\n").commit("two, on main only");
        // What `git worktree add LINKED side` leaves behind, written by hand since JGit cannot make one.
        Path admin = main.resolve(".git/worktrees/linked");
        Files.createDirectories(admin);
        Files.writeString(admin.resolve("HEAD"), "ref: refs/heads/side\n");
        Files.writeString(admin.resolve("commondir"), "../..\n");
        Files.writeString(admin.resolve("gitdir"), linked.resolve(".git") + "\n");
        Files.writeString(linked.resolve(".git"), "gitdir: " + admin + "\n");
        Files.writeString(linked.resolve("a.py"), "x = 1\n");
        Files.createDirectories(linked.resolve("sub"));

        try (HistoryScan history = history(linked, true)) {
            assertThat(history.bare()).isFalse();
            assertThat(history.commits()).hasSize(1);
            RepoFacts head = history.scan(history.commits().get(0));
            assertThat(head.files()).extracting(RepoFile::path).containsExactly("a.py");
        }
        assertThatThrownBy(() -> history(linked.resolve("sub"), true)).isInstanceOf(ScanException.class)
                .hasMessageContaining("no commit on HEAD's first-parent history touches this directory");
    }

    @Test
    void theWorkTreeAndIndexAreLeftAlone(@TempDir Path dir) throws Exception {
        FixtureRepo.git(dir).file("train.py", "import pandas as pd\n").commit("committed");
        Files.writeString(dir.resolve("train.py"), "import torch\n"); // an uncommitted change
        Files.writeString(dir.resolve("new.py"), "import sklearn\n");  // an untracked file
        byte[] index = Files.readAllBytes(dir.resolve(".git/index"));

        RepoFacts head = atHead(dir);

        assertThat(head.files()).extracting(RepoFile::path).containsExactly("train.py");
        assertThat(head.facts().byKey(FactType.UNUSED_IMPORT)).containsOnlyKeys("pandas");
        assertThat(Files.readString(dir.resolve("train.py"))).isEqualTo("import torch\n");
        assertThat(dir.resolve("new.py")).exists();
        assertThat(Files.readAllBytes(dir.resolve(".git/index"))).isEqualTo(index);
    }

    @Test
    void notARepositoryAndNoCommitsAreScanErrors(@TempDir Path plain, @TempDir Path empty) {
        FixtureRepo.plain(plain).file("a.py", "x = 1\n");
        FixtureRepo.git(empty);

        assertThatThrownBy(() -> history(plain, true)).isInstanceOf(ScanException.class)
                .hasMessageContaining("not a git repository");
        assertThatThrownBy(() -> history(empty, true)).isInstanceOf(ScanException.class)
                .hasMessageContaining("no commits yet");
        assertThatThrownBy(() -> history(plain.resolve("nope"), true)).isInstanceOf(ScanException.class)
                .hasMessageContaining("not a directory");
    }

    @Test
    void theCacheStaysWithinItsBoundsLeastRecentlyUsedFirstOut() {
        BlobFactCache cache = new BlobFactCache(2, Long.MAX_VALUE);
        BlobFactCache.FileFacts facts = new BlobFactCache.FileFacts(new FactStore(), List.of());
        cache.put("a.py", "blob-a", facts);
        cache.put("b.py", "blob-b", facts);
        assertThat(cache.get("a.py", "blob-a")).isSameAs(facts); // a is now the most recent
        cache.put("c.py", "blob-c", facts);

        assertThat(cache.get("b.py", "blob-b")).isNull();
        assertThat(cache.get("a.py", "blob-a")).isNotNull();
        assertThat(cache.get("a.py", "another blob")).isNull();
        assertThat(cache.stats().entries()).isEqualTo(2);
        assertThat(cache.stats().evictions()).isEqualTo(1);

        BlobFactCache small = new BlobFactCache(100, 1000);
        FactStore big = new FactStore();
        for (int i = 0; i < 20; i++) {
            big.add(FactType.IMPORT, "module" + i, new Evidence("x.py", i + 1, "import module" + i));
        }
        small.put("x.py", "blob-x", new BlobFactCache.FileFacts(big, List.of()));
        small.put("y.py", "blob-y", facts);
        assertThat(small.stats().estimatedBytes()).isLessThanOrEqualTo(1000);
        assertThat(small.get("x.py", "blob-x")).isNull();
    }
}
