package dev.mlproj.assess;

import java.util.List;

/**
 * The verdict of a CI gate (--min-level and/or --baseline) on an assessment.
 *
 * @param minLevel     the level required on the command line, or null
 * @param baseline     the earlier report judged against, or null
 * @param judgedLevel  the level the gate compared: the lower of the level with and without the repository's
 *                     own configuration
 * @param failures     one sentence per reason the gate failed; empty when it passed
 * @param regressions  criteria met in the baseline that are not met now
 * @param gains        criteria met now that the baseline did not meet
 */
public record GateResult(Integer minLevel, Baseline baseline, int judgedLevel, List<String> failures,
                         List<String> regressions, List<String> gains) {

    public GateResult {
        failures = List.copyOf(failures);
        regressions = List.copyOf(regressions);
        gains = List.copyOf(gains);
    }

    public boolean passed() {
        return failures.isEmpty();
    }
}
