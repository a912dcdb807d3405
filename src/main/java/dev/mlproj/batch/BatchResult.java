package dev.mlproj.batch;

import dev.mlproj.assess.Assessment;
import dev.mlproj.assess.CriterionResult;
import dev.mlproj.assess.Gate;
import dev.mlproj.assess.LevelProgress;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One row of the results: what the assessment of one repository said, or why it could not be made.
 * It holds exactly what the results CSV holds (fractions already rounded), so a row read back from a
 * shard's CSV is equal to the row that was written and merged outputs equal an unsharded run.
 *
 * @param row        the input row (1-based), the merge order
 * @param commit     the commit assessed; "" outside git or for an error row
 * @param level      0-5, or null for an error row
 * @param progress   fraction met per level 1-5 (index 0 is level 1), null for a level the rubric lacks;
 *                   empty for an error row
 * @param focus      the dominant focus area, "" when nothing is met
 * @param shares     the shares of {@link #AREAS}, in that order; empty for an error row
 * @param next       the first ids of the next level's missing criteria, most valuable first
 * @param untouched  generated files still untouched (scaffold provenance), null for an error row
 * @param error      one line saying why the repository could not be assessed, "" when it was
 */
public record BatchResult(int row, String name, String url, String rev, String commit, Integer level, String levelName,
                          List<Double> progress, String focus, List<Double> shares, List<String> roles,
                          List<String> next, Integer untouched, String error) {

    /** The focus areas with a share column, in column order. */
    public static final List<String> AREAS = List.of("data", "models", "architecture", "product");
    public static final int LEVELS = 5;
    /** How many of the next level's missing criteria a row keeps: enough to say what to do first. */
    public static final int NEXT_SHOWN = 5;
    private static final int MAX_ERROR = 300;

    public BatchResult {
        progress = Collections.unmodifiableList(new ArrayList<>(progress));
        shares = Collections.unmodifiableList(new ArrayList<>(shares));
        roles = List.copyOf(roles);
        next = List.copyOf(next);
    }

    public static BatchResult of(BatchEntry entry, Assessment a) {
        List<Double> progress = new ArrayList<>();
        for (int level = 1; level <= LEVELS; level++) {
            LevelProgress p = a.progressOf(level);
            progress.add(p == null ? null : round(p.fraction()));
        }
        List<Double> shares = new ArrayList<>();
        for (String area : AREAS) {
            Double share = a.focus().shares().get(area);
            shares.add(share == null ? null : round(share));
        }
        List<String> next = a.next().stream().limit(NEXT_SHOWN).map(CriterionResult::criterion).map(c -> c.id()).toList();
        String head = a.facts().git().head();
        // A cohort is ranked as a gate judges: a repository's own waivers never lift its level here.
        int level = Gate.judgedLevel(a);
        String levelName = level == 0 ? "Not a machine-learning project" : a.rubric().level(level).name();
        return new BatchResult(entry.row(), entry.name(), entry.url(), entry.rev(), head == null ? "" : head, level,
                levelName, progress, a.focus().dominant() == null ? "" : a.focus().dominant(), shares, a.roles(), next,
                a.scaffold().untouched().size(), "");
    }

    /** An error row: the reason is kept to one line of at most 300 characters. */
    public static BatchResult failed(BatchEntry entry, String reason) {
        return new BatchResult(entry.row(), entry.name(), entry.url(), entry.rev(), "", null, "", List.of(), "",
                List.of(), List.of(), List.of(), null, oneLine(reason));
    }

    public boolean failed() {
        return !error.isEmpty();
    }

    /** Progress towards the level above this one (1.0 at the top); -1 for an error row. Ranks ties within a level. */
    public double nextProgress() {
        if (level == null) {
            return -1;
        }
        if (level >= LEVELS || progress.get(level) == null) {
            return 1.0;
        }
        return progress.get(level);
    }

    /** True when the row has an assessment at or above {@code minLevel}: error rows never pass a gate. */
    public boolean passes(int minLevel) {
        return level != null && level >= minLevel;
    }

    static String oneLine(String reason) {
        String line = reason == null || reason.isBlank() ? "unknown error" : reason.strip().replaceAll("\\s+", " ");
        return line.length() <= MAX_ERROR ? line : line.substring(0, MAX_ERROR - 3) + "...";
    }

    static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
