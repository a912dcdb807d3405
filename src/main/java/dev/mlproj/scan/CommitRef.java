package dev.mlproj.scan;

import java.time.Instant;

/**
 * One commit of a repository's first-parent history.
 *
 * @param id   the full commit id
 * @param date when it was committed (the committer's time: when it joined the branch)
 */
public record CommitRef(String id, Instant date) {

    /** The seven-character abbreviation git shows by default. */
    public String shortId() {
        return id.substring(0, Math.min(7, id.length()));
    }
}
