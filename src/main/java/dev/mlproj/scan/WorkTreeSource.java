package dev.mlproj.scan;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;

/** The files of a directory on disk, as {@link FileInventory} walks them, read with plain file I/O. */
final class WorkTreeSource implements FileSource {

    private final Path root;
    private final GitReader git; // null outside a work tree
    private final List<String> warnings;
    private final ForkJoinPool pool;
    private FileInventory inventory; // set by files()

    /** @param pool the threads that walk the tree */
    WorkTreeSource(Path root, GitReader git, List<String> warnings, ForkJoinPool pool) {
        this.root = root;
        this.git = git;
        this.warnings = warnings;
        this.pool = pool;
    }

    @Override
    public List<RepoFile> files() throws IOException {
        FileInventory.Tracked tracked = git == null ? FileInventory.NOT_TRACKED : git.tracked();
        inventory = new FileInventory(root, tracked, git == null ? Set.of() : git.submodules(), warnings);
        return inventory.walk(git == null ? List.of() : git.inheritedIgnores(warnings), pool);
    }

    /** Reads through the path the walk found, since a file's name may not survive a round trip through a String. */
    @Override
    public byte[] read(RepoFile file, long cap) throws IOException {
        return Scanner.readAtMost(inventory == null ? root.resolve(file.path()) : inventory.location(file), cap);
    }

    @Override
    public boolean isCommitted(RepoFile file) {
        return git != null && git.isTracked(file.path());
    }

    @Override
    public Object contentId(RepoFile file) {
        return null; // a file on disk can change under us; only blobs are named by their content
    }
}
