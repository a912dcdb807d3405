package dev.mlproj.scan;

import dev.mlproj.testing.FixtureRepo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.mlproj.testing.Assess.scan;
import static org.assertj.core.api.Assertions.assertThat;

class ScannerTest {

    private static List<String> paths(RepoFacts facts) {
        return facts.files().stream().map(RepoFile::path).toList();
    }

    @Test
    void gitInventoryHonoursIgnoresAndCountsUntrackedWork(@TempDir Path dir) {
        FixtureRepo repo = FixtureRepo.git(dir)
                .file(".gitignore", "*.log\ndata/\n")
                .file("src/model.py", "x = 1\n")
                .file("data/keep.csv", "a,b\n1,2\n")
                .commit("first");
        // Tracked although ignored now: still the author's work.
        repo.file(".gitignore", "*.log\ndata/\nsrc/model.py\n");
        repo.file("notes.md", "untracked but not ignored\n")
                .file("debug.log", "ignored\n")
                .file("data/new.csv", "ignored\n");

        RepoFacts facts = scan(dir);

        assertThat(paths(facts)).contains("src/model.py", "notes.md", ".gitignore")
                .doesNotContain("debug.log", "data/new.csv");
        assertThat(facts.git().repository()).isTrue();
        assertThat(facts.git().commits()).isEqualTo(1);
    }

    @Test
    void trackedWorkUnderAnIgnoredDirectoryIsFoundByPathNotByNeighbours(@TempDir Path dir) {
        // Index order puts "gen-x/" and "gen.py" right beside "gen/": neither makes gen/ tracked work. In out/,
        // walked for its tracked file, an untracked one is ignored as git ignores it.
        FixtureRepo repo = FixtureRepo.git(dir)
                .file("proj/gen.py", "x = 1\n")
                .file("proj/gen-x/a.py", "x = 1\n")
                .file("proj/gen0/b.py", "x = 1\n")
                .file("proj/out/keep.py", "x = 1\n")
                .commit("first");
        repo.file("proj/.gitignore", "gen/\nout/\n*.tmp\n")
                .file("proj/gen/new.py", "ignored\n")
                .file("proj/out/new.py", "ignored, beside a tracked file\n")
                .file("proj/gen0/c.tmp", "ignored\n");

        RepoFacts whole = scan(dir);
        RepoFacts sub = scan(dir.resolve("proj"));

        assertThat(paths(whole)).contains("proj/gen.py", "proj/gen-x/a.py", "proj/gen0/b.py", "proj/out/keep.py")
                .doesNotContain("proj/gen/new.py", "proj/out/new.py", "proj/gen0/c.tmp");
        assertThat(paths(sub)).contains("gen.py", "gen-x/a.py", "gen0/b.py", "out/keep.py")
                .doesNotContain("gen/new.py", "out/new.py", "gen0/c.tmp");
    }

    @Test
    void vendoredGeneratedAndVirtualEnvironmentsNeverCount(@TempDir Path dir) {
        FixtureRepo.plain(dir)
                .file("app.py", "import torch\n")
                .file("node_modules/x/index.js", "x")
                .file(".venv/lib/site.py", "import torch\n")
                .file("myenv/pyvenv.cfg", "home = /usr\n")
                .file("myenv/lib/python3.11/site-packages/torch/nn.py", "class Module: pass\n")
                .file("build/lib/app.py", "import torch\n")
                .file("third_party/lib.py", "import torch\n")
                .file("pkg.egg-info/PKG-INFO", "x");

        assertThat(paths(scan(dir))).containsExactly("app.py");
    }

    @Test
    void plainWalkHonoursNestedGitignore(@TempDir Path dir) {
        FixtureRepo.plain(dir)
                .file(".gitignore", "*.tmp\n")
                .file("a/.gitignore", "secret.py\n!keep.tmp\n")
                .file("a/secret.py", "x")
                .file("a/keep.tmp", "x")
                .file("a/drop.tmp", "x")
                .file("b/secret.py", "x");

        assertThat(paths(scan(dir))).containsExactlyInAnyOrder(".gitignore", "a/.gitignore", "a/keep.tmp", "b/secret.py");
    }

    @Test
    void symlinksOutsideTheRepositoryAreNotFollowed(@TempDir Path dir, @TempDir Path outside) throws Exception {
        Files.writeString(outside.resolve("secret.py"), "import torch\n");
        FixtureRepo.plain(dir).file("a.py", "x = 1\n");
        Files.createSymbolicLink(dir.resolve("link.py"), outside.resolve("secret.py"));
        Files.createSymbolicLink(dir.resolve("loop"), dir);

        RepoFacts facts = scan(dir);

        assertThat(paths(facts)).containsExactly("a.py");
        assertThat(facts.warnings()).anySatisfy(w -> assertThat(w).contains("link.py").contains("outside"));
    }

