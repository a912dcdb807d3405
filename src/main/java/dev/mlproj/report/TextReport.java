package dev.mlproj.report;

import dev.mlproj.assess.Assessment;
import dev.mlproj.assess.ConfigStatus;
import dev.mlproj.assess.GateResult;
import dev.mlproj.assess.CriterionResult;
import dev.mlproj.assess.FocusReport;
import dev.mlproj.assess.LevelProgress;
import dev.mlproj.assess.Outcome;
import dev.mlproj.rubric.Criterion;
import dev.mlproj.rubric.FocusArea;
import dev.mlproj.scan.Evidence;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The report for people: fits the terminal's width (80 columns by default), most important first. */
public final class TextReport {

    public static final int DEFAULT_WIDTH = 80;
    /** Narrower than this, nothing useful fits on a line; the report is laid out for this width then. */
    public static final int MIN_WIDTH = 60;
    private static final int BAR = 20;

    private final Style style;
    private final boolean verbose;
    private final int width;

    public TextReport(Style style, boolean verbose) {
        this(style, verbose, DEFAULT_WIDTH);
    }

    /** @param width the columns to fit (the terminal's), at least {@link #MIN_WIDTH} */
    public TextReport(Style style, boolean verbose, int width) {
        this.style = style;
        this.verbose = verbose;
        this.width = Math.max(MIN_WIDTH, width);
    }

    /** The one-line verdict, also used by --quiet. */
    public String headline(Assessment a) {
        String prefix = a.scaffold().verdictPrefix();
        if (!a.mlProject()) {
            return prefix + "Level 0: not a machine-learning project (no ML library is imported and used)";
        }
        String line = prefix + "Level " + a.level() + ": " + a.rubric().level(a.level()).name();
        if (a.researchTrack()) {
            line += " (research track)";
        }
        if (!a.atTop()) {
            LevelProgress next = a.progressOf(a.nextLevel());
            line += String.format(Locale.ROOT, ", %d%% of Level %d", percent(next.fraction()), next.level());
        }
        return line;
    }

    public String render(Assessment a, String path) {
        return render(a, path, Provenance.NONE);
    }

    /** @param provenance the assessed commit, named in the header when known */
    public String render(Assessment a, String path, Provenance provenance) {
        List<String> out = new ArrayList<>();
        wrap(out, style.bold(headline(a)), "");
        String gaps = Labels.gapsClause(a, 3);
        if (!gaps.isEmpty()) {
            wrap(out, "With " + gaps + " (they weaken the level, they do not lower it)", "");
        }
        String at = !provenance.known() ? ""
                : " at " + provenance.commit() + (provenance.ref() == null ? "" : " (" + provenance.ref() + ")");
        wrap(out, "assessed " + path + at + " with rubric " + a.rubric().id() + " (" + a.facts().files().size()
                + " files, " + a.facts().filesRead() + " read)", "");
        if (!a.roles().isEmpty()) {
            wrap(out, "Prepares for: " + String.join(", ", a.roles()), "  ");
        }
        out.add("");
        out.add(style.bold("Progress by level"));
        // The level names take what the bar, the figures and 6 columns of counts leave (33 at most).
        int nameWidth = Math.min(33, width - 47);
        for (LevelProgress p : a.progress()) {
            String mark = p.reached() ? style.green("pass") : p.passed() ? style.yellow("core") : style.dim("    ");
            out.add(String.format(Locale.ROOT, "  L%d %-" + nameWidth + "s %s %3d%% %s %d/%d", p.level(), clip(p.name(), nameWidth),
                    bar(p.fraction()), percent(p.fraction()), mark, p.metCount(), p.applicableCount()));
        }
        out.add(style.dim(String.format(Locale.ROOT, "  %s", "threshold per level: "
                + String.join(" ", a.progress().stream().map(p -> "L" + p.level() + " " + percent(p.threshold()) + "%").toList()))));
        if (a.progress().stream().anyMatch(p -> p.passed() && !p.reached())) {
            wrap(out, style.dim("core: the threshold is met but the level's defining practice is missing"), "  ");
        }
        out.add("");
        focus(out, a);
        int shown = a.atTop() ? a.level() : a.nextLevel();
        for (int level = 1; level <= shown; level++) {
            section(out, a, level);
        }
        next(out, a);
        walkthrough(out, a);
        scaffold(out, a);
        config(out, a);
        gate(out, a);
        if (!a.facts().warnings().isEmpty() || a.facts().git().note() != null || a.scaffold().problem() != null
                || !a.config().warnings().isEmpty()) {
            out.add("");
            out.add(style.bold("Notes"));
            if (a.facts().git().note() != null) {
                wrap(out, "- git: " + a.facts().git().note(), "    ");
            }
            if (a.scaffold().problem() != null) {
                wrap(out, "- " + a.scaffold().problem(), "    ");
            }
            for (String warning : a.config().warnings()) {
                wrap(out, "- " + warning, "    ");
            }
            List<String> warnings = a.facts().warnings();
            int limit = verbose ? warnings.size() : Math.min(5, warnings.size());
            for (int i = 0; i < limit; i++) {
                wrap(out, "- " + warnings.get(i), "    ");
            }
            if (limit < warnings.size()) {
                out.add("  ... " + (warnings.size() - limit) + " more (--verbose)");
            }
        }
        return String.join("\n", out) + "\n";
    }

