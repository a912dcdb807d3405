package dev.mlproj.assess;

import java.util.List;

/**
 * Scaffold provenance as seen by an assessment: the files mlproj generated that nobody has changed
 * since. At a CI gate they are left out of the scan, so scaffolding alone cannot pass a gate.
 *
 * @param untouched  generated files whose content still matches the recorded hash
 * @param discounted true when those files were left out of this assessment (a --min-level gate)
 * @param problem    why the record could not be read, or null
 */
public record ScaffoldStatus(List<String> untouched, boolean discounted, String problem) {

    public static final ScaffoldStatus NONE = new ScaffoldStatus(List.of(), false, null);

    public ScaffoldStatus {
        untouched = List.copyOf(untouched);
    }
}
