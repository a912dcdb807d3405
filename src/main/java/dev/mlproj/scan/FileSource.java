package dev.mlproj.scan;

import java.io.IOException;
import java.util.List;

/**
 * Where a scan's files come from: a work tree on disk ({@link WorkTreeSource}) or one commit's tree in the
 * object database ({@link CommitSource}). The scanner lists, reads and analyses through this alone, so both
 * kinds of scan share one analysis path.
 */
interface FileSource {

    /** The author's files (vendored, generated and ignored trees left out), siblings in name order, depth first. */
    List<RepoFile> files() throws IOException;

    /**
     * The bytes of one listed file; an IOException when it holds more than {@code cap} bytes (it may have
     * grown since it was listed), so that memory stays bounded.
     */
    byte[] read(RepoFile file, long cap) throws IOException;

    /** Whether git has the file committed (a large committed file is reported, an untracked one is not). */
    boolean isCommitted(RepoFile file);

    /**
     * A name for the file's content that changes whenever its bytes do (a blob id), or null when there is
     * none: facts are only ever cached under such a name.
     */
    Object contentId(RepoFile file);
}
