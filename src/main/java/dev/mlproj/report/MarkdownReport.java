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

/**
 * GitHub-flavoured Markdown for a pull-request comment or a CI step summary: the verdict and the next
 * step in view, long lists folded into {@code <details>}.
 */
public final class MarkdownReport implements Renderer {

    /** Next-level criteria shown before the rest is folded away. */
    private static final int NEXT_SHOWN = 8;
    private static final int FILES_SHOWN = 5;
    /**
     * The first line of every full report: an HTML comment (invisible once rendered) by which a CI job
     * finds its own earlier pull-request comment and edits it instead of adding another.
     */
    public static final String MARKER = "<!-- mlproj-report -->";

    private final boolean verbose;

    /** @param verbose every piece of evidence instead of the first of each criterion */
    public MarkdownReport(boolean verbose) {
        this.verbose = verbose;
    }

    /** The level line alone (also what --quiet prints). */
    public String headline(Assessment a) {
        return headline(a, "**");
    }

    private static String headline(Assessment a, String strong) {
        StringBuilder line = new StringBuilder(Markdown.escape(a.scaffold().verdictPrefix())).append(strong).append("mlproj: Level ").append(a.level()).append(", ")
                .append(Markdown.escape(Labels.levelName(a))).append(strong);
        if (a.researchTrack()) {
            line.append(" (research track)");
        }
        if (!a.atTop()) {
            LevelProgress next = a.progressOf(a.nextLevel());
            line.append(String.format(Locale.ROOT, ", %d%% of Level %d", Labels.percent(next.fraction()), next.level()));
        }
        return line.toString();
    }

    @Override
    public String render(Assessment a, ReportContext context) {
        List<String> out = new ArrayList<>();
        Provenance provenance = context.provenance();
        out.add(MARKER);
        out.add("### " + headline(a, ""));
        out.add("");
        String gaps = Labels.gapsClause(a, 3);
        if (!gaps.isEmpty()) {
            out.add("With " + Markdown.escape(gaps) + " (they weaken the level, they do not lower it).");
            out.add("");
        }
        out.add("Assessed " + Markdown.code(context.path()) + commit(provenance) + " with rubric " + Markdown.code(a.rubric().id())
                + " (" + a.facts().files().size() + " files).");
        gate(out, a);
        scaffoldWarning(out, a);
        out.add("");
        progress(out, a);
        out.add("");
        focus(out, a);
        if (!a.roles().isEmpty()) {
            out.add("");
            out.add("**Prepares for:** " + Markdown.escape(String.join(", ", a.roles())));
        }
        out.add("");
        next(out, a, provenance);
        criteria(out, a, provenance);
        config(out, a);
        notes(out, a);
        out.add("");
        out.add("<sub>mlproj " + Xml.escape(context.toolVersion(), false) + " · " + a.facts().filesRead()
                + " files read · <code>mlproj explain ID</code> tells why a criterion matters</sub>");
        return String.join("\n", out) + "\n";
    }

    /** Every level up to the next one (as the text report), then the walkthrough section, each folded. */
    private void criteria(List<String> out, Assessment a, Provenance provenance) {
        int shown = a.atTop() ? a.level() : a.nextLevel();
        out.add("");
        out.add("#### Criteria");
        for (int level = 1; level <= shown; level++) {
            LevelProgress p = a.progressOf(level);
            int l = level;
            List<CriterionResult> results = a.results().stream().filter(r -> r.criterion().level() == l).toList();
            details(out, "Level " + level + ", " + p.name() + ": " + p.metCount() + " of " + p.applicableCount()
                    + " met (" + Labels.percent(p.fraction()) + "%, " + Labels.percent(p.threshold()) + "% needed)", results, provenance);
        }
        details(out, "Walkthrough readiness: " + Labels.percent(a.walkthroughScore()) + "% (does not move the level)",
                a.walkthrough(), provenance);
    }

    private static void progress(List<String> out, Assessment a) {
        out.add("| Level | | Progress | Criteria met | Weight met | Needed |");
        out.add("| --- | :---: | ---: | ---: | ---: | ---: |");
        for (LevelProgress p : a.progress()) {
            String name = Markdown.escape(p.name());
            out.add(String.format(Locale.ROOT, "| %s | %s | %d%% | %d/%d | %d/%d | %d%% |",
                    p.level() == a.level() ? "**L" + p.level() + " " + name + "**" : "L" + p.level() + " " + name,
                    p.passed() ? "✅" : "", Labels.percent(p.fraction()), p.metCount(), p.applicableCount(),
                    p.metWeight(), p.applicableWeight(), Labels.percent(p.threshold())));
        }
    }

