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
        return new LinkedWorkTree(gitDir, gitDir.resolve(Files.readString(commondir).strip()).normalize());
    }

    /** The git directory a ".git" file points to ("gitdir: PATH"), or null when {@code dotGit} is not such a file. */
    static Path pointedTo(Path dotGit) throws IOException {
        if (!Files.isRegularFile(dotGit, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        String text = Files.readString(dotGit).strip();
        if (!text.startsWith("gitdir:")) {
            return null;
        }
        return dotGit.getParent().resolve(text.substring("gitdir:".length()).strip()).normalize();
    }

    /** The index of this work tree. */
    Path index() {
        return gitDir.resolve("index");
    }

    /** Where this work tree is checked out, as its git directory records it. */
    Path workTree() throws IOException {
        return Path.of(Files.readString(gitDir.resolve("gitdir")).strip()).getParent();
    }

    /** This work tree's HEAD: a branch of the common repository ("ref: refs/heads/x") or a commit id; null before any commit. */
    ObjectId head(Repository commonRepository) throws IOException {
        String head = Files.readString(gitDir.resolve("HEAD")).strip();
        if (!head.startsWith("ref:")) {
            return ObjectId.fromString(head);
        }
        Ref ref = commonRepository.exactRef(head.substring(4).strip());
        return ref == null ? null : ref.getObjectId();
    }
}
