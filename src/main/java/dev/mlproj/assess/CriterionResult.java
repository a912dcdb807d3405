package dev.mlproj.assess;

import dev.mlproj.rubric.Criterion;
import dev.mlproj.scan.Evidence;

import java.util.List;

/**
 * The outcome of one criterion with its evidence: what satisfied it when met; what came close, or the
 * read errors that prevented a verdict, otherwise.
 */
public record CriterionResult(Criterion criterion, Outcome outcome, List<Evidence> evidence, List<Evidence> notCounted) {

    public CriterionResult {
        evidence = List.copyOf(evidence);
        notCounted = List.copyOf(notCounted);
    }

    public boolean isMet() {
        return outcome == Outcome.MET;
    }

    /** Counts towards the denominator of a level's progress: neither out of scope nor waived. */
    public boolean isApplicable() {
        return outcome != Outcome.NOT_APPLICABLE && outcome != Outcome.WAIVED;
    }
}