    private static void focus(List<String> out, Assessment a) {
        FocusReport f = a.focus();
        List<String> shares = new ArrayList<>();
        f.shares().forEach((area, share) -> shares.add(area + " " + Labels.percent(share) + "%"));
        String dominant = f.dominant() == null ? "none yet" : "**" + f.dominant() + "**" + (f.declared() ? " (declared)" : " (measured)");
        out.add("**Focus:** " + dominant + " · " + String.join(" · ", shares));
        if (f.dominant() == null || f.comparison().isEmpty()) {
            return;
        }
        String title = a.rubric().focusArea(f.dominant()).map(FocusArea::title).orElse(f.dominant());
        out.add("");
        out.add("| Areas | This project | Seed's split (" + Markdown.escape(title) + ") | |");
        out.add("| --- | ---: | ---: | --- |");
        for (FocusReport.SplitComparison c : f.comparison()) {
            String range = c.expectedMin() == c.expectedMax() ? c.expectedMin() + "%" : c.expectedMin() + "-" + c.expectedMax() + "%";
            out.add("| " + Markdown.escape(c.areas()) + " | " + c.actual() + "% | " + range + " | " + c.status() + " |");
        }
    }

    private void next(List<String> out, Assessment a, Provenance provenance) {
        if (a.atTop()) {
            out.add("#### Next");
            out.add("");
            out.add("This is the top level; the walkthrough section below lists what a reviewer still asks about.");
            return;
        }
        LevelProgress next = a.progressOf(a.nextLevel());
        out.add("#### Next: Level " + next.level() + ", " + Markdown.escape(next.name()));
        out.add("");
        List<String> needs = new ArrayList<>();
        if (!next.definingMet()) {
            needs.add("its defining practice (" + Markdown.escape(a.rubric().level(next.level()).defining().practice()) + ")");
        }
        if (next.missingWeight() > 0) {
            needs.add(Labels.count(next.missingWeight(), "more weight point", "more weight points") + " at Level " + next.level());
        }
        out.add("Needs " + String.join(" and ", needs) + ":");
        out.add("");
        List<CriterionResult> steps = a.next();
        for (int i = 0; i < Math.min(NEXT_SHOWN, steps.size()); i++) {
            nextItem(out, i + 1, steps.get(i), provenance);
        }
        if (steps.size() > NEXT_SHOWN) {
            out.add("");
            out.add("<details><summary>" + (steps.size() - NEXT_SHOWN) + " more</summary>");
            out.add("");
            for (int i = NEXT_SHOWN; i < steps.size(); i++) {
                nextItem(out, i + 1, steps.get(i), provenance);
            }
            out.add("");
            out.add("</details>");
        }
    }

    private void nextItem(List<String> out, int n, CriterionResult r, Provenance provenance) {
        Criterion c = r.criterion();
        out.add(n + ". **" + Markdown.escape(c.title()) + "** (" + Markdown.code(c.id()) + ", L" + c.level()
                + ", weight " + c.weight() + (r.outcome() == Outcome.UNMET ? "" : ", " + r.outcome().label()) + "): "
                + Markdown.escape(c.fix()));
        for (Evidence e : shownEvidence(r)) {
            out.add("   - " + evidence(r, e, provenance));
        }
    }

    private static void scaffoldWarning(List<String> out, Assessment a) {
        List<String> untouched = a.scaffold().untouched();
        if (untouched.isEmpty()) {
            return;
        }
        out.add("");
        out.add("> [!WARNING]");
        out.add("> " + Labels.count(untouched.size(), "file generated by mlproj is", "files generated by mlproj are") + " unchanged since they were generated"
                + (a.scaffold().discounted() ? "; at this gate they earn no credit." : "; at a `--min-level` gate they earn no credit.")
                + " " + String.join(", ", untouched.subList(0, Math.min(FILES_SHOWN, untouched.size())).stream().map(Markdown::code).toList())
                + (untouched.size() > FILES_SHOWN ? " and " + (untouched.size() - FILES_SHOWN) + " more." : "."));
        if (untouched.size() > FILES_SHOWN) {
            out.add("");
            out.add("<details><summary>All " + untouched.size() + " untouched generated files</summary>");
            out.add("");
            untouched.forEach(f -> out.add("- " + Markdown.code(f)));
            out.add("");
            out.add("</details>");
        }
    }

    private void details(List<String> out, String summary, List<CriterionResult> results, Provenance provenance) {
        out.add("");
        out.add("<details><summary>" + Xml.escape(summary, false) + "</summary>");
        out.add("");
        for (CriterionResult r : results) {
            Criterion c = r.criterion();
            out.add("- " + mark(r) + " " + Markdown.escape(c.title()) + " (" + Markdown.code(c.id()) + ")"
                    + (r.isMet() || r.outcome() == Outcome.UNMET ? "" : ": " + r.outcome().label()));
            for (Evidence e : shownEvidence(r)) {
                out.add("  - " + evidence(r, e, provenance));
            }
        }
        out.add("");
        out.add("</details>");
    }

