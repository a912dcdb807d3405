package dev.mlproj.cli;

import dev.mlproj.testing.Cli;
import dev.mlproj.testing.FixtureRepo;
import dev.mlproj.testing.Special;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16: files named on the command line or in .mlproj.yaml that are devices, pipes or directories
 * (directly or behind links), and outputs aimed through links planted in the assessed repository. Each is
 * refused at once with the documented exit code and a message naming it; nothing blocks, nothing is
 * written where it should not be.
 */
class HostileFilesTest {

    private static final String ML_CODE = "import pandas as pd\nfrom sklearn.linear_model import Ridge\n"
            + "df = pd.read_csv('d.csv')\nRidge().fit(df[['x']], df['y'])\n";

    @TempDir
    Path tmp;

    private Path repo() {
        return FixtureRepo.plain(tmp.resolve("repo")).file("train.py", ML_CODE).root();
    }

    private static void assertClean(Cli.Result r) {
        assertThat(r.err()).doesNotContain("\tat ").doesNotContain("Exception").doesNotContain("Error:");
    }

    /** 16.5: `ln -s /dev/zero b.json && mlproj assess --baseline b.json .` exited 1 (the gate code) after reading forever. */
    @Test
    void aDeviceBehindALinkIsRefusedForEveryFileFlag() throws Exception {
        Path repo = repo();
        Path zero = Files.createSymbolicLink(tmp.resolve("b.json"), Path.of("/dev/zero"));
        Path pipe = Special.fifo(tmp.resolve("pipe.yaml"));
        Path pipeLink = Files.createSymbolicLink(tmp.resolve("pipe-link.csv"), pipe);

        Cli.Result baseline = Special.run("assess", "--baseline", zero.toString(), repo.toString());
        Cli.Result rubric = Special.run("assess", "--rubric", zero.toString(), repo.toString());
        Cli.Result rubricPipe = Special.run("assess", "--rubric", pipe.toString(), repo.toString());
        Cli.Result batch = Special.run("batch", zero.toString());
        Cli.Result batchPipe = Special.run("batch", pipeLink.toString());
        Cli.Result merge = Special.run("batch", "merge", zero.toString());

        for (Cli.Result r : new Cli.Result[] {baseline, rubric, rubricPipe}) {
            assertClean(r);
            assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.USAGE);
        }
        assertThat(baseline.err()).contains("--baseline " + zero + ":1:1: is a character device behind a symbolic link, not a regular file");
        assertThat(rubric.err()).contains(zero + ":1:1: is a character device behind a symbolic link, not a regular file");
        assertThat(rubricPipe.err()).contains(pipe + ":1:1: is a named pipe, not a regular file");
        for (Cli.Result r : new Cli.Result[] {batch, batchPipe, merge}) {
            assertClean(r);
            assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.UNREADABLE);
        }
        assertThat(batch.err()).contains(zero + ": is a character device behind a symbolic link, not a regular file");
        assertThat(batchPipe.err()).contains(pipeLink + ": is a named pipe behind a symbolic link, not a regular file");
        assertThat(merge.err()).contains(zero + ": is a character device behind a symbolic link, not a regular file");
    }

    /** 16.17: a missing --baseline exits like a missing --rubric; a rubric that is a directory names itself. */
    @Test
    void aMissingBaselineIsAUsageErrorAndARubricDirectoryIsNamed() throws Exception {
        Path repo = repo();
        Cli.Result baseline = Cli.run("assess", "--baseline", tmp.resolve("none.json").toString(), repo.toString());
        Cli.Result rubric = Cli.run("assess", "--rubric", tmp.resolve("none.yaml").toString(), repo.toString());
        Cli.Result directory = Cli.run("assess", "--rubric", tmp.toString(), repo.toString());

        assertThat(baseline.exitCode()).isEqualTo(rubric.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(directory.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(directory.err()).contains(tmp + ":1:1: is a directory, not a regular file");
        assertClean(directory);
    }

    /** 16.8: a named pipe named as a rubric in .mlproj.yaml blocked the assessment forever. */
    @Test
    void aPipeNamedAsARubricInTheConfigurationIsRefused() throws Exception {
        Path repo = repo();
        Special.fifo(repo.resolve("ci/team.yaml"));
        Files.writeString(repo.resolve(".mlproj.yaml"), "rubrics: [ci/team.yaml]\n");

        Cli.Result r = Special.run("assess", repo.toString());

        assertClean(r);
        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("team.yaml:1:1: is a named pipe, not a regular file");
    }

    /** 16.6: `ln -s /dev/full mlproj.json && mlproj assess --output mlproj.json .` wrote into the device. */
    @Test
    void anOutputLinkPlantedInTheRepositoryIsRefused() throws Exception {
        Path repo = repo();
        Path link = Files.createSymbolicLink(repo.resolve("mlproj.json"), Path.of("/dev/full"));
        Path pipe = Special.fifo(repo.resolve("report.json"));

        Cli.Result toLink = Special.run("assess", "--format", "json", "--output", link.toString(), repo.toString());
        Cli.Result toPipe = Special.run("assess", "--format", "json", "--output", pipe.toString(), repo.toString());

        assertClean(toLink);
        assertThat(toLink.exitCode()).isEqualTo(ExitCode.UNREADABLE);
        assertThat(toLink.err()).contains("--output " + link + ": cannot write").contains("a symbolic link inside the assessed repository");
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertClean(toPipe);
        assertThat(toPipe.exitCode()).isEqualTo(ExitCode.UNREADABLE);
        assertThat(toPipe.err()).contains("not a regular file (a device, pipe or socket inside the assessed repository)");
        try (var left = Files.list(repo)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("train.py", "mlproj.json", "report.json");
        }
    }

    /** 16.6: a planted parent link put the report outside the repository. */
    @Test
    void aParentLinkPlantedInTheRepositoryIsRefused(@TempDir Path elsewhere) throws Exception {
        Path repo = repo();
        Files.createSymbolicLink(repo.resolve("reports"), elsewhere);

        Cli.Result r = Special.run("assess", "--format", "json", "--output", repo.resolve("reports/assess.json").toString(), repo.toString());
        Cli.Result history = Special.run("history", "--output", repo.resolve("reports/history.txt").toString(), repo.toString());

        assertClean(r);
        assertThat(r.exitCode()).isEqualTo(ExitCode.UNREADABLE);
        assertThat(r.err()).contains(repo.resolve("reports") + ": a symbolic link inside the assessed repository");
        assertThat(history.exitCode()).isEqualTo(ExitCode.UNREADABLE); // not a git repository, or the link: never written
        try (var left = Files.list(elsewhere)) {
            assertThat(left).isEmpty();
        }
    }

    /** 16.14 (reports): a report replacing a 0644 file became 0600; a new one now gets the umask's permissions. */
    @Test
    void reportsKeepTheReplacedFilesPermissionsAndNewOnesFollowTheUmask(@TempDir Path out) throws Exception {
        Path repo = repo();
        Path old = Files.writeString(out.resolve("old.json"), "{}");
        Files.setPosixFilePermissions(old, PosixFilePermissions.fromString("rw-r--r--"));
        Path other = Files.writeString(out.resolve("group.json"), "{}");
        Files.setPosixFilePermissions(other, PosixFilePermissions.fromString("rw-rw----"));
        Set<PosixFilePermission> umaskDefault = Files.getPosixFilePermissions(Files.createFile(out.resolve("probe")));

        assertThat(Cli.run("assess", "--format", "json", "--output", old.toString(), repo.toString()).exitCode()).isZero();
        assertThat(Cli.run("assess", "--format", "json", "--output", other.toString(), repo.toString()).exitCode()).isZero();
        assertThat(Cli.run("assess", "--format", "json", "--output", out.resolve("new.json").toString(), repo.toString()).exitCode()).isZero();

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(old, LinkOption.NOFOLLOW_LINKS))).isEqualTo("rw-r--r--");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(other))).isEqualTo("rw-rw----");
        assertThat(Files.getPosixFilePermissions(out.resolve("new.json"))).isEqualTo(umaskDefault);
        assertThat(umaskDefault).contains(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.GROUP_READ);
        assertThat(Files.readString(old)).contains("\"level\"");
    }
}
