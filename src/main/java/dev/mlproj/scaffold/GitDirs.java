package dev.mlproj.scaffold;

import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.util.FS;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The repository a directory belongs to, for writing: the nearest {@code .git} on the way up, and only
 * that one. Git itself walks past a {@code .git} it cannot read and carries on upwards, so a garbage
 * {@code inner/.git} inside a parent repository would make {@code next --branch} commit to the parent;
 * here the nearest {@code .git} must be a readable repository or nothing is written. {@code GIT_DIR} and
 * the other environment variables are not consulted: the path on the command line decides.
 */
public final class GitDirs {

    /** A work tree and its git directory. */
    public record Found(Path workTree, Path gitDir) { }

    private GitDirs() {
    }

    /**
     * @return the repository of the nearest {@code .git} at or above {@code dir}, or empty when there is none
     * @throws ScaffoldException when the nearest {@code .git} is not a readable repository, or is a symbolic link
     */
    public static Optional<Found> nearest(Path dir) throws ScaffoldException {
        Path start = dir.toAbsolutePath().normalize();
        for (Path p = start; p != null; p = p.getParent()) {
            Path dotGit = p.resolve(".git");
            if (!Files.exists(dotGit, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            if (Files.isSymbolicLink(dotGit)) {
                throw ScaffoldException.refused(dotGit + " is a symbolic link; mlproj writes only into a repository's own .git");
            }
            if (Files.isDirectory(dotGit, LinkOption.NOFOLLOW_LINKS)) {
                if (!RepositoryCache.FileKey.isGitRepository(dotGit.toFile(), FS.DETECTED)) {
                    throw notReadable(dotGit, p, start, "not a git directory");
                }
                return Optional.of(new Found(p, dotGit));
            }
            // A .git file: a linked work tree or a submodule, pointing at its git directory.
            try {
                FileRepositoryBuilder builder = new FileRepositoryBuilder().setWorkTree(p.toFile()).setMustExist(true);
                builder.setup();
                Path gitDir = builder.getGitDir().toPath().toAbsolutePath().normalize();
                if (!RepositoryCache.FileKey.isGitRepository(gitDir.toFile(), FS.DETECTED)) {
                    throw notReadable(dotGit, p, start, "it points to " + gitDir + ", which is not a git directory");
                }
                return Optional.of(new Found(p, gitDir));
            } catch (IOException | IllegalArgumentException e) {
                throw notReadable(dotGit, p, start, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            }
        }
        return Optional.empty();
    }

    private static ScaffoldException notReadable(Path dotGit, Path owner, Path start, String why) {
        return ScaffoldException.refused(dotGit + " is not a readable git repository (" + why + "); mlproj does not write to "
                + (owner.equals(start) ? "a repository further up" : "any other repository") + " instead");
    }
}
