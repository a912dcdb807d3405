package dev.mlproj.scan;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Git metrics of the history up to a commit: the commits reachable from it (touching the scanned path), their
 * authors, active weeks and dates, and the tags on them. Asked for commits in history order it only visits
 * what is new since the last one, so a thousand points cost one walk of the history, not a thousand.
 */
final class HistoryMetrics {

    private final RevWalk walk;
    private final String prefix;
    private final Map<ObjectId, Integer> tagsByCommit = new HashMap<>();
    private final Map<ObjectId, ObjectId> subtrees = new HashMap<>();

    private Set<RevCommit> counted = new HashSet<>();
    private HistoryTally tally = new HistoryTally();
    private int tags;
    private RevCommit previous;

    HistoryMetrics(Repository repository, RevWalk walk, String prefix) throws IOException {
        this.walk = walk;
        this.prefix = prefix;
        for (Ref ref : repository.getRefDatabase().getRefsByPrefix(Constants.R_TAGS)) {
            try {
                RevObject target = walk.peel(walk.parseAny(ref.getObjectId()));
                if (target instanceof RevCommit commit) {
                    tagsByCommit.merge(commit.copy(), 1, Integer::sum);
                }
            } catch (IOException e) {
                // A tag whose object is missing (a shallow or partial clone) tags nothing we can see.
            }
        }
    }

    /**
     * The metrics of the history up to {@code commit}. When the previous commit asked for is one of its
     * ancestors only the commits in between are visited; otherwise counting starts again.
     */
    GitFacts upTo(RevCommit commit, boolean shallow, boolean descendsFromPrevious) throws IOException {
        if (previous != null && !descendsFromPrevious) {
            counted = new HashSet<>();
            tally = new HistoryTally();
            tags = 0;
        }
        previous = commit;
        Deque<RevCommit> pending = new ArrayDeque<>();
        pending.push(commit);
        while (!pending.isEmpty()) {
            RevCommit c = pending.pop();
            if (!counted.add(c)) {
                continue;
            }
            walk.parseHeaders(c);
            tags += tagsByCommit.getOrDefault(c, 0);
            if (prefix.isEmpty()) {
                tally.add(c);
                for (RevCommit p : c.getParents()) {
                    pending.push(p);
                }
                continue;
            }
            // git's default history simplification, as the work-tree scan's tree-filtered walk does it: a
            // commit that leaves the path as one of its parents had it is not counted, and only that parent
            // is followed.
            ObjectId mine = subtree(c);
            RevCommit same = null;
            for (RevCommit p : c.getParents()) {
                walk.parseHeaders(p);
                if (Objects.equals(subtree(p), mine)) {
                    same = p;
                    break;
                }
            }
            if (same != null) {
                pending.push(same);
                continue;
            }
            if (mine != null || c.getParentCount() > 0) {
                tally.add(c);
            }
            for (RevCommit p : c.getParents()) {
                pending.push(p);
            }
        }
        return tally.facts(commit.name(), tags, shallow);
    }

    /** The tree at the scanned path in a commit, or null when the path is absent there. */
    ObjectId subtree(RevCommit commit) throws IOException {
        ObjectId known = subtrees.get(commit);
        if (known != null) {
            return known.equals(ObjectId.zeroId()) ? null : known;
        }
        walk.parseHeaders(commit);
        ObjectId found = null;
        ObjectReader reader = walk.getObjectReader();
        try (TreeWalk tw = TreeWalk.forPath(reader, prefix, commit.getTree())) {
            if (tw != null && tw.getFileMode(0).equals(org.eclipse.jgit.lib.FileMode.TREE)) {
                found = tw.getObjectId(0);
            }
        }
        subtrees.put(commit.copy(), found == null ? ObjectId.zeroId() : found);
        return found;
    }
}
