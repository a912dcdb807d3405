package dev.mlproj.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlproj.report.JUnitXml;
import dev.mlproj.report.Sarif;
import dev.mlproj.testing.Cli;
import dev.mlproj.testing.FixtureRepo;
import dev.mlproj.testing.TreeSnapshot;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.StoredConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** assess pointed at a git URL, a bare repository or a revision, and the commit every format names. */
class AssessTargetTest {

    @TempDir
    static Path tmp;

    static Path repo;
    static String first;
    static String head;

    @BeforeAll
    static void repository() throws Exception {
        repo = tmp.resolve("churn");
        FixtureRepo fixture = FixtureRepo.git(repo).file("README.md", "# Churn\n").commit("readme");
        first = fixture.git().getRepository().resolve(Constants.HEAD).name();
        fixture.file("train.py", FixtureRepo.LEVEL_ONE_SCRIPT).commit("train");
        head = fixture.git().getRepository().resolve(Constants.HEAD).name();
        fixture.git().close();
    }

    private static Cli.Result assess(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "assess";
        all[1] = "--cache";
        all[2] = tmp.resolve("cache").toString();
        System.arraycopy(args, 0, all, 3, args.length);
        return Cli.run(all);
    }

    private static JsonNode json(Cli.Result r) throws Exception {
        assertThat(r.exitCode()).as(r.err()).isZero();
        return new ObjectMapper().readTree(r.out());
    }

    @Test
    void aFileUrlIsClonedIntoTheCacheAndItsCommitNamed() throws Exception {
        String url = repo.toUri().toString();
        JsonNode report = json(assess("--format", "json", url));
        assertThat(report.get("path").asText()).isEqualTo(url);
        assertThat(report.get("commit").get("id").asText()).isEqualTo(head);
        assertThat(report.get("level").asInt()).isEqualTo(json(assess("--format", "json", repo.toString())).get("level").asInt());
        assertThat(tmp.resolve("cache")).isDirectory();
    }

    @Test
    void aBareRepositoryIsAssessedAtItsHead(@TempDir Path bare) throws Exception {
        Git.cloneRepository().setURI(repo.toUri().toString()).setDirectory(bare.toFile()).setBare(true).call().close();
        Map<String, String> before = TreeSnapshot.of(bare);
        JsonNode report = json(assess("--format", "json", bare.toString()));
        assertThat(report.get("commit").get("id").asText()).isEqualTo(head);
        assertThat(report.get("criteria").toString()).contains("\"path\":\"train.py\"");
        assertThat(TreeSnapshot.of(bare)).isEqualTo(before);
    }

    @Test
    void aRevisionIsAssessedWithoutTouchingTheWorkTree() throws Exception {
        Map<String, String> before = TreeSnapshot.of(repo);
        JsonNode report = json(assess("--format", "json", "--rev", first, repo.toString()));
        assertThat(report.get("commit").get("id").asText()).isEqualTo(first);
        assertThat(report.get("commit").get("ref").asText()).isEqualTo(first);
        assertThat(report.get("criteria").toString()).doesNotContain("\"path\":\"train.py\"");
        assertThat(TreeSnapshot.of(repo)).isEqualTo(before);
        Cli.Result missing = assess("--rev", "no-such-branch", repo.toString());
        assertThat(missing.exitCode()).isEqualTo(3);
        assertThat(missing.err()).startsWith("mlproj: ").contains("no-such-branch").doesNotContain("Exception");
        assertThat(assess("--rev", " ", repo.toString()).exitCode()).isEqualTo(2);
    }

    @Test
    void everyFormatNamesTheCommitAndMarkdownLinksToTheRemote(@TempDir Path dir) throws Exception {
        Path clone = dir.resolve("clone");
        try (Git git = Git.cloneRepository().setURI(repo.toUri().toString()).setDirectory(clone.toFile()).call()) {
            StoredConfig config = git.getRepository().getConfig();
            config.setString("remote", "origin", "url", "git@github.com:o/churn.git");
            config.save();
        }
        String target = clone.toString();
        JsonNode report = json(assess("--format", "json", target));
        assertThat(report.get("commit").get("id").asText()).isEqualTo(head);
        assertThat(report.get("commit").get("ref").asText()).isEqualTo("refs/heads/main");
        assertThat(report.get("commit").get("repository").asText()).isEqualTo("https://github.com/o/churn");

        assertThat(assess(target).out().replaceAll("\\s+", " ")).contains("assessed " + target + " at " + head + " (refs/heads/main)");
        assertThat(assess("--format", "markdown", target).out())
                .contains("[`train.py:", "](https://github.com/o/churn/blob/" + head + "/train.py#L");
        String sarif = assess("--format", "sarif", target).out();
        JsonNode vcs = new ObjectMapper().readTree(sarif).get("runs").get(0).get("versionControlProvenance").get(0);
        assertThat(vcs.get("revisionId").asText()).isEqualTo(head);
        assertThat(vcs.get("repositoryUri").asText()).isEqualTo("https://github.com/o/churn");
        assertThat(Sarif.violations(sarif)).isEmpty();
        String junit = assess("--format", "junit", target).out();
        assertThat(junit).contains("<property name=\"commit\" value=\"" + head + "\"/>");
        assertThat(JUnitXml.violations(junit)).isEmpty();
    }

    @Test
    void aDirectoryOutsideGitHasNoCommit(@TempDir Path dir) throws Exception {
        FixtureRepo.plain(dir).file("train.py", FixtureRepo.LEVEL_ONE_SCRIPT);
        assertThat(json(assess("--format", "json", dir.toString())).get("commit").isNull()).isTrue();
    }
}
