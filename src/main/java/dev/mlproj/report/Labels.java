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

    /** "1 file", "3 files": a count with its noun in the right number. */
    static String count(int n, String singular, String plural) {
        return n + " " + (n == 1 ? singular : plural);
    }

    /** "a" or "an" before {@code word}, by its first letter ("an Architecture-focused engineer"). */
    static String article(String word) {
        return !word.isEmpty() && "aeiouAEIOU".indexOf(word.charAt(0)) >= 0 ? "an" : "a";
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

    /**
     * What the levels below the project's own lack, grouped by level: "level-2 gaps: Tests that assert,
     * Proper train/validation/test splits"; empty when nothing below is weak. The level is not lowered by
     * them (docs/levels.md), so every format says them beside the level rather than instead of it.
     */
    static String gapsClause(Assessment a, int shown) {
        if (a.gaps().isEmpty()) {
            return "";
        }
        java.util.Map<Integer, List<String>> byLevel = new java.util.TreeMap<>();
        a.gaps().forEach(r -> byLevel.computeIfAbsent(r.criterion().level(), l -> new ArrayList<>()).add(r.criterion().title()));
        List<String> parts = new ArrayList<>();
        for (var e : byLevel.entrySet()) {
            List<String> titles = e.getValue();
            String listed = String.join(", ", titles.subList(0, Math.min(shown, titles.size())));
            if (titles.size() > shown) {
                listed += " and " + (titles.size() - shown) + " more";
            }
            parts.add("level-" + e.getKey() + " gaps: " + listed);
        }
        return String.join("; ", parts);
    }
}
