package dev.mlproj.scan;

import dev.mlproj.io.SafeFiles;
import org.eclipse.jgit.ignore.IgnoreNode;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveTask;

/**
 * The author's files under a root: a walk that honours .gitignore (with JGit's matcher), keeps files git
 * tracks even when ignored, and never enters vendored or generated trees, virtual environments,
 * submodules or symbolic links to directories.
 */
final class FileInventory {

    /** Directories that hold someone else's code or generated output, never the author's work. */
    static final Set<String> EXCLUDED_DIRS = Set.of(".git", ".hg", ".svn", ".venv", "venv", ".env", "site-packages",
            "node_modules", "__pycache__", ".tox", ".nox", ".mypy_cache", ".pytest_cache", ".ruff_cache",
            ".ipynb_checkpoints", ".eggs", "build", "dist", "target", ".gradle", ".idea", ".vscode", "vendor",
            "vendored", "_vendor", "third_party", "thirdparty", "third-party", "bower_components", ".dvc", "mlruns",
            "wandb", "lightning_logs", ".cache", "htmlcov", ".terraform", ".next", ".nuxt", ".mlproj", "external", "extern");

    /**
     * Directories nested deeper than this are not entered (with a warning): the walk recurses, and a tree
     * built to be thousands of levels deep must not overflow its stack. Real projects stay far below it.
     */
    static final int MAX_DEPTH = 200;

    /** Names of excluded directories that still count when git tracks files in them. */
    static final Set<String> MAYBE_OUTPUT_DIRS = Set.of("build", "dist", "target");

    private final Path root;
    private final Tracked tracked;
    private final List<String> warnings;
    private final Set<String> submodules;
    /** Files whose names do not survive the trip through a String (not valid in the file-name encoding). */
    private final java.util.Map<String, Path> rawLocations = new java.util.concurrent.ConcurrentHashMap<>();

    /** What git tracks, relative to the scanned root; empty when the root is not in a work tree. */
    interface Tracked {
        boolean isTrackedFile(String relativePath);

        boolean hasTrackedUnder(String relativeDir);
    }

    static final Tracked NOT_TRACKED = new Tracked() {
        @Override
        public boolean isTrackedFile(String relativePath) {
            return false;
        }

        @Override
        public boolean hasTrackedUnder(String relativeDir) {
            return false;
        }
    };

    /**
     * The order of siblings in every walk: by name, as Java strings compare. Fixed here rather than left to the
     * file system's Path order so that a commit's tree (git sorts "a.py" before the directory "a") is listed
     * in exactly the same order as its checkout, and evidence samples come out the same.
     */
    static final Comparator<String> NAME_ORDER = Comparator.naturalOrder();

    FileInventory(Path root, Tracked tracked, Set<String> submodules, List<String> warnings) {
        this.root = root;
        this.tracked = tracked;
        this.submodules = submodules;
        this.warnings = warnings;
    }

    /**
     * Walks the tree, subdirectories in parallel on {@code pool}; the files, and the warnings, come out in
     * the order of a walk by one thread whatever the pool's size.
     */
    List<RepoFile> walk(List<IgnoreNode> inheritedIgnores, ForkJoinPool pool) throws IOException {
        Path realRoot = root.toRealPath();
        Ignores ignores = null;
        for (IgnoreNode node : inheritedIgnores) {
            ignores = new Ignores(new IgnoreLevel("", node), ignores);
        }
        DirectoryWalk walk = new DirectoryWalk(root, "", 0, realRoot, ignores, false);
        Subtree all;
        try {
            all = PoolWork.run(pool, walk::invoke);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("listing interrupted");
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IOException(e.getCause());
        }
        warnings.addAll(all.warnings());
        return all.files();
    }

    private record IgnoreLevel(String base, IgnoreNode node) { }

    /** The .gitignore rules in force in a directory: its own first, then its parents' outwards. */
    private record Ignores(IgnoreLevel level, Ignores outer) { }

    /** What a walk found under one directory, in walk order. */
    private record Subtree(List<RepoFile> files, List<String> warnings) { }

    /**
     * Where a listed file is on disk. Normally the root resolved with its path; for a name that is not
     * valid in the file-name encoding (bytes that are not UTF-8, or any non-ASCII name under LANG=C) that
     * string no longer names the file, so the path the directory listing gave is kept and used instead.
     */
    Path location(RepoFile file) {
        Path raw = rawLocations.get(file.path());
        return raw != null ? raw : root.resolve(file.path());
    }

