package dev.mlproj.scan;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;

/**
 * A repository's first-parent history from HEAD, each commit scanned straight from the object database: no
 * checkout, nothing written, so the work tree and the index stay as they are and a bare repository works too.
 * Scanning a commit goes through the same analysis as a work-tree scan ({@link Scanner#collect}), with a
 * per-blob cache so that a file unchanged since an earlier commit is neither read nor analysed again.
 * Not thread-safe: one caller scans one commit at a time (each scan is itself parallel).
 */
public final class HistoryScan implements AutoCloseable {

    private final Scanner scanner;
    private final Scanner.Queries queries;
    private final BlobFactCache cache;
    private final Repository repository;
    private final String prefix;
    private final String display;
    private final RevWalk walk;
    private final ForkJoinPool pool;
    private final CommitSource.Memo listings = new CommitSource.Memo();
    private final Map<Thread, ObjectReader> readers = new ConcurrentHashMap<>();
    private final List<CommitRef> commits = new ArrayList<>();
    private final Map<String, RevCommit> byId = new HashMap<>();
    private final Map<String, Integer> position = new HashMap<>();
    private final boolean shallow;
    private final HistoryMetrics metrics;
    private int lastPosition = -1;

    private HistoryScan(Scanner scanner, Scanner.Queries queries, BlobFactCache cache, Repository repository,
                        String prefix, String display) throws IOException {
        this.scanner = scanner;
        this.queries = queries;
        this.cache = cache;
        this.repository = repository;
        this.prefix = prefix;
        this.display = display;
        this.walk = new RevWalk(repository);
        this.shallow = Files.exists(repository.getDirectory().toPath().resolve("shallow"));
        this.metrics = new HistoryMetrics(repository, walk, prefix);
        this.pool = new ForkJoinPool(scanner.threads());
    }

