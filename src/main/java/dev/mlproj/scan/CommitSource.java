package dev.mlproj.scan;

import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The files of one commit's tree, listed and read straight from the object database: no checkout, the work
 * tree and index untouched. It keeps the rules of {@link FileInventory}'s walk for what git tracks, which is
 * everything in a commit: a committed file counts even where a .gitignore names it (so ignore rules never
 * drop anything here, exactly as in a clean checkout), while vendored and generated trees, virtual
 * environments and submodules are left out by the same names and markers. Symbolic links are resolved
 * inside the tree: a link to a file in the scanned root counts, links to directories or outside never do.
 */
final class CommitSource implements FileSource {

    /** As many links as Linux follows before it calls a path a loop. */
    private static final int MAX_LINK_HOPS = 40;

    private record Entry(String name, FileMode mode, ObjectId id) {
        boolean isTree() {
            return mode == FileMode.TREE;
        }

        boolean isFile() {
            return mode == FileMode.REGULAR_FILE || mode == FileMode.EXECUTABLE_FILE;
        }
    }

    private final ObjectReader reader;            // the calling thread's, for the inventory
    private final Supplier<ObjectReader> readers; // one per analysing thread, for content
    private final ObjectId rootTree;
    private final String prefix;                  // the scanned root in the tree, "" or "dir/sub"
    private final List<String> warnings;
    private final Map<String, ObjectId> blobs = new HashMap<>();
    private final Memo memo;

    /**
     * What listing one history point learnt that the next can reuse: the parsed entries of each tree and the
     * size of each blob, by object id. Consecutive points share most of their trees, so a point parses only
     * the trees that changed since the point before; what a point no longer uses is forgotten at the next,
     * so the memo holds about one commit's trees and blobs, however long the history.
     */
    static final class Memo {
        private Map<ObjectId, List<Entry>> trees = new HashMap<>();
        private Map<ObjectId, List<Entry>> previousTrees = new HashMap<>();
        private Map<ObjectId, Long> sizes = new HashMap<>();
        private Map<ObjectId, Long> previousSizes = new HashMap<>();

        private List<Entry> tree(ObjectId id) {
            List<Entry> known = trees.get(id);
            if (known == null && (known = previousTrees.remove(id)) != null) {
                trees.put(id, known);
            }
            return known;
        }

        private Long size(ObjectId id) {
            Long known = sizes.get(id);
            if (known == null && (known = previousSizes.remove(id)) != null) {
                sizes.put(id, known);
            }
            return known;
        }

        /** Ends a point: what it did not use is dropped. */
        void next() {
            previousTrees = trees;
            trees = new HashMap<>();
            previousSizes = sizes;
            sizes = new HashMap<>();
        }
    }

    /**
     * @param rootTree the commit's tree (links are resolved from its top, even when a subdirectory is scanned)
     * @param prefix   the scanned directory inside that tree, "" for all of it
     */
    CommitSource(ObjectReader reader, Supplier<ObjectReader> readers, ObjectId rootTree, String prefix, List<String> warnings) {
        this(reader, readers, rootTree, prefix, warnings, new Memo());
    }

    /** @param memo what the previous point's listing learnt (see {@link Memo#next}) */
    CommitSource(ObjectReader reader, Supplier<ObjectReader> readers, ObjectId rootTree, String prefix, List<String> warnings,
                 Memo memo) {
        this.reader = reader;
        this.memo = memo;
        this.readers = readers;
        this.rootTree = rootTree;
        this.prefix = prefix;
        this.warnings = warnings;
    }

    @Override
    public List<RepoFile> files() throws IOException {
        List<RepoFile> out = new ArrayList<>();
        ObjectId start = rootTree;
        if (!prefix.isEmpty()) {
            Entry dir = walkTo(prefix);
            if (dir == null || !dir.isTree()) {
                return out; // the directory does not exist at this commit
            }
            start = dir.id();
        }
        walk(entries(start), "", out);
        return out;
    }

