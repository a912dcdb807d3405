package dev.mlproj.fetch;

import dev.mlproj.fs.Scratch;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.JGitInternalException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.transport.TagOpt;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.FileUtils;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Clones of git URLs, kept between runs. Each URL gets a directory named by a hash of the URL,
 * holding a bare mirror (cloned once, fetched again on every run that asks for it) and one work tree
 * per rev asked for, cloned from the mirror, so that two rows on different revisions of one
 * repository never trample each other. New clones are made in a temporary directory and renamed
 * into place: an interrupted run leaves no half-made entry behind. The temporary clones are
 * {@link Scratch} directories: removed on SIGINT and SIGTERM, and a killed run's by the next run.
 *
 * <pre>
 * ROOT/NAME-URLHASH/mirror.git             bare mirror of the URL
 * ROOT/NAME-URLHASH/trees/REV-REVHASH/     work tree at REV ("HEAD" when no rev is given)
 * </pre>
 */
public final class RepoCache {

    /** Seconds a network read may stall before the clone or fetch gives up. */
    private static final int TIMEOUT_SECONDS = 120;

    private static final Scratch SCRATCH = Scratch.process();

    private final Path root;
    private final PathLocks locks = new PathLocks();
    /** URLs already fetched by this run: a second row on the same URL sees the same commits, without a second fetch. */
    private final Set<String> refreshed = ConcurrentHashMap.newKeySet();

    /**
     * Lets a batch row past its deadline stop its clone or fetch: the row's thread is interrupted, and JGit
     * asks its monitor whether to go on between objects and progress steps.
     */
    private static final class CancelOnInterrupt extends org.eclipse.jgit.lib.EmptyProgressMonitor {
        @Override
        public boolean isCancelled() {
            return Thread.currentThread().isInterrupted();
        }
    }