    static HistoryScan open(Scanner scanner, Path path, Scanner.Queries queries, BlobFactCache cache) throws ScanException {
        if (!Files.isDirectory(path)) {
            throw new ScanException(path + ": not a directory");
        }
        Located located = locate(path);
        Repository repository = null;
        HistoryScan history = null;
        try {
            Path gitDir = located.gitDir().toRealPath();
            LinkedWorkTree linked = LinkedWorkTree.of(gitDir);
            if (linked != null) {
                if (located.dotGitFile() != null) {
                    linked.checkPointsBackTo(located.dotGitFile());
                }
                GitDirCheck.check(linked.gitDir());
                GitDirCheck.check(linked.common());
            } else {
                GitDirCheck.check(gitDir);
            }
            FileRepositoryBuilder builder = new FileRepositoryBuilder().readEnvironment(new GitReader.NoEnvironment())
                    .setGitDir(gitDir.toFile());
            if (linked == null && located.dotGitFile() != null) {
                builder.setWorkTree(located.dotGitFile().getParent().toFile());
                repository = builder.build();
                LinkedWorkTree.checkNamesWorkTree(gitDir, repository, located.dotGitFile().getParent());
            }
            ObjectId head;
            Path workTree;
            if (linked != null) {
                repository = new FileRepositoryBuilder().readEnvironment(new GitReader.NoEnvironment())
                        .setGitDir(linked.common().toFile()).build();
                head = linked.head(repository);
                workTree = linked.workTree();
            } else {
                if (repository == null) {
                    repository = builder.build();
                }
                head = repository.resolve(Constants.HEAD);
                workTree = repository.isBare() ? null : repository.getWorkTree().toPath();
            }
            Path real = path.toRealPath();
            String prefix;
            if (real.equals(gitDir) || real.equals(repository.getDirectory().toPath().toRealPath())) {
                prefix = ""; // the repository itself, bare or the .git of a work tree
            } else if (workTree == null || real.startsWith(gitDir)) {
                throw new ScanException(path + ": inside a git directory; give the repository itself");
            } else {
                prefix = workTree.toRealPath().relativize(real).toString().replace('\\', '/');
            }
            history = new HistoryScan(scanner, queries, cache, repository, prefix, path.toString());
            history.readFirstParentHistory(head);
            return history;
        } catch (GitDirCheck.Refused | GitDirCheck.NotOwn e) {
            closeQuietly(history, repository);
            throw new ScanException(path + ": " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            closeQuietly(history, repository);
            throw new ScanException(path + ": git history could not be read (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        } catch (ScanException e) {
            closeQuietly(history, repository);
            throw e;
        }
    }

    /** Where a repository's git directory is, and the ".git" file that named it (null when it is a directory). */
    private record Located(Path gitDir, Path dotGitFile) { }

    /**
     * Finds the git directory for {@code path} as git does, from it upwards, but opening nothing that could
     * block and never following a ".git" that is a symbolic link: history reads only a repository's own git
     * directory, as assess does.
     */
    private static Located locate(Path path) throws ScanException {
        for (Path dir = path.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            Path dotGit = dir.resolve(Constants.DOT_GIT);
            java.nio.file.attribute.BasicFileAttributes attrs;
            try {
                attrs = Files.readAttributes(dotGit, java.nio.file.attribute.BasicFileAttributes.class,
                        java.nio.file.LinkOption.NOFOLLOW_LINKS);
            } catch (IOException e) {
                attrs = null;
            }
            if (attrs != null) {
                if (attrs.isSymbolicLink()) {
                    throw new ScanException(dotGit + " is a symbolic link, which is not followed: history reads only a"
                            + " repository's own git directory (assess scans such a directory as plain files)");
                }
                if (attrs.isDirectory()) {
                    return new Located(dotGit, null);
                }
                if (!attrs.isRegularFile()) {
                    throw new ScanException(dotGit + " " + dev.mlproj.io.SafeFiles.describe(dotGit, attrs) + ", not a git directory");
                }
                Path pointed;
                try {
                    pointed = LinkedWorkTree.pointedTo(dotGit);
                } catch (IOException e) {
                    throw new ScanException(dotGit + ": " + e.getMessage());
                }
                if (pointed == null || !Files.isDirectory(pointed)) {
                    throw new ScanException(dotGit + " does not point to a git directory; not a git repository");
                }
                return new Located(pointed, dotGit);
            }
            if (GitDirCheck.looksLikeGitDir(dir)) {
                return new Located(dir, null);
            }
        }
        throw new ScanException(path + ": not a git repository (history reads commits; assess scans any directory)");
    }

    private static void closeQuietly(HistoryScan history, Repository repository) {
        if (history != null) {
            history.close();
        } else if (repository != null) {
            repository.close();
        }
    }

    /** HEAD's first parents, oldest first; with a subdirectory, only the commits that changed it. */
    private void readFirstParentHistory(ObjectId head) throws IOException, ScanException {
        if (head == null) {
            throw new ScanException(display + ": no commits yet, so there is no history to assess");
        }
        List<RevCommit> chain = new ArrayList<>();
        for (RevCommit c = walk.parseCommit(head); c != null; ) {
            chain.add(c);
            c = c.getParentCount() == 0 ? null : walk.parseCommit(c.getParent(0));
        }
        Collections.reverse(chain);
        ObjectId before = null;
        for (RevCommit c : chain) {
            if (!prefix.isEmpty()) {
                ObjectId here = metrics.subtree(c);
                boolean changed = !Objects.equals(here, before);
                before = here;
                if (!changed) {
                    continue;
                }
            }
            CommitRef ref = new CommitRef(c.name(), c.getCommitterIdent().getWhenAsInstant());
            position.put(ref.id(), commits.size());
            commits.add(ref);
            byId.put(ref.id(), c);
        }
        if (commits.isEmpty()) {
            throw new ScanException(display + ": no commit on HEAD's first-parent history touches this directory");
        }
    }

    /** HEAD's first-parent history, oldest first (for a subdirectory: the commits that changed it). */
    public List<CommitRef> commits() {
        return Collections.unmodifiableList(commits);
    }

    /** True for a shallow clone: the history stops at the commits that were fetched. */
    public boolean shallow() {
        return shallow;
    }

    public boolean bare() {
        return repository.isBare();
    }

    /**
     * The facts of one commit of {@link #commits()}, with git metrics of the history up to it. Cheapest when
     * commits are asked for oldest first.
     */
    public RepoFacts scan(CommitRef ref) throws ScanException {
        RevCommit commit = byId.get(ref.id());
        if (commit == null) {
            throw new IllegalArgumentException(ref.id() + " is not on the first-parent history");
        }
        int at = position.get(ref.id());
        List<String> warnings = Collections.synchronizedList(new ArrayList<>());
        try {
            GitFacts git = metrics.upTo(commit, shallow, at > lastPosition);
            lastPosition = at;
            CommitSource source = new CommitSource(walk.getObjectReader(), this::reader, commit.getTree(), prefix, warnings, listings);
            List<RepoFile> files = source.files();
            listings.next();
            return scanner.collect(display, source, files, queries, pool, cache, warnings, git);
        } catch (IOException | RuntimeException e) {
            throw new ScanException(display + ": commit " + ref.shortId() + " could not be read ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        }
    }

    /** How the per-blob cache has done so far; all zero without a cache. */
    public CacheStats cacheStats() {
        return cache == null ? CacheStats.DISABLED : cache.stats();
    }

    /** Object readers are not thread-safe; each analysing thread reads blobs through its own (and its delta cache). */
    private ObjectReader reader() {
        return readers.computeIfAbsent(Thread.currentThread(), t -> repository.newObjectReader());
    }

    @Override
    public void close() {
        pool.shutdown();
        readers.values().forEach(ObjectReader::close);
        readers.clear();
        walk.close();
        repository.close();
    }
}
