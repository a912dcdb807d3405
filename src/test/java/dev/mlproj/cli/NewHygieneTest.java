package dev.mlproj.cli;

import dev.mlproj.testing.Cli;
import dev.mlproj.testing.Python;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What a user expects of a new project beyond the code: pyproject.toml, a licence, lint config, git. */
class NewHygieneTest {

    @TempDir
    Path tmp;

    private Path generate(String name, String... options) {
        return generateAt(3, name, options);
    }

    private Path generateAt(int level, String name, String... options) {
        Path dir = tmp.resolve(name);
        List<String> args = new ArrayList<>(List.of("new", "demo-proj", "--level", String.valueOf(level), "--focus", "data",
                "--dir", dir.toString()));
        args.addAll(List.of(options));
        Cli.Result r = Cli.run(args.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.err()).isZero();
        return dir;
    }

    @Test
    void pyprojectDeclaresTheRequirementsAndIsValidToml() throws Exception {
        Path dir = generate("p", "--author", "Ada Lovelace <ada@example.com>");
        // Python's own TOML parser reads it, and its dependencies are exactly the requirements file's.
        Python.Run check = Python.run(dir, "-c", String.join("\n",
                "import tomllib",
                "p = tomllib.load(open('pyproject.toml', 'rb'))['project']",
                "reqs = [l.split(' #')[0].strip() for l in open('requirements.txt') if l.strip() and l[0] not in '#-']",
                "assert p['dependencies'] == reqs, (p['dependencies'], reqs)",
                "assert p['requires-python'] == '>=3.11', p",
                "assert p['authors'] == [{'name': 'Ada Lovelace', 'email': 'ada@example.com'}], p['authors']",
                "assert p['license'] == {'text': 'MIT'}",
                "print('ok')"));
        assertThat(check.exitCode()).as(check.output()).isZero();
        assertThat(Files.readString(dir.resolve("LICENSE"))).startsWith("MIT License").contains("Copyright (c) ").contains("Ada Lovelace");
        assertThat(Files.readString(dir.resolve(".pre-commit-config.yaml"))).contains("ruff-pre-commit");
        assertThat(Files.readString(dir.resolve("pyproject.toml"))).contains("[tool.ruff]").contains("target-version = \"py311\"");
    }

    @Test
    void licenceAndPythonVersionAreChoices() throws Exception {
        Path apache = generate("a", "--license", "apache-2.0", "--python", "3.12", "--no-git");
        assertThat(Files.readString(apache.resolve("LICENSE"))).contains("Apache License").contains("Version 2.0, January 2004");
        assertThat(Files.readString(apache.resolve("Dockerfile"))).contains("FROM python:3.12-slim");
        assertThat(Files.readString(apache.resolve(".github/workflows/ci.yml"))).contains("python-version: \"3.12\"");
        assertThat(Files.readString(apache.resolve("pyproject.toml"))).contains("requires-python = \">=3.12\"").contains("py312")
                .contains("Apache-2.0");
        assertThat(apache.resolve(".git")).doesNotExist();

        Path none = generate("n", "--license", "none", "--no-git");
        assertThat(none.resolve("LICENSE")).doesNotExist();
        assertThat(Files.readString(none.resolve("pyproject.toml"))).doesNotContain("license");
    }

    @Test
    void gitInitMakesOneCleanFirstCommit() throws Exception {
        Path dir = generate("g", "--author", "Grace Hopper <grace@example.com>");
        try (Git git = Git.open(dir.toFile())) {
            List<RevCommit> log = new ArrayList<>();
            git.log().call().forEach(log::add);
            assertThat(log).hasSize(1);
            assertThat(log.get(0).getAuthorIdent().getName()).isEqualTo("Grace Hopper");
            assertThat(log.get(0).getFullMessage()).contains("level 3");
            assertThat(git.status().call().isClean()).as("everything generated is committed").isTrue();
            assertThat(git.getRepository().getBranch()).isEqualTo("main");
        }
    }

    @Test
    void noNestedRepositoryInsideAnExistingOne() throws Exception {
        Path outer = tmp.resolve("outer");
        Git.init().setDirectory(outer.toFile()).call().close();
        Path dir = outer.resolve("inner");
        Cli.Result r = Cli.run("new", "demo-proj", "--level", "2", "--dir", dir.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("inside the git repository");
        assertThat(dir.resolve(".git")).doesNotExist();
        assertThat(dir.resolve("pyproject.toml")).exists();
    }

    @Test
    void badHygieneOptionsExitTwoAndWriteNothing() {
        for (String[] bad : new String[][] {{"--license", "gpl"}, {"--python", "2.7"}, {"--python", "three"}, {"--author", "<x@y>"}}) {
            Path dir = tmp.resolve("bad");
            Cli.Result r = Cli.run("new", "demo-proj", "--dir", dir.toString(), bad[0], bad[1]);
            assertThat(r.exitCode()).as(String.join(" ", bad)).isEqualTo(ExitCode.USAGE);
            assertThat(r.err()).contains(bad[0]);
            assertThat(dir).doesNotExist();
        }
    }

    @Test
    void samplesSayTheyAreSamplesAndNoGeneratedFileSpeaksInternalJargon() throws Exception {
        for (int level = 1; level <= 5; level++) {
            Path dir = generateAt(level, "j" + level, "--no-git");
            assertThat(Files.readString(dir.resolve("README.md"))).as("level %d README", level)
                    .contains("Worked sample: replace with your data");
            try (var walk = Files.walk(dir)) {
                for (Path f : walk.filter(Files::isRegularFile).toList()) {
                    String text = new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
                    assertThat(text).as(dir.relativize(f).toString()).doesNotContainPattern("(?i)seed 00\\d|seed-00\\d");
                }
            }
        }
    }
}