    @Override
    public byte[] read(RepoFile file, long cap) throws IOException {
        ObjectId blob = blobs.get(file.path());
        if (blob == null) {
            throw new IOException(file.path() + ": not in this commit");
        }
        // A blob never changes; getCachedBytes refuses (LargeObjectException) one over the cap.
        return readers.get().open(blob, Constants.OBJ_BLOB).getCachedBytes((int) Math.min(Integer.MAX_VALUE - 8, cap));
    }

    @Override
    public boolean isCommitted(RepoFile file) {
        return true;
    }

    @Override
    public Object contentId(RepoFile file) {
        return blobs.get(file.path());
    }

    /**
     * Lists the files under a tree in the work-tree walk's order, depth first. It iterates with an explicit
     * stack instead of recursing (a commit can hold a tree thousands of directories deep, which overflowed the
     * thread's stack), and enters no directory deeper than the work-tree walk does
     * ({@link FileInventory#MAX_DEPTH}), with the same warning.
     */
    private void walk(List<Entry> top, String topRel, List<RepoFile> out) throws IOException {
        record Level(java.util.Iterator<Entry> entries, String rel, int depth) { }
        Deque<Level> stack = new ArrayDeque<>();
        stack.push(new Level(top.iterator(), topRel, 0));
        while (!stack.isEmpty()) {
            Level level = stack.peek();
            if (!level.entries().hasNext()) {
                stack.pop();
                continue;
            }
            Entry e = level.entries().next();
            String rel = level.rel();
            String childRel = rel.isEmpty() ? e.name() : rel + "/" + e.name();
            if (e.isTree()) {
                List<Entry> children = entries(e.id());
                if (!isExcludedDirectory(e.name(), children)) {
                    if (level.depth() == FileInventory.MAX_DEPTH) {
                        warnings.add(childRel + ": directories nested more than " + FileInventory.MAX_DEPTH + " deep, not walked");
                    } else {
                        stack.push(new Level(children.iterator(), childRel, level.depth() + 1));
                    }
                }
            } else if (e.isFile()) {
                add(childRel, e.name(), e.id(), out);
            } else if (e.mode() == FileMode.SYMLINK) {
                symlink(childRel, e, out);
            }
            // A gitlink is a submodule: someone else's repository, never entered (as in the work-tree walk).
        }
    }

    private void add(String rel, String name, ObjectId blob, List<RepoFile> out) throws IOException {
        Long known = memo.size(blob);
        long size;
        try {
            size = known != null ? known : reader.getObjectSize(blob, Constants.OBJ_BLOB);
            memo.sizes.put(blob, size);
        } catch (MissingObjectException e) {
            // A partial clone leaves out blobs (usually the large ones): listed, then reported unreadable.
            warnings.add(rel + ": blob " + blob.abbreviate(7).name() + " is not in the object database (a partial clone?), not read");
            size = 0;
        }
        out.add(new RepoFile(rel, size, FileKind.of(name)));
        blobs.put(rel, blob);
    }

