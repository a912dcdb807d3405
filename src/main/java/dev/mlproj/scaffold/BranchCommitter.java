package dev.mlproj.scaffold;

import dev.mlproj.fs.Scratch;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Commits files onto a new branch that starts at HEAD, straight into the object database: the index,
 * the working tree and the current branch are never touched, so uncommitted work stays as it was.
 */
public final class BranchCommitter {

    private BranchCommitter() {
    }

    /**
     * @param root     the directory the files are relative to, inside a git work tree
     * @param added    files that must not exist at HEAD
     * @param replaced a file that may replace its version at HEAD (the scaffold record), or null
     * @return the new commit's id
     */
    public static String commit(Path root, String branch, List<PlannedFile> added, PlannedFile replaced, String message)
            throws ScaffoldException {
        Path dir = root.toAbsolutePath().normalize();
        String invalid = BranchNames.problem(branch);
        if (invalid != null) {
            throw ScaffoldException.refused("--branch '" + branch + "' is not a valid branch name: " + invalid);
        }
        // The nearest .git and only that one: a broken one is refused, never skipped for a repository further up.
        GitDirs.Found found = GitDirs.nearest(dir).orElseThrow(() ->
                ScaffoldException.refused("--branch needs a git repository, and " + root + " is not in one"));
        FileRepositoryBuilder builder = new FileRepositoryBuilder().setGitDir(found.gitDir().toFile())
                .setWorkTree(found.workTree().toFile()).setMustExist(true);
        try (Repository repo = builder.build()) {
            if (repo.isBare()) {
                throw ScaffoldException.refused("--branch needs a work tree, and " + found.gitDir() + " is bare");
            }
            String ref = Constants.R_HEADS + branch;
            if (repo.exactRef(ref) != null) {
                throw ScaffoldException.refused("branch '" + branch + "' already exists; choose another name");
            }
            ObjectId head = repo.resolve(Constants.HEAD + "^{commit}");
            if (head == null) {
                throw ScaffoldException.refused("--branch needs at least one commit to start from; commit first");
            }
            String prefix = prefix(repo.getWorkTree().toPath().toAbsolutePath().normalize(), dir);
            try (ObjectInserter inserter = repo.newObjectInserter(); ObjectReader reader = repo.newObjectReader();
                 RevWalk walk = new RevWalk(reader)) {
                RevCommit parent = walk.parseCommit(head);
                DirCache index = DirCache.newInCore();
                DirCacheBuilder copy = index.builder();
                copy.addTree(new byte[0], DirCacheEntry.STAGE_0, reader, parent.getTree());
                copy.finish();
                DirCacheEditor edit = index.editor();
                for (PlannedFile f : added) {
                    try (TreeWalk existing = TreeWalk.forPath(reader, prefix + f.path(), parent.getTree())) {
                        if (existing != null) {
                            throw ScaffoldException.refused(prefix + f.path() + " already exists at HEAD; nothing was committed");
                        }
                    }
                    edit.add(blob(prefix + f.path(), inserter.insert(Constants.OBJ_BLOB, f.content())));
                }
                if (replaced != null) {
                    edit.add(blob(prefix + replaced.path(), inserter.insert(Constants.OBJ_BLOB, replaced.content())));
                }
                edit.finish();
                CommitBuilder commit = new CommitBuilder();
                commit.setTreeId(index.writeTree(inserter));
                commit.setParentId(parent);
                PersonIdent who = new PersonIdent(repo);
                commit.setAuthor(who);
                commit.setCommitter(who);
                commit.setMessage(message);
                ObjectId id = inserter.insert(commit);
                // The objects and the branch are written as one step a signal cannot cut (a killed ref update
                // would leave refs/heads/NAME.lock behind, which blocks git).
                RefUpdate.Result result = Scratch.process().commit(() -> {
                    inserter.flush();
                    RefUpdate update = repo.updateRef(ref);
                    update.setNewObjectId(id);
                    update.setExpectedOldObjectId(ObjectId.zeroId());
                    update.setRefLogMessage("mlproj next: " + firstLine(message), false);
                    return update.update();
                });
                if (result != RefUpdate.Result.NEW) {
                    throw ScaffoldException.failed("could not create branch '" + branch + "': " + result);
                }
                return id.name();
            }
        } catch (IOException e) {
            throw ScaffoldException.failed("git: " + e.getMessage());
        }
    }

    private static DirCacheEditor.PathEdit blob(String path, ObjectId id) {
        return new DirCacheEditor.PathEdit(path) {
            @Override
            public void apply(DirCacheEntry entry) {
                entry.setFileMode(FileMode.REGULAR_FILE);
                entry.setObjectId(id);
            }
        };
    }

    private static String prefix(Path workTree, Path dir) throws ScaffoldException {
        if (!dir.startsWith(workTree)) {
            throw ScaffoldException.refused(dir + " is outside the work tree " + workTree);
        }
        StringBuilder out = new StringBuilder();
        for (Path part : workTree.relativize(dir)) {
            if (!part.toString().isEmpty()) {
                out.append(part).append('/');
            }
        }
        return out.toString();
    }

    private static String firstLine(String message) {
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