    @Test
    void notebookCodeKeepsTheNotebookLineNumbers(@TempDir Path dir) {
        FixtureRepo.plain(dir).file("nb.ipynb", """
                {
                 "cells": [
                  {"cell_type": "markdown", "source": ["# Title"]},
                  {
                   "cell_type": "code",
                   "outputs": [],
                   "source": [
                    "%matplotlib inline\\n",
                    "import pandas as pd\\n",
                    "df = pd.read_csv('x.csv')"
                   ]
                  }
                 ],
                 "metadata": {}, "nbformat": 4, "nbformat_minor": 5
                }
                """);

        RepoFacts facts = scan(dir);

        assertThat(facts.facts().byKey(FactType.NOTEBOOK)).containsKey("nb.ipynb");
        FactBucket pandas = facts.facts().byKey(FactType.IMPORT).get("pandas");
        assertThat(pandas.samples().get(0).line()).isEqualTo(9);
        FactBucket read = facts.facts().pattern("L1-loads-dataset/1");
        assertThat(read.samples().get(0).line()).isEqualTo(10);
    }

    @Test
    void binaryContentWithASourceExtensionIsSkipped(@TempDir Path dir) {
        FixtureRepo.plain(dir).bytes("weird.py", new byte[] {'i', 'm', 0, 'p', 0, 0, 1, 2});

        RepoFacts facts = scan(dir);

        assertThat(facts.facts().byKey(FactType.SKIPPED_FILE)).containsKey("binary");
        assertThat(facts.facts().count(FactType.IMPORT)).isZero();
    }

    @Test
    void largeFilesAreSizedNotRead(@TempDir Path dir) throws Exception {
        FixtureRepo.plain(dir).file("big.py", "import torch\n" + "x = 1\n".repeat(1000));
        RepoFacts facts = new Scanner(1000, 2).scan(dir, List.of());

        assertThat(facts.files()).singleElement().satisfies(f -> assertThat(f.size()).isGreaterThan(1000));
        assertThat(facts.facts().byKey(FactType.SKIPPED_FILE)).containsKey("too large");
        assertThat(facts.filesRead()).isZero();
    }

    @Test
    void dataFilesAreNeverRead(@TempDir Path dir) {
        FixtureRepo.plain(dir).file("data/train.csv", "a,b\n1,2\n").file("model.pkl", "binary");

        RepoFacts facts = scan(dir);

        assertThat(facts.filesRead()).isZero();
        assertThat(facts.facts().byKey(FactType.DATASET_FILE)).containsKey("csv");
    }

    @Test
    void missingDirectoryIsAScanError(@TempDir Path dir) {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Scanner().scan(dir.resolve("nope"), List.of()))
                .isInstanceOf(ScanException.class).hasMessageContaining("not a directory");
    }

    @Test
    void trackedBuildDirectoriesAreTheAuthorsWork(@TempDir Path dir) {
        FixtureRepo.git(dir)
                .file("build/Dockerfile", "FROM python:3.11\nCMD [\"python\"]\n")
                .file("src/app.py", "x = 1\n")
                .commit("ci lives in build/");
        FixtureRepo.plain(dir).file("dist/pkg.whl", "zip").file("target/out.py", "x = 1\n");

        assertThat(paths(scan(dir))).contains("build/Dockerfile", "src/app.py").doesNotContain("dist/pkg.whl", "target/out.py");
    }

    @Test
    void utf16RequirementsAreDecoded(@TempDir Path dir) {
        byte[] body = "scikit-learn==1.4\npandas\n".getBytes(java.nio.charset.StandardCharsets.UTF_16LE);
        byte[] withBom = new byte[body.length + 2];
        withBom[0] = (byte) 0xFF;
        withBom[1] = (byte) 0xFE;
        System.arraycopy(body, 0, withBom, 2, body.length);
        FixtureRepo.plain(dir).bytes("requirements.txt", withBom);

        assertThat(scan(dir).facts().byKey(FactType.DEPENDENCY)).containsOnlyKeys("scikit-learn", "pandas");
    }

    /** `git worktree add` leaves a .git file and a linked git directory JGit 6 cannot open by itself. */
    @Test
    void aLinkedWorkTreeHasItsOwnHeadIndexAndHistory(@TempDir Path main, @TempDir Path parent) throws Exception {
        FixtureRepo repo = FixtureRepo.git(main).file("train.py", "import pandas as pd\npd.read_csv('d.csv')\n").commit("one");
        repo.git().branchCreate().setName("side").call();
        repo.file("extra.py", "x = 1\n").commit("two, on main only");
        Path linked = parent.resolve("linked");
        ProcessBuilder add = new ProcessBuilder("git", "-C", main.toString(), "worktree", "add", linked.toString(), "side")
                .redirectErrorStream(true);
        add.environment().put("GIT_CONFIG_NOSYSTEM", "1");
        add.environment().put("HOME", parent.toString());
        Process p = add.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();
        assertThat(Files.isRegularFile(linked.resolve(".git"))).isTrue();

        RepoFacts facts = scan(linked);

        assertThat(facts.git().repository()).as("%s", facts.warnings()).isTrue();
        assertThat(facts.git().commits()).as("the side branch's history, not main's").isEqualTo(1);
        assertThat(paths(facts)).containsExactly("train.py");
        assertThat(facts.warnings()).noneMatch(w -> w.contains("not a readable git repository"));
    }
}
