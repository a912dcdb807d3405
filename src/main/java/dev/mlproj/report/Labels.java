package dev.mlproj.report;

import dev.mlproj.assess.Assessment;
import dev.mlproj.assess.CriterionResult;
import dev.mlproj.assess.Outcome;
import dev.mlproj.scan.Evidence;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Wording and selections every format shares, so that the formats agree with one another. */
final class Labels {

    static final String NOT_ML = "Not a machine-learning project";

    private Labels() {
    }

    /** The outcome as a machine token, as in the JSON report: {@code met}, {@code not-applicable}... */
    static String token(Outcome outcome) {
        return outcome.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static String levelName(Assessment a) {
        return a.level() == 0 ? NOT_ML : a.rubric().level(a.level()).name();
    }

    static int percent(double fraction) {
        return (int) Math.round(fraction * 100);
    }

    /** Level criteria first, then the walkthrough ones: the order of every per-criterion listing. */
    static List<CriterionResult> allResults(Assessment a) {
        List<CriterionResult> all = new ArrayList<>(a.results());
        all.addAll(a.walkthrough());
        return all;
    }

    /**
     * The evidence most worth showing: what satisfied a met criterion, the read error behind an error,
     * and otherwise the nearest miss.
     */
    static Optional<Evidence> firstEvidence(CriterionResult r) {
        if (!r.evidence().isEmpty()) {
            return Optional.of(r.evidence().get(0));
        }
        return r.notCounted().stream().findFirst();
    }

    /** {@code path:line detail}, the path part left out for repository-wide evidence. */
    static String evidenceLine(Evidence e) {
        return e.location().isEmpty() ? e.detail() : e.location() + " " + e.detail();
    }
}