    /** One mark per outcome; an outcome this renderer does not know is shown by its name beside a neutral mark. */
    private static String mark(CriterionResult r) {
        return switch (r.outcome()) {
            case MET -> "✅";
            case UNMET -> "❌";
            case NOT_APPLICABLE -> "➖";
            case ERROR -> "⚠️";
            default -> "🔹";
        };
    }

    private List<Evidence> shownEvidence(CriterionResult r) {
        List<Evidence> all = new ArrayList<>(r.evidence());
        if (!r.isMet()) {
            all.addAll(r.notCounted());
        }
        return verbose ? all : all.subList(0, Math.min(1, all.size()));
    }

    /** A piece of evidence; its {@code path:line} links to the file at the assessed commit when the repository's address is known. */
    private static String evidence(CriterionResult r, Evidence e, Provenance provenance) {
        String prefix = r.evidence().contains(e) ? "" : "not counted: ";
        String where = "";
        if (!e.location().isEmpty()) {
            String url = provenance.fileUrl(e.path(), e.line());
            where = (url == null ? Markdown.code(e.location()) : "[" + Markdown.code(e.location()) + "](" + Markdown.url(url) + ")") + " ";
        }
        return prefix + where + Markdown.escape(e.detail());
    }

    /** " at commit `1a2b3c4d5e6f` (`main`)", or nothing outside a git repository. */
    private static String commit(Provenance provenance) {
        if (!provenance.known()) {
            return "";
        }
        String shortId = provenance.commit().substring(0, Math.min(12, provenance.commit().length()));
        String text = Markdown.code(shortId);
        if (provenance.commitUrl() != null) {
            text = "[" + text + "](" + Markdown.url(provenance.commitUrl()) + ")";
        }
        return " at commit " + text + (provenance.ref() == null ? "" : " (" + Markdown.code(provenance.ref()) + ")");
    }

    private static void gate(List<String> out, Assessment a) {
        GateResult gate = a.gate();
        if (gate == null) {
            return;
        }
        List<String> asked = new ArrayList<>();
        if (gate.minLevel() != null) {
            asked.add("`--min-level " + gate.minLevel() + "`");
        }
        if (gate.baseline() != null) {
            asked.add("`--baseline` (level " + gate.baseline().level() + ")");
        }
        out.add("");
        out.add((gate.passed() ? "✅ Gate passed" : "❌ Gate failed") + " at level " + gate.judgedLevel() + ": "
                + String.join(", ", asked) + ".");
        gate.failures().forEach(f -> out.add("- " + Markdown.escape(f)));
        if (!gate.gains().isEmpty()) {
            out.add("- Newly met: " + Markdown.escape(String.join(", ", gate.gains())));
        }
    }

    /** Waivers are the repository's own claims: every report shows them with their reasons. */
    private static void config(List<String> out, Assessment a) {
        ConfigStatus config = a.config();
        if (!config.present() || (config.waivers().isEmpty() && config.declaredFocus() == null && config.rubrics().isEmpty())) {
            return;
        }
        out.add("");
        out.add("**Repository configuration** (" + Markdown.code(config.file()) + ")"
                + (config.declaredFocus() == null ? "" : ": declared focus " + Markdown.escape(config.declaredFocus())));
        for (ConfigStatus.Waived w : config.waivers()) {
            out.add("- waived " + Markdown.code(w.criterion()) + " (line " + w.line() + "): " + Markdown.escape(w.reason()));
        }
        for (String rubric : config.rubrics()) {
            out.add("- extra rubric " + Markdown.code(rubric));
        }
        if (config.levelWithoutConfig() != a.level()) {
            out.add("- without it the level would be " + config.levelWithoutConfig() + "; a CI gate judges the lower of the two");
        }
    }

    private static void notes(List<String> out, Assessment a) {
        List<String> notes = new ArrayList<>();
        if (a.facts().git().note() != null) {
            notes.add("git: " + a.facts().git().note());
        }
        if (a.scaffold().problem() != null) {
            notes.add(a.scaffold().problem());
        }
        notes.addAll(a.facts().warnings());
        notes.addAll(a.config().warnings());
        if (notes.isEmpty()) {
            return;
        }
        out.add("");
        out.add("<details><summary>Notes (" + notes.size() + ")</summary>");
        out.add("");
        notes.forEach(n -> out.add("- " + Markdown.escape(n)));
        out.add("");
        out.add("</details>");
    }
}
