package dev.mlproj.scan;

import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.ignore.IgnoreNode;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.RevFilter;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.PathFilter;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Everything the scan asks of git: what is tracked, what the history says. Only this class knows JGit. */
final class GitReader implements AutoCloseable {

    private final Repository repository;
    private final String prefix; // the scanned root relative to the work tree, "" or "dir/sub"
    private final String base; // the prefix as the start of an index path: "" or "dir/sub/"
    /** The index, sorted by path: what is tracked is looked up in it rather than copied into sets. */
    private final DirCache index;
    private final Set<String> submodules = new HashSet<>();

    /** The commit to read history from: HEAD, or a linked work tree's own HEAD (null: none yet). */
    private final ObjectId head;

    private GitReader(Repository repository, String prefix, ObjectId head, DirCache index) {
        this.repository = repository;
        this.prefix = prefix;
        this.base = prefix.isEmpty() ? "" : prefix + "/";
        this.head = head;
        this.index = index;
        noteSubmodules();
    }

    /**
     * Opens the repository whose work tree holds {@code root}; null when there is none, or when the nearest
     * {@code .git} cannot be read, which is then a warning: the scan falls back to the plain files and
     * never borrows the history of a repository further up.
     *
     * @throws ScanException when {@code root} is a bare repository or inside a git directory: no work tree
     */
    static GitReader open(Path root, List<String> warnings) throws ScanException {
        Path top = null;
        for (Path dir = root.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(Constants.DOT_GIT), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                top = dir;
                break;
            }
            if (GitDirCheck.looksLikeGitDir(dir)) {
                throw new ScanException(root + (dir.equals(root.toAbsolutePath().normalize()) ? " is a bare git repository"
                        : " is inside the git directory " + dir) + ", which has no work tree to assess; clone it and assess the clone");
            }
        }
        if (top == null) {
            return null;
        }
        Path dotGit = top.resolve(Constants.DOT_GIT);
        if (Files.isSymbolicLink(dotGit)) {
            // git would follow it; mlproj reads only a repository's own git directory, so a planted link can
            // never make it report another repository's history as this one's.
            warnings.add(dotGit + " is a symbolic link, which is not followed; scanned as plain files without history");
            return null;
        }
        try {
            Path pointed = LinkedWorkTree.pointedTo(dotGit);
            LinkedWorkTree linked = pointed == null ? null : LinkedWorkTree.of(pointed);
            if (linked != null) {
                linked.checkPointsBackTo(dotGit);
                GitDirCheck.check(linked.gitDir());
                GitDirCheck.check(linked.common());
            } else {
                GitDirCheck.check(pointed != null ? pointed : dotGit);
            }
            Repository repo;
            ObjectId head;
            if (linked != null) {
                repo = new FileRepositoryBuilder().readEnvironment(new NoEnvironment()).setGitDir(linked.common().toFile())
                        .setIndexFile(linked.index().toFile()).setWorkTree(top.toFile()).setMustExist(true).build();
                head = linked.head(repo);
            } else {
                repo = new FileRepositoryBuilder().readEnvironment(new NoEnvironment())
                        .setWorkTree(top.toFile()).setMustExist(true).build();
                if (pointed != null) {
                    try {
                        LinkedWorkTree.checkNamesWorkTree(pointed, repo, top);
                    } catch (IOException e) {
                        repo.close();
                        throw e;
                    }
                }
                head = repo.resolve(Constants.HEAD);
            }
            Path realTop = repo.getWorkTree().toPath().toRealPath();
            Path real = root.toRealPath();
            String prefix = realTop.relativize(real).toString().replace('\\', '/');
            try {
                // Reading the index is where a corrupt one shows.
                return new GitReader(repo, prefix, head, repo.readDirCache());
            } catch (IOException | RuntimeException e) {
                repo.close();
                throw e;
            }
        } catch (GitDirCheck.Refused e) {
            throw new ScanException(e.getMessage());
        } catch (GitDirCheck.NotOwn e) {
            warnings.add(e.getMessage() + "; scanned as plain files without history");
            return null;
        } catch (IOException | RuntimeException e) {
            warnings.add(dotGit + " is not a readable git repository (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "); scanned as plain files without history");
            return null;
        }
    }

    /** Keeps JGit from reading GIT_DIR and friends from the environment of whoever runs us. */
    static final class NoEnvironment extends org.eclipse.jgit.util.SystemReader.Delegate {
        NoEnvironment() {
            super(org.eclipse.jgit.util.SystemReader.getInstance());
        }

        @Override
        public String getenv(String variable) {
            return variable.startsWith("GIT_") ? null : super.getenv(variable);
        }
    }

    /**
     * Notes the submodules. Tracked paths are not copied out of the index: on a 100,000-file repository
     * building those sets took longer than reading the index itself, and the walk asks about only the few
     * paths that .gitignore rules would drop.
     */
    private void noteSubmodules() {
        for (int i = 0; i < index.getEntryCount(); i++) {
            DirCacheEntry entry = index.getEntry(i);
            if (entry.getFileMode().equals(org.eclipse.jgit.lib.FileMode.GITLINK)) {
                String path = entry.getPathString();
                if (path.startsWith(base)) {
                    submodules.add(path.substring(base.length()));
                }
            }
        }
    }

    FileInventory.Tracked tracked() {
        return new FileInventory.Tracked() {
            @Override
            public boolean isTrackedFile(String relativePath) {
                return isTracked(relativePath);
            }

            @Override
            public boolean hasTrackedUnder(String relativeDir) {
                String under = base + relativeDir + "/";
                int at = index.findEntry(under);
                // Not an entry itself, so the binary search gives where paths under the directory would start.
                for (int i = at < 0 ? -(at + 1) : at; i < index.getEntryCount(); i++) {
                    DirCacheEntry entry = index.getEntry(i);
                    if (!entry.getPathString().startsWith(under)) {
                        return false;
                    }
                    if (!entry.getFileMode().equals(org.eclipse.jgit.lib.FileMode.GITLINK)) {
                        return true;
                    }
                }
                return false;
            }
        };
    }

    Set<String> submodules() {
        return submodules;
    }

    /** A file tracked by git (a submodule is not a file). Safe from any thread: the index is only read. */
    boolean isTracked(String relativePath) {
        int at = index.findEntry(base + relativePath);
        return at >= 0 && !index.getEntry(at).getFileMode().equals(org.eclipse.jgit.lib.FileMode.GITLINK);
    }

    /** .gitignore files between the work tree's top and the scanned root, outermost first, plus info/exclude. */
    List<IgnoreNode> inheritedIgnores(List<String> warnings) {
        List<IgnoreNode> nodes = new ArrayList<>();
        IgnoreNode exclude = FileInventory.readIgnore(repository.getDirectory().toPath().resolve("info").resolve("exclude"),
                ".git/info/exclude", warnings);
        if (exclude != null) {
            nodes.add(exclude);
        }
        if (!prefix.isEmpty()) {
            // Ancestor rules are matched against paths relative to the scanned root, which is exact for
            // the common name-only rules ("*.pyc", "data/") and approximate for anchored ones.
            Path dir = repository.getWorkTree().toPath();
            IgnoreNode top = FileInventory.readIgnore(dir.resolve(".gitignore"), dir.resolve(".gitignore").toString(), warnings);
            if (top != null) {
                nodes.add(top);
            }
            String[] parts = prefix.split("/");
            for (int i = 0; i < parts.length - 1; i++) {
                dir = dir.resolve(parts[i]);
                IgnoreNode node = FileInventory.readIgnore(dir.resolve(".gitignore"), dir.resolve(".gitignore").toString(), warnings);
                if (node != null) {
                    nodes.add(node);
                }
            }
        }
        return nodes;
    }

    GitFacts history() {
        boolean shallow = Files.exists(repository.getDirectory().toPath().resolve("shallow"));
        try {
            if (head == null) {
                return new GitFacts(true, null, 0, 0, 0, 0, null, null, shallow, "no commits yet");
            }
            HistoryTally tally = new HistoryTally();
            try (RevWalk walk = new RevWalk(repository)) {
                walk.markStart(walk.parseCommit(head));
                walk.setRevFilter(RevFilter.ALL);
                if (!prefix.isEmpty()) {
                    walk.setTreeFilter(AndTreeFilter.create(PathFilter.create(prefix), TreeFilter.ANY_DIFF));
                }
                for (RevCommit commit : walk) {
                    tally.add(commit);
                }
            }
            int tags = repository.getRefDatabase().getRefsByPrefix(Constants.R_TAGS).size();
            return tally.facts(head.name(), tags, shallow);
        } catch (IOException | RuntimeException e) {
            return new GitFacts(true, null, 0, 0, 0, 0, null, null, shallow,
                    "history could not be read: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        repository.close();
    }
}