    /** Generated files nobody has changed: named, so a reviewer sees how much is the author's own. */
    private void scaffold(List<String> out, Assessment a) {
        List<String> untouched = a.scaffold().untouched();
        if (untouched.isEmpty()) {
            return;
        }
        out.add("");
        out.add(style.bold("Untouched scaffolding:"));
        wrap(out, Labels.count(untouched.size(), "file generated by mlproj is", "files generated by mlproj are") + " unchanged"
                + (a.scaffold().discounted() ? style.yellow(" (no credit at this gate)") : ""), "  ");
        int limit = verbose ? untouched.size() : Math.min(8, untouched.size());
        for (int i = 0; i < limit; i++) {
            out.add("  " + clip(untouched.get(i), width - 4));
        }
        if (limit < untouched.size()) {
            out.add("  ... " + (untouched.size() - limit) + " more (--verbose)");
        }
    }

    /** What the repository's .mlproj.yaml changed: shown in every report, so no waiver goes unseen. */
    private void config(List<String> out, Assessment a) {
        ConfigStatus config = a.config();
        if (!config.present()) {
            return;
        }
        out.add("");
        out.add(style.bold("Repository configuration: ") + config.file());
        if (config.declaredFocus() != null) {
            out.add("  declared focus: " + config.declaredFocus());
        }
        for (String rubric : config.rubrics()) {
            out.add("  extra rubric: " + clip(rubric, 62));
        }
        for (ConfigStatus.Waived w : config.waivers()) {
            wrap(out, style.yellow("waived ") + w.criterion() + " (line " + w.line() + "): " + w.reason(), "  ");
        }
        if (config.levelWithoutConfig() != a.level()) {
            wrap(out, style.dim("Without it the level would be " + config.levelWithoutConfig()
                    + "; a CI gate judges the lower of the two."), "  ");
        }
    }

    private void gate(List<String> out, Assessment a) {
        GateResult gate = a.gate();
        if (gate == null) {
            return;
        }
        out.add("");
        List<String> asked = new ArrayList<>();
        if (gate.minLevel() != null) {
            asked.add("--min-level " + gate.minLevel());
        }
        if (gate.baseline() != null) {
            asked.add("--baseline " + gate.baseline().source() + " (level " + gate.baseline().level() + ")");
        }
        out.add(style.bold("Gate: ") + (gate.passed() ? style.green("passed") : style.red("failed"))
                + " at level " + gate.judgedLevel());
        wrap(out, style.dim(String.join(", ", asked)), "  ");
        for (String failure : gate.failures()) {
            wrap(out, "- " + failure, "    ");
        }
        if (!gate.gains().isEmpty()) {
            wrap(out, "newly met: " + String.join(", ", gate.gains()), "  ");
        }
    }

    private void focus(List<String> out, Assessment a) {
        FocusReport f = a.focus();
        StringBuilder shares = new StringBuilder();
        f.shares().forEach((area, share) -> shares.append(shares.length() == 0 ? "" : "  ")
                .append(area).append(' ').append(percent(share)).append('%'));
        String dominant = f.dominant() == null ? "none yet" : f.dominant() + (f.declared() ? " (declared)" : "");
        out.add(style.bold("Focus: ") + dominant);
        out.add("  " + shares);
        if (f.dominant() != null && !f.comparison().isEmpty()) {
            String title = a.rubric().focusArea(f.dominant()).map(FocusArea::title).orElse(f.dominant());
            List<String> parts = new ArrayList<>();
            for (FocusReport.SplitComparison c : f.comparison()) {
                parts.add(c.areas() + " " + c.actual() + "% (" + c.expectedMin()
                        + (c.expectedMin() == c.expectedMax() ? "" : "-" + c.expectedMax()) + "% " + c.status() + ")");
            }
            wrap(out, style.dim("vs. the seed's split for " + Labels.article(title) + " " + title + ": " + String.join(", ", parts)), "  ");
        }
    }

    private void section(List<String> out, Assessment a, int level) {
        out.add("");
        LevelProgress p = a.progressOf(level);
        String title = "Level " + level + ": " + p.name();
        String figures = String.format(Locale.ROOT, "%d of %d weight met, %d%% needed", p.metWeight(), p.applicableWeight(),
                percent(p.threshold()));
        if (title.length() + 2 + figures.length() <= width) {
            out.add(style.bold(title) + style.dim("  " + figures));
        } else {
            out.add(style.bold(title));
            out.add(style.dim("  " + figures));
        }
        for (CriterionResult r : a.results()) {
            if (r.criterion().level() == level) {
                criterion(out, r);
            }
        }
    }