    private boolean roundTrips(String rel, Path child) {
        try {
            return root.resolve(rel).equals(child);
        } catch (java.nio.file.InvalidPathException e) {
            return false; // the display string cannot even be encoded back
        }
    }

    /** Remembers the listing's own path when the display string does not lead back to the file. */
    private void keepLocation(String rel, Path child, List<String> warnings) {
        for (int i = 0; i < rel.length(); i++) {
            char c = rel.charAt(i);
            if (c >= 0x80 || c == '?') {
                if (!roundTrips(rel, child)) {
                    rawLocations.put(rel, child);
                    warnings.add(rel + ": the file name is not valid in the file-name encoding ("
                            + System.getProperty("sun.jnu.encoding") + "); shown approximately");
                }
                return;
            }
        }
    }

    /**
     * One directory's walk. Its files are listed in name order, each subdirectory's files at the
     * subdirectory's place; subdirectories are walked as tasks of their own, in parallel when the pool has
     * threads to spare.
     */
    private final class DirectoryWalk extends RecursiveTask<Subtree> {
        private static final long serialVersionUID = 1L;

        private final transient Path dir;
        private final String rel;
        private final int depth;
        private final transient Path realRoot;
        private final transient Ignores inherited;
        /**
         * The directory is ignored and walked only for the tracked files in it: as in git, nothing untracked
         * under an ignored directory counts, whatever rules deeper down say.
         */
        private final boolean ignored;

        DirectoryWalk(Path dir, String rel, int depth, Path realRoot, Ignores inherited, boolean ignored) {
            this.dir = dir;
            this.rel = rel;
            this.depth = depth;
            this.realRoot = realRoot;
            this.inherited = inherited;
            this.ignored = ignored;
        }