    /** The work-tree walk's rule, on a tree: every directory in a commit holds tracked work. */
    private static boolean isExcludedDirectory(String name, List<Entry> children) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (FileInventory.MAYBE_OUTPUT_DIRS.contains(lower)) {
            return false;
        }
        if (FileInventory.isForeignName(lower)) {
            return true;
        }
        // A virtual environment under any name, or a nested repository.
        return children.stream().anyMatch(c -> c.name().equals("pyvenv.cfg") || c.name().equals(".git"));
    }

    private void symlink(String rel, Entry link, List<RepoFile> out) throws IOException {
        String full = prefix.isEmpty() ? rel : prefix + "/" + rel;
        // What is left to resolve: the link's own target, after the directories that hold the link.
        Deque<String> pending = new ArrayDeque<>();
        if (!pushTarget(link.id(), pending)) {
            warnings.add(rel + ": symbolic link to outside the repository, not followed");
            return;
        }
        List<String> parent = new ArrayList<>(Arrays.asList(full.split("/")));
        parent.remove(parent.size() - 1);
        for (int i = parent.size() - 1; i >= 0; i--) {
            pending.addFirst(parent.get(i));
        }
        // Resolve component by component from the top of the commit's tree, following links on the way.
        List<String> path = new ArrayList<>();
        List<ObjectId> dirs = new ArrayList<>(List.of(rootTree));
        int hops = 0;
        Entry target = null;
        while (!pending.isEmpty()) {
            String part = pending.pollFirst();
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (target != null) { // a file used as a directory
                warnings.add(rel + ": broken or looping symbolic link, skipped");
                return;
            }
            if (part.equals("..")) {
                if (path.isEmpty()) {
                    warnings.add(rel + ": symbolic link to outside the repository, not followed");
                    return;
                }
                path.remove(path.size() - 1);
                dirs.remove(dirs.size() - 1);
                continue;
            }
            Entry e = find(entries(dirs.get(dirs.size() - 1)), part);
            if (e == null || e.mode() == FileMode.GITLINK) {
                warnings.add(rel + ": broken or looping symbolic link, skipped");
                return;
            }
            if (e.mode() == FileMode.SYMLINK) {
                if (++hops > MAX_LINK_HOPS) {
                    warnings.add(rel + ": broken or looping symbolic link, skipped");
                    return;
                }
                if (!pushTarget(e.id(), pending)) {
                    warnings.add(rel + ": symbolic link to outside the repository, not followed");
                    return;
                }
            } else if (e.isTree()) {
                path.add(part);
                dirs.add(e.id());
            } else {
                path.add(part);
                target = e;
            }
        }
        String resolved = String.join("/", path);
        if (!prefix.isEmpty() && !resolved.equals(prefix) && !resolved.startsWith(prefix + "/")) {
            warnings.add(rel + ": symbolic link to outside the repository, not followed");
            return;
        }
        if (target != null) { // a link to a directory is left alone: its target is walked on its own
            add(rel, link.name(), target.id(), out);
        }
    }

    /** Puts a link's target in front of what is left to resolve; false for an absolute target (outside). */
    private boolean pushTarget(ObjectId linkBlob, Deque<String> pending) throws IOException {
        String target = new String(reader.open(linkBlob, Constants.OBJ_BLOB).getCachedBytes(4096), StandardCharsets.UTF_8);
        if (target.startsWith("/")) {
            return false;
        }
        String[] parts = target.split("/");
        for (int i = parts.length - 1; i >= 0; i--) {
            pending.addFirst(parts[i]);
        }
        return true;
    }

    /** The entry a repository path names, following no links; null when there is none. */
    private Entry walkTo(String path) throws IOException {
        ObjectId dir = rootTree;
        Entry e = null;
        for (String part : path.split("/")) {
            if (e != null && !e.isTree()) {
                return null;
            }
            e = find(entries(dir), part);
            if (e == null) {
                return null;
            }
            dir = e.id();
        }
        return e;
    }

    private static Entry find(List<Entry> entries, String name) {
        for (Entry e : entries) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        return null;
    }

    /** A tree's entries, siblings in the work-tree walk's order (git's own order puts "a.py" before "a/"). */
    private List<Entry> entries(ObjectId tree) throws IOException {
        List<Entry> known = memo.tree(tree);
        if (known != null) {
            return known;
        }
        List<Entry> list = new ArrayList<>();
        CanonicalTreeParser parser = new CanonicalTreeParser(null, reader, tree);
        while (!parser.eof()) {
            list.add(new Entry(parser.getEntryPathString(), parser.getEntryFileMode(), parser.getEntryObjectId()));
            parser.next(1);
        }
        list.sort((a, b) -> FileInventory.NAME_ORDER.compare(a.name(), b.name()));
        memo.trees.put(tree.copy(), list);
        return list;
    }
}
