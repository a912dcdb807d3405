package dev.mlproj.assess;

import java.util.ArrayList;
import java.util.List;

/**
 * Judges an assessment at a CI gate. The threshold comes from the command line; the repository's own
 * configuration (waivers, extra criteria) can only make the gate harder to pass, never easier, so the gate
 * compares the lower of the levels with and without it. Pure.
 */
public final class Gate {

    private Gate() {
    }

    /**
     * @param minLevel the required level, or null
     * @param baseline an earlier report to ratchet against, or null
     */
    public static GateResult judge(Assessment a, Integer minLevel, Baseline baseline) {
        int judged = judgedLevel(a);
        String withConfig = judged < a.level()
                ? " (" + a.level() + " with the repository's .mlproj.yaml, which cannot lower a gate)" : "";
        List<String> failures = new ArrayList<>();
        if (minLevel != null && judged < minLevel) {
            failures.add("level " + judged + withConfig + " is below --min-level " + minLevel);
        }
        List<String> regressions = new ArrayList<>();
        List<String> gains = new ArrayList<>();
        if (baseline != null) {
            if (judged < baseline.level()) {
                failures.add("level dropped from " + baseline.level() + " in " + baseline.source() + " to " + judged + withConfig);
            }
            for (CriterionResult r : all(a)) {
                String id = r.criterion().id();
                if (baseline.met().contains(id) && !r.isMet()) {
                    regressions.add(id);
                } else if (!baseline.met().contains(id) && r.isMet()) {
                    gains.add(id);
                }
            }
            if (!regressions.isEmpty()) {
                failures.add(regressions.size() + " criteria met in " + baseline.source() + " are no longer met: "
                        + String.join(", ", regressions));
            }
        }
        return new GateResult(minLevel, baseline, judged, failures, regressions, gains);
    }

    /** The level a gate compares: the lower of the levels with and without the repository's configuration. */
    public static int judgedLevel(Assessment a) {
        return a.config().present() ? Math.min(a.level(), a.config().levelWithoutConfig()) : a.level();
    }

    private static List<CriterionResult> all(Assessment a) {
        List<CriterionResult> out = new ArrayList<>(a.results());
        out.addAll(a.walkthrough());
        return out;
    }
}
