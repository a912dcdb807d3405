package dev.mlproj.fs;

import dev.mlproj.testing.Pids;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

class ScratchTest {

    @TempDir
    Path tmp;

    @Test
    void aScratchDirectoryNamesItsProcessAndTakesTheUmasksPermissions() throws Exception {
        Path dir = Scratch.process().createDirectory(tmp, "proj");
        Path probe = Files.createDirectory(tmp.resolve("probe"));
        assertThat(dir.getFileName().toString()).matches("\\.proj\\.mlproj-" + ProcessHandle.current().pid() + "-[0-9a-z]+");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
                .isEqualTo(PosixFilePermissions.toString(Files.getPosixFilePermissions(probe)));
        Scratch.process().delete(dir);
        assertThat(dir).doesNotExist();
    }

    @Test
    void theSweepRemovesScratchOfDeadProcessesOnly() throws Exception {
        long dead = Pids.dead();
        Path stale = Files.createDirectories(tmp.resolve(".proj.mlproj-" + dead + "-abc/pkg"));
        Files.writeString(stale.resolve("a.py"), "x = 1\n");
        Path staleFile = Files.writeString(tmp.resolve(".x.mlproj-" + dead + "-zz"), "left");
        Path alive = Files.createDirectory(tmp.resolve(".proj.mlproj-" + Pids.aliveOther() + "-abc"));
        Path mine = Scratch.process().createDirectory(tmp, "proj");
        Path notScratch = Files.createDirectory(tmp.resolve(".proj.mlproj-notapid"));
        Path userDir = Files.createDirectory(tmp.resolve("proj.mlproj-" + dead + "-abc")); // no leading dot: not ours

        assertThat(Scratch.process().sweep(tmp)).containsExactlyInAnyOrder(stale.getParent(), staleFile);

        assertThat(stale.getParent()).doesNotExist();
        assertThat(staleFile).doesNotExist();
        assertThat(alive).isDirectory();
        assertThat(mine).isDirectory();
        assertThat(notScratch).isDirectory();
        assertThat(userDir).isDirectory();
        Scratch.process().delete(mine);
    }

    @Test
    void aSweepNeverFollowsALinkOut(@TempDir Path outside) throws Exception {
        Files.writeString(outside.resolve("keep.txt"), "mine");
        Path link = Files.createSymbolicLink(tmp.resolve(".proj.mlproj-" + Pids.dead() + "-abc"), outside);
        Scratch.process().sweep(tmp);
        assertThat(link).doesNotExist();
        assertThat(outside.resolve("keep.txt")).hasContent("mine");
    }
}