    public RepoCache(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** {@code $XDG_CACHE_HOME/mlproj/repos}, or {@code ~/.cache/mlproj/repos} (XDG ignores a relative value). */
    public static Path defaultRoot(Map<String, String> env, String userHome) {
        String xdg = env.get("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg) : Path.of(userHome, ".cache");
        return base.resolve("mlproj").resolve("repos");
    }

    public Path root() {
        return root;
    }

    /** The cache directory of one URL. */
    Path entry(String url) {
        return root.resolve(slug(url.replaceAll("/+$", "").replaceAll("\\.git$", "")) + "-" + hash(url, 16));
    }

    /**
     * Brings the URL's mirror up to date, resolves {@code rev} in it ("" for the default branch) and
     * checks the commit out in the work tree for that rev, which stays reserved until the checkout is closed.
     */
    public Checkout checkout(String url, String rev) throws FetchException {
        Path entry = entry(url);
        String revName = rev.isEmpty() ? Constants.HEAD : rev;
        Path trees = entry.resolve("trees");
        Path tree = trees.resolve(slug(revName) + "-" + hash(revName, 8));
        PathLocks.Held treeLock;
        try {
            treeLock = locks.acquire(trees.resolve(tree.getFileName() + ".lock"));
        } catch (IOException e) {
            throw FetchException.of("cache " + root + " cannot be written", e);
        }
        try {
            ObjectId commit;
            try (PathLocks.Held ignored = locks.acquire(entry.resolve("mirror.lock"))) {
                // Clones are made under this lock: any scratch clone here of a process that is gone was
                // left by a run killed before it could clean up.
                SCRATCH.sweep(entry);
                SCRATCH.sweep(trees);
                Path mirror = entry.resolve("mirror.git");
                refreshMirror(url, entry, mirror);
                commit = resolve(url, mirror, rev);
                prepareTree(url, mirror, tree, commit);
            }
            return new Checkout(tree, commit.name(), treeLock);
        } catch (FetchException e) {
            treeLock.close();
            throw e;
        } catch (IOException | RuntimeException e) {
            treeLock.close();
            throw FetchException.of(url + ": cache " + entry + " could not be prepared", e);
        }
    }

    private void refreshMirror(String url, Path entry, Path mirror) throws FetchException, IOException {
        if (isRepository(mirror)) {
            if (!refreshed.contains(url)) {
                try (Git git = Git.open(mirror.toFile())) {
                    git.fetch().setRemote(Constants.DEFAULT_REMOTE_NAME).setRemoveDeletedRefs(true)
                            .setTimeout(TIMEOUT_SECONDS).setProgressMonitor(new CancelOnInterrupt()).call();
                } catch (GitAPIException | JGitInternalException e) {
                    throw FetchException.of("fetch " + url + " failed", e);
                }
                refreshed.add(url);
            }
            return;
        }
        delete(mirror);
        Files.createDirectories(entry);
        Path temp = SCRATCH.createDirectory(entry, "mirror");
        try {
            try (Git ignored = Git.cloneRepository().setURI(url).setDirectory(temp.toFile()).setBare(true).setMirror(true)
                    .setTimeout(TIMEOUT_SECONDS).setProgressMonitor(new CancelOnInterrupt()).call()) {
                // cloned
            } catch (GitAPIException | JGitInternalException e) {
                throw FetchException.of("clone " + url + " failed", e);
            }
            Files.move(temp, mirror, StandardCopyOption.ATOMIC_MOVE);
            refreshed.add(url);
        } finally {
            SCRATCH.delete(temp);
        }
    }

    private static ObjectId resolve(String url, Path mirror, String rev) throws FetchException, IOException {
        try (Git git = Git.open(mirror.toFile())) {
            Repository repo = git.getRepository();
            ObjectId id = repo.resolve((rev.isEmpty() ? Constants.HEAD : rev) + "^{commit}");
            if (id == null) {
                throw new FetchException(rev.isEmpty() ? url + ": the repository has no commits"
                        : "rev '" + rev + "' not found in " + url + " (no such branch, tag or commit)");
            }
            return id;
        } catch (RevisionSyntaxException | org.eclipse.jgit.errors.AmbiguousObjectException
                 | org.eclipse.jgit.errors.IncorrectObjectTypeException e) {
            throw FetchException.of("rev '" + rev + "' cannot be resolved in " + url, e);
        }
    }

    private static void prepareTree(String url, Path mirror, Path tree, ObjectId commit) throws FetchException, IOException {
        if (isRepository(tree.resolve(Constants.DOT_GIT))) {
            try (Git git = Git.open(tree.toFile())) {
                git.fetch().setRemote(Constants.DEFAULT_REMOTE_NAME).setTagOpt(TagOpt.FETCH_TAGS)
                        .setRemoveDeletedRefs(true).call();
                checkoutAt(url, git, commit);
                return;
            } catch (GitAPIException | JGitInternalException | IOException e) {
                // A damaged work tree is a cache entry like any other: made again below.
            }
        }
        delete(tree);
        Files.createDirectories(tree.getParent());
        Path temp = SCRATCH.createDirectory(tree.getParent(), "tree");
        try {
            try (Git ignored = Git.cloneRepository().setURI(mirror.toUri().toString()).setDirectory(temp.toFile())
                    .setNoCheckout(true).setTagOption(TagOpt.FETCH_TAGS).call()) {
                // cloned
            } catch (GitAPIException | JGitInternalException e) {
                throw FetchException.of(url + ": work tree could not be made from the cached mirror", e);
            }
            Files.move(temp, tree, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            SCRATCH.delete(temp);
        }
        try (Git git = Git.open(tree.toFile())) {
            checkoutAt(url, git, commit);
        } catch (GitAPIException | JGitInternalException | IOException e) {
            throw FetchException.of(url + ": " + commit.name() + " could not be checked out", e);
        }
    }

    /**
     * Detached at the commit, index and files exactly the commit's, nothing left over from an earlier
     * run. HEAD is detached first and then reset, rather than checked out, because a fresh clone made
     * without a checkout has an empty index that a checkout would take for deleted files.
     */
    private static void checkoutAt(String url, Git git, ObjectId commit) throws GitAPIException, FetchException, IOException {
        Repository repo = git.getRepository();
        if (!repo.getObjectDatabase().has(commit)) {
            throw new FetchException(url + ": " + commit.name() + " is on no branch or tag, so it cannot be checked out");
        }
        RefUpdate head = repo.updateRef(Constants.HEAD, true);
        head.setNewObjectId(commit);
        RefUpdate.Result result = head.forceUpdate();
        if (result != RefUpdate.Result.NEW && result != RefUpdate.Result.FORCED && result != RefUpdate.Result.NO_CHANGE) {
            throw new FetchException(url + ": HEAD could not be moved to " + commit.name() + " (" + result + ")");
        }
        git.reset().setMode(ResetCommand.ResetType.HARD).setRef(commit.name()).call();
        git.clean().setCleanDirectories(true).setIgnore(false).setForce(true).call();
    }

    private static boolean isRepository(Path gitDir) {
        return Files.isDirectory(gitDir) && RepositoryCache.FileKey.isGitRepository(gitDir.toFile(), FS.DETECTED);
    }

    private static void delete(Path path) throws IOException {
        if (Files.exists(path)) {
            FileUtils.delete(path.toFile(), FileUtils.RECURSIVE | FileUtils.RETRY | FileUtils.SKIP_MISSING);
        }
    }

    /** A readable directory-name stem: the URL's last path segment, safe characters only. */
    static String slug(String text) {
        String last = text.replaceAll("[/\\\\:]+$", "");
        last = last.substring(Math.max(last.lastIndexOf('/'), Math.max(last.lastIndexOf(':'), last.lastIndexOf('\\'))) + 1);
        String safe = last.replaceAll("[^A-Za-z0-9._-]+", "_").replaceAll("^[.]+", "");
        safe = safe.length() > 40 ? safe.substring(0, 40) : safe;
        return safe.isEmpty() ? "repo" : safe.toLowerCase(Locale.ROOT);
    }

    static String hash(String text, int hexChars) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, hexChars);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }
}
