package dev.mlproj.report;

import dev.mlproj.assess.Assessment;
import dev.mlproj.assess.CriterionResult;
import dev.mlproj.assess.Outcome;

/**
 * What a renderer needs besides the assessment: how to name the repository, which tool made the
 * report, the CI gate, and which commit was assessed. Built by the command line; renderers never look
 * anything up themselves.
 *
 * @param path        the assessed path (or URL) as the user gave it
 * @param rootUri     the assessed directory as an absolute {@code file:} URI ending in '/', the base of report paths
 * @param toolVersion mlproj's version
 * @param toolUri     where mlproj is documented (an absolute URI), or null
 * @param minLevel    the {@code --min-level} gate, or null when there is none
 * @param provenance  the assessed commit, its ref and the repository's web address ({@link Provenance#NONE} when unknown)
 */
public record ReportContext(String path, String rootUri, String toolVersion, String toolUri, Integer minLevel,
                            Provenance provenance) {

    public ReportContext {
        provenance = provenance == null ? Provenance.NONE : provenance;
    }

    public ReportContext(String path, String rootUri, String toolVersion, String toolUri, Integer minLevel) {
        this(path, rootUri, toolVersion, toolUri, minLevel, Provenance.NONE);
    }

    public boolean gated() {
        return minLevel != null;
    }

    /** The gate's verdict (--min-level and --baseline), judged once by {@code assess.Gate}; true without a gate. */
    public boolean gatePassed(Assessment a) {
        return a.gate() == null || a.gate().passed();
    }

    /**
     * Whether this unmet criterion is one of the reasons the gate failed: a criterion the baseline met
     * that is no longer met, or an unmet criterion of a level between the level the gate judged and
     * {@code --min-level} (or the baseline's level), undecided ones included. A gate that passed is blocked by nothing; without a gate nothing blocks.
     */
    public boolean blocksGate(Assessment a, CriterionResult r) {
        if (a.gate() == null || a.gate().passed() || r.isMet()) {
            return false;
        }
        if (a.gate().regressions().contains(r.criterion().id())) {
            return true;
        }
        int required = Math.max(a.gate().minLevel() == null ? -1 : a.gate().minLevel(),
                a.gate().baseline() == null ? -1 : a.gate().baseline().level());
        return !r.criterion().isWalkthrough()
                && r.criterion().level() > a.gate().judgedLevel() && r.criterion().level() <= required
                && r.outcome() != Outcome.NOT_APPLICABLE;
    }

    /**
     * The highest level whose unmet criteria are reported: the gate's level or the next level (the one
     * being worked towards), whichever is higher.
     */
    public int horizon(Assessment a) {
        return minLevel != null ? Math.max(minLevel, a.nextLevel()) : a.nextLevel();
    }
}
