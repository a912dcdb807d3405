package dev.mlproj.scan;

import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A linked work tree (`git worktree add`): its git directory (.git/worktrees/NAME) holds its own HEAD and
 * index and a "commondir" file naming the repository that holds the objects and refs. JGit 6 reads
 * neither, so mlproj opens the common repository and reads the linked HEAD itself.
 *
 * @param gitDir the work tree's own git directory
 * @param common the repository its objects and refs live in
 */
record LinkedWorkTree(Path gitDir, Path common) {

    /** The linked work tree {@code gitDir} belongs to, or null when it is an ordinary git directory. */
    static LinkedWorkTree of(Path gitDir) throws IOException {
        Path commondir = gitDir.resolve("commondir");
        if (!Files.isRegularFile(commondir)) {
            return null;
        }
        return new LinkedWorkTree(gitDir, gitDir.resolve(GitDirCheck.readSmall(commondir).strip()).normalize());
    }

    /** The git directory a ".git" file points to ("gitdir: PATH"), or null when {@code dotGit} is not such a file. */
    static Path pointedTo(Path dotGit) throws IOException {
        if (!Files.isRegularFile(dotGit, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        String text = GitDirCheck.readDotGitFile(dotGit).strip();
        if (!text.startsWith("gitdir:")) {
            return null;
        }
        return dotGit.getParent().resolve(text.substring("gitdir:".length()).strip()).normalize();
    }

    /**
     * A linked work tree's git directory names its work tree back (its "gitdir" file holds the path of the
     * work tree's ".git" file); a ".git" file pointing at another work tree's git directory is refused, so
     * its history is never reported as this one's.
     */
    void checkPointsBackTo(Path dotGit) throws IOException {
        Path back = Path.of(GitDirCheck.readSmall(gitDir.resolve("gitdir")).strip());
        boolean same;
        try {
            same = back.toRealPath().equals(dotGit.toRealPath());
        } catch (IOException e) {
            same = false;
        }
        if (!same) {
            throw new GitDirCheck.NotOwn(dotGit + " points to " + gitDir + ", the git directory of the work tree " + back.getParent()
                    + ", not of this one; its history is not read");
        }
    }

    /**
     * A ".git" file pointing at an ordinary git directory (a submodule's, under .git/modules) is followed only
     * when that directory is inside the work tree or its core.worktree names this work tree; otherwise the
     * file borrows another repository, which is refused.
     */
    static void checkNamesWorkTree(Path pointed, Repository repository, Path top) throws IOException {
        Path realTop = top.toRealPath();
        Path realPointed = pointed.toRealPath();
        if (realPointed.startsWith(realTop)) {
            return;
        }
        String worktree = repository.getConfig().getString("core", null, "worktree");
        if (worktree != null) {
            try {
                if (realPointed.resolve(worktree).toRealPath().equals(realTop)) {
                    return;
                }
            } catch (IOException | java.nio.file.InvalidPathException e) {
                // names nothing that exists: not this work tree
            }
        }
        throw new GitDirCheck.NotOwn(top.resolve(".git") + " points to " + pointed + ", a git directory that does not name this work tree"
                + " as its own (no core.worktree leading back); its history is not read");
    }

    /** The index of this work tree. */
    Path index() {
        return gitDir.resolve("index");
    }

    /** Where this work tree is checked out, as its git directory records it. */
    Path workTree() throws IOException {
        return Path.of(GitDirCheck.readSmall(gitDir.resolve("gitdir")).strip()).getParent();
    }

    /** This work tree's HEAD: a branch of the common repository ("ref: refs/heads/x") or a commit id; null before any commit. */
    ObjectId head(Repository commonRepository) throws IOException {
        String head = GitDirCheck.readSmall(gitDir.resolve("HEAD")).strip();
        if (!head.startsWith("ref:")) {
            return ObjectId.fromString(head);
        }
        Ref ref = commonRepository.exactRef(head.substring(4).strip());
        return ref == null ? null : ref.getObjectId();
    }
}
