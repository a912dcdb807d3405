package dev.mlproj.report;

import dev.mlproj.assess.Assessment;

/**
 * What a renderer needs besides the assessment: how to name the repository, which tool made the
 * report, and the CI gate. Built by the command line; renderers never look anything up themselves.
 *
 * @param path        the assessed path as the user gave it
 * @param rootUri     the assessed directory as an absolute {@code file:} URI ending in '/', the base of report paths
 * @param toolVersion mlproj's version
 * @param toolUri     where mlproj is documented (an absolute URI), or null
 * @param minLevel    the {@code --min-level} gate, or null when there is none
 */
public record ReportContext(String path, String rootUri, String toolVersion, String toolUri, Integer minLevel) {

    public boolean gated() {
        return minLevel != null;
    }

    /** The gate's verdict (--min-level and --baseline), judged once by {@code assess.Gate}; true without a gate. */
    public boolean gatePassed(Assessment a) {
        return a.gate() == null || a.gate().passed();
    }

    /**
     * The highest level whose unmet criteria count as failures: the gate's level, or without a gate the
     * next level (the one being worked towards).
     */
    public int failingUpTo(Assessment a) {
        return minLevel != null ? minLevel : a.nextLevel();
    }
}