    private void criterion(List<String> out, CriterionResult r) {
        Criterion c = r.criterion();
        String mark = switch (r.outcome()) {
            case MET -> style.green("[x]");
            case UNMET -> style.red("[ ]");
            case NOT_APPLICABLE -> style.dim("[-]");
            case ERROR -> style.yellow("[!]");
            case WAIVED -> style.dim("[~]");
        };
        // The title wraps at word boundaries (never cut mid-word), the id after its last word when it fits.
        List<String> title = words(c.title(), width - 6);
        String last = title.get(title.size() - 1);
        boolean idFits = 6 + last.length() + 2 + c.id().length() <= width;
        for (int i = 0; i < title.size(); i++) {
            String text = (i == 0 ? "  " + mark + " " : "      ") + title.get(i);
            out.add(i == title.size() - 1 && idFits ? text + style.dim("  " + c.id()) : text);
        }
        if (!idFits) {
            out.add("      " + style.dim(c.id()));
        }
        List<Evidence> evidence = r.evidence();
        int limit = verbose ? evidence.size() : Math.min(r.outcome() == Outcome.MET ? 1 : 2, evidence.size());
        for (int i = 0; i < limit; i++) {
            Evidence e = evidence.get(i);
            String where = e.location().isEmpty() ? "" : e.location() + "  ";
            out.add("      " + clip(where + e.detail(), width - 6));
        }
        if (r.outcome() == Outcome.UNMET || r.outcome() == Outcome.ERROR) {
            for (Evidence e : r.notCounted().subList(0, Math.min(verbose ? 5 : 2, r.notCounted().size()))) {
                out.add(style.yellow("      not counted: ") + clip(e.location() + "  " + e.detail(), width - 23));
            }
        }
        if (r.outcome() == Outcome.NOT_APPLICABLE && verbose) {
            out.add(style.dim("      does not apply to this project"));
        }
    }

    private void next(List<String> out, Assessment a) {
        out.add("");
        if (a.atTop()) {
            wrap(out, style.bold("Next:") + " this is the top level; see the walkthrough section below.", "");
            return;
        }
        LevelProgress next = a.progressOf(a.nextLevel());
        List<String> needs = new ArrayList<>();
        if (!next.definingMet()) {
            needs.add("its defining practice (" + a.rubric().level(next.level()).defining().practice() + ")");
        }
        if (next.missingWeight() > 0) {
            needs.add(Labels.count(next.missingWeight(), "more weight point", "more weight points") + " at Level " + next.level());
        }
        wrap(out, "Next: to reach Level " + next.level() + " (" + next.name() + ") you need " + String.join(" and ", needs), "");
        int shown = 0;
        for (CriterionResult r : a.next()) {
            if (!verbose && shown == 8) {
                out.add(style.dim("  ... " + (a.next().size() - shown) + " more (--verbose, or `mlproj explain ID`)"));
                break;
            }
            shown++;
            Criterion c = r.criterion();
            wrap(out, shown + ". " + c.title() + " (L" + c.level() + ", weight " + c.weight() + ", " + c.id() + ")", "  ");
            wrap(out, c.fix(), "     ");
        }
    }

    private void walkthrough(List<String> out, Assessment a) {
        out.add("");
        out.add(style.bold("Walkthrough readiness: " + percent(a.walkthroughScore()) + "%"));
        wrap(out, style.dim("portfolio advice of seeds 001 and 002; it does not move the level"), "  ");
        for (CriterionResult r : a.walkthrough()) {
            criterion(out, r);
        }
    }

    private static String bar(double fraction) {
        int filled = (int) Math.round(fraction * BAR);
        return "[" + "#".repeat(filled) + "-".repeat(BAR - filled) + "]";
    }

    static int percent(double fraction) {
        return (int) Math.round(fraction * 100);
    }

    /** At most {@code max} characters, cut at a space when one is near the end, marked with "...". */
    static String clip(String raw, int max) {
        String s = Controls.visible(raw);
        if (s.length() <= max) {
            return s;
        }
        int cut = Math.max(3, max) - 3;
        int space = s.lastIndexOf(' ', cut);
        return (space > cut * 2 / 3 ? s.substring(0, space) : s.substring(0, cut)).stripTrailing() + "...";
    }

    /** {@code text} in lines of at most {@code max} characters, broken between words (a longer word stands alone). */
    static List<String> words(String text, int max) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > max) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(line.length() > 0 ? " " : "").append(word);
        }
        lines.add(line.toString());
        return lines;
    }

    private void wrap(List<String> out, String raw, String indent) {
        StringBuilder line = new StringBuilder(indent);
        for (String word : Controls.visible(raw).split(" ")) {
            if (line.length() + word.length() + 1 > width && line.length() > indent.length()) {
                out.add(line.toString().stripTrailing());
                line = new StringBuilder(indent);
            }
            line.append(word).append(' ');
        }
        if (line.length() > indent.length()) {
            out.add(line.toString().stripTrailing());
        }
    }
}
