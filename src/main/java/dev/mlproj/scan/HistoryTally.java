package dev.mlproj.scan;

import org.eclipse.jgit.revwalk.RevCommit;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/** Commits counted into history metrics: how many, by how many authors, over how many weeks, from when to when. */
final class HistoryTally {

    private int commits;
    private final Set<String> authors = new HashSet<>();
    private final Set<Long> weeks = new HashSet<>();
    private Instant first;
    private Instant last;

    void add(RevCommit commit) {
        commits++;
        authors.add(commit.getAuthorIdent().getEmailAddress().toLowerCase(Locale.ROOT));
        Instant when = commit.getAuthorIdent().getWhenAsInstant();
        var date = when.atZone(ZoneOffset.UTC);
        weeks.add(date.get(IsoFields.WEEK_BASED_YEAR) * 100L + date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
        first = first == null || when.isBefore(first) ? when : first;
        last = last == null || when.isAfter(last) ? when : last;
    }

    GitFacts facts(String head, int tags, boolean shallow) {
        return new GitFacts(true, head, commits, authors.size(), weeks.size(), tags, first, last, shallow,
                shallow ? "shallow clone: history metrics cover only the fetched commits" : null);
    }
}
