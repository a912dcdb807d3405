package dev.mlproj.assess;

import java.util.List;

/**
 * Scaffold provenance as seen by an assessment: the files mlproj generated that nobody has changed
 * since. At a CI gate they are left out of the scan, so scaffolding alone cannot pass a gate.
 *
 * @param untouched  generated files whose content still matches what was generated (up to comments,
 *                   formatting and trivial edits)
 * @param discounted true when those files were left out of this assessment (a --min-level gate)
 * @param problem    why the record could not be read, or null
 * @param wholly     true when every code file of the repository (Python, notebooks) is untouched
 *                   scaffolding: the verdict line leads with {@link #VERDICT}
 */
public record ScaffoldStatus(List<String> untouched, boolean discounted, String problem, boolean wholly) {

    public static final ScaffoldStatus NONE = new ScaffoldStatus(List.of(), false, null, false);

    /** What every report's verdict line starts with when the repository is untouched scaffolding. */
    public static final String VERDICT = "untouched mlproj scaffold: earns nothing until you change it";

    public ScaffoldStatus {
        untouched = List.copyOf(untouched);
    }

    public ScaffoldStatus(List<String> untouched, boolean discounted, String problem) {
        this(untouched, discounted, problem, false);
    }

    /** The clause that leads the verdict line, or "" when the repository has code of its own. */
    public String verdictPrefix() {
        if (!wholly) {
            return "";
        }
        return VERDICT + " (" + untouched.size() + " generated files unchanged). "
                + (discounted ? "Without them: " : "As generated: ");
    }
}
