package dev.mlproj.scaffold;

import dev.mlproj.testing.Python;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NextLockTest {

    @TempDir
    Path tmp;

    private Path repo() throws Exception {
        Path repo = tmp.resolve("repo");
        Git.init().setDirectory(repo.toFile()).call().close();
        return repo;
    }

    @Test
    void theLockAndTheStagingLiveInTheGitDirectoryOrBesideAPlainDirectory() throws Exception {
        Path repo = repo();
        Files.createDirectories(repo.resolve("sub"));
        NextLock.Place inRepo = NextLock.place(repo.resolve("sub"));
        assertThat(inRepo.scratchParent()).isEqualTo(repo.resolve(".git"));
        assertThat(inRepo.lockFile()).isEqualTo(repo.resolve(".git/mlproj-next.lock"));

        Path plain = Files.createDirectories(tmp.resolve("plain"));
        NextLock.Place beside = NextLock.place(plain);
        assertThat(beside.scratchParent()).isEqualTo(tmp);
        assertThat(beside.lockFile()).isEqualTo(tmp.resolve(".plain.mlproj-next.lock"));

        // A garbage .git is no place to write: beside the directory instead.
        Path broken = Files.createDirectories(tmp.resolve("broken"));
        Files.writeString(broken.resolve(".git"), "garbage\n");
        assertThat(NextLock.place(broken).scratchParent()).isEqualTo(tmp);
    }

    @Test
    void aSecondWriterIsRefusedUntilTheFirstLetsGoAndNoLockFileStays() throws Exception {
        Path repo = repo();
        try (NextLock first = NextLock.acquire(repo)) {
            assertThat(repo.resolve(".git/mlproj-next.lock")).hasContent(ProcessHandle.current().pid() + "\n");
            assertThatThrownBy(() -> NextLock.acquire(repo)).isInstanceOf(ScaffoldException.class)
                    .satisfies(e -> assertThat(((ScaffoldException) e).refused()).isFalse())
                    .hasMessageContaining("another mlproj next").hasMessageContaining("is writing into " + repo);
        }
        assertThat(repo.resolve(".git/mlproj-next.lock")).doesNotExist();
        try (NextLock again = NextLock.acquire(repo)) {
            assertThat(repo.resolve(".git/mlproj-next.lock")).exists();
        }
    }

    @Test
    void aLockHeldByAnotherProcessIsRespectedAndItsPidNamed() throws Exception {
        Path repo = repo();
        Path lockFile = repo.resolve(".git/mlproj-next.lock");
        // Python's lockf is the same fcntl lock the JVM takes: another process holds the lock until its stdin closes.
        String script = "import fcntl, os, sys\n"
                + "f = open(sys.argv[1], 'a+')\n"
                + "fcntl.lockf(f, fcntl.LOCK_EX | fcntl.LOCK_NB)\n"
                + "f.truncate(0); f.write(str(os.getpid()) + '\\n'); f.flush()\n"
                + "print('locked', flush=True)\n"
                + "sys.stdin.read()\n";
        Process holder = new ProcessBuilder(Python.interpreter(), "-c", script, lockFile.toString()).redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).isEqualTo("locked");
            assertThatThrownBy(() -> NextLock.acquire(repo)).isInstanceOf(ScaffoldException.class)
                    .hasMessageContaining("another mlproj next (pid " + holder.pid() + ") is writing into");
        } finally {
            holder.getOutputStream().close();
            holder.waitFor();
        }
        // The holder is gone, its lock with it (as after a SIGKILL): the file it left does not block anyone.
        assertThat(lockFile).exists();
        try (NextLock mine = NextLock.acquire(repo)) {
            assertThat(lockFile).hasContent(ProcessHandle.current().pid() + "\n");
        }
        assertThat(lockFile).doesNotExist();
    }
}