        @Override
        protected Subtree compute() {
            List<String> found = new ArrayList<>(0);
            IgnoreNode local = readIgnore(dir.resolve(".gitignore"), display(rel.isEmpty() ? ".gitignore" : rel + "/.gitignore"), found);
            Ignores ignores = local == null ? inherited : new Ignores(new IgnoreLevel(rel, local), inherited);
            // The listing's own Paths are kept: a name that is not valid in the file-name encoding would not
            // survive a round trip through a String.
            List<Path> children = new ArrayList<>();
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
                for (Path child : stream) {
                    children.add(child);
                }
            } catch (IOException e) {
                found.add(display(rel) + ": directory could not be listed (" + e.getClass().getSimpleName() + ")");
            }
            children.sort(Comparator.comparing((Path child) -> child.getFileName().toString(), NAME_ORDER));
            // In walk order: a RepoFile, or the walk of a subdirectory whose files go at its place.
            List<Object> parts = new ArrayList<>(children.size());
            List<DirectoryWalk> subdirectories = new ArrayList<>();
            for (Path child : children) {
                String name = child.getFileName().toString();
                String childRel = rel.isEmpty() ? name : rel + "/" + name;
                BasicFileAttributes attrs;
                try {
                    attrs = Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                } catch (IOException e) {
                    found.add(childRel + ": could not be read (" + e.getClass().getSimpleName() + ")");
                    continue;
                }
                if (attrs.isSymbolicLink()) {
                    RepoFile kept = symlink(child, childRel, realRoot, ignores, ignored, found);
                    if (kept != null) {
                        parts.add(kept);
                    }
                } else if (attrs.isDirectory()) {
                    if (isExcludedDirectory(child, name, childRel)) {
                        continue;
                    }
                    boolean ignoredChild = ignored || isIgnored(childRel, true, ignores);
                    // Asked only of the directories that would be left out: the answer costs an index search.
                    if (ignoredChild && !tracked.hasTrackedUnder(childRel)) {
                        continue;
                    }
                    if (depth == MAX_DEPTH) {
                        found.add(childRel + ": directories nested more than " + MAX_DEPTH + " deep, not walked");
                        continue;
                    }
                    DirectoryWalk walk = new DirectoryWalk(child, childRel, depth + 1, realRoot, ignores, ignoredChild);
                    subdirectories.add(walk);
                    parts.add(walk);
                } else if (attrs.isRegularFile()) {
                    if (name.equals(".git")) {
                        continue; // the "gitdir: ..." pointer of a linked work tree or a submodule: git's, not the author's
                    }
                    if ((ignored || isIgnored(childRel, false, ignores)) && !tracked.isTrackedFile(childRel)) {
                        continue;
                    }
                    keepLocation(childRel, child, found);
                    parts.add(new RepoFile(childRel, attrs.size(), FileKind.of(name)));
                }
            }
            invokeAll(subdirectories);
            List<RepoFile> files = new ArrayList<>();
            List<String> notes = new ArrayList<>(found);
            for (Object part : parts) {
                if (part instanceof DirectoryWalk walk) {
                    Subtree below = walk.join();
                    files.addAll(below.files());
                    notes.addAll(below.warnings());
                } else {
                    files.add((RepoFile) part);
                }
            }
            return new Subtree(files, notes);
        }
    }

    /** A link to a file inside the root is kept (returned); links to directories or outside the root never are. */
    private RepoFile symlink(Path link, String rel, Path realRoot, Ignores ignores, boolean ignoredDir, List<String> warnings) {
        try {
            Path target = link.toRealPath();
            if (!target.startsWith(realRoot)) {
                warnings.add(rel + ": symbolic link to outside the repository, not followed");
                return null;
            }
            if (Files.isDirectory(target)) {
                return null; // its target, inside the root, is walked on its own
            }
            if (!Files.isRegularFile(target)) {
                warnings.add(rel + ": symbolic link to something that is not a regular file, not followed");
                return null; // a named pipe or a device would block or never end
            }
            if (!(ignoredDir || isIgnored(rel, false, ignores)) || tracked.isTrackedFile(rel)) {
                keepLocation(rel, link, warnings);
                return new RepoFile(rel, Files.size(target), FileKind.of(link.getFileName().toString()));
            }
            return null;
        } catch (IOException e) {
            warnings.add(rel + ": broken or looping symbolic link, skipped");
            return null;
        }
    }

    private boolean isExcludedDirectory(Path dir, String name, String rel) {
        String lower = name.toLowerCase(Locale.ROOT);
        // build/, dist/ and target/ are usually output, but a tracked one is the author's (CI and deploy code live there).
        if (MAYBE_OUTPUT_DIRS.contains(lower) && tracked.hasTrackedUnder(rel)) {
            return false;
        }
        if (isForeignName(lower) || submodules.contains(rel)) {
            return true;
        }
        // A virtual environment under any name.
        return Files.exists(dir.resolve("pyvenv.cfg")) || Files.isDirectory(dir.resolve(".git"))
                || Files.isRegularFile(dir.resolve(".git"));
    }

    /** A directory name (lower case) that always means someone else's code or generated output. */
    static boolean isForeignName(String lowerName) {
        return EXCLUDED_DIRS.contains(lowerName) || lowerName.endsWith(".egg-info");
    }

    private static boolean isIgnored(String rel, boolean directory, Ignores ignores) {
        // From the innermost .gitignore outwards; the first verdict wins.
        for (Ignores at = ignores; at != null; at = at.outer()) {
            IgnoreLevel level = at.level();
            if (!level.base().isEmpty() && !rel.startsWith(level.base() + "/")) {
                continue;
            }
            String relative = level.base().isEmpty() ? rel : rel.substring(level.base().length() + 1);
            Boolean verdict = level.node().checkIgnored(relative, directory);
            if (verdict != null) {
                return verdict;
            }
        }
        return false;
    }

    /** The most of an ignore file that is read; git's own ignore files are a few kilobytes. */
    static final long MAX_IGNORE_BYTES = 1 << 20;

    /**
     * The rules of an ignore file, or null when there is none. It is read the one safe way
     * ({@link SafeFiles}): never through a symbolic link (a committed {@code .gitignore -> /proc/self/pagemap}
     * read a file outside the repository until the heap ran out), never from a pipe or device, at most
     * {@link #MAX_IGNORE_BYTES}; a refused one is a warning and its rules are not applied.
     */
    static IgnoreNode readIgnore(Path file, String shown, List<String> warnings) {
        byte[] bytes;
        try {
            bytes = SafeFiles.read(file, MAX_IGNORE_BYTES, SafeFiles.Links.REFUSE);
        } catch (java.nio.file.NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            warnings.add(shown + ": " + SafeFiles.why(e) + "; its rules are not applied");
            return null;
        }
        IgnoreNode node = new IgnoreNode();
        try {
            node.parse(new java.io.ByteArrayInputStream(bytes));
            return node;
        } catch (IOException e) {
            return null;
        }
    }

    private static String display(String rel) {
        return rel.isEmpty() ? "." : rel;
    }
}
