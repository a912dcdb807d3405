package dev.mlproj.report;

import dev.mlproj.assess.Assessment;
import dev.mlproj.assess.CriterionResult;
import dev.mlproj.assess.LevelProgress;
import dev.mlproj.rubric.Criterion;
import dev.mlproj.scan.Evidence;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * JUnit XML for CI test reports (valid against Jenkins' junit-10.xsd, read by GitLab): a test suite
 * per level (and one for the walkthrough section), a test case per criterion. A case fails only when its
 * criterion is a reason the gate failed, so a passing gate (or a run without one) reports no failure;
 * every other unmet criterion is skipped with what it would take.
 */
public final class JUnitReport implements Renderer {

    /** What one criterion becomes: a pass, or a failure, error or skip with its message and body. */
    record Case(String element, String message, String body) {
        static final Case PASS = new Case(null, null, null);
    }

    @Override
    public String render(Assessment a, ReportContext context) {
        Xml root = Xml.element("testsuites").attr("name", "mlproj: Level " + a.level() + ", " + Labels.levelName(a)
                + " (" + context.path() + ")");
        List<Xml> suites = new ArrayList<>();
        int[] totals = new int[4];
        for (LevelProgress p : a.progress()) {
            int level = p.level();
            List<CriterionResult> results = a.results().stream().filter(r -> r.criterion().level() == level).toList();
            Xml suite = Xml.element("testsuite").attr("name", "Level " + level + ": " + p.name());
            Xml props = properties(suite, a, context);
            props.child("property").attr("name", "progress").attr("value", String.format(Locale.ROOT,
                    "%d%% (%d%% needed, %s)", Labels.percent(p.fraction()), Labels.percent(p.threshold()),
                    p.passed() ? "passed" : "not passed"));
            suites.add(fill(suite, "mlproj.level" + level, results, a, context, totals));
        }
        Xml walkthrough = Xml.element("testsuite").attr("name", "Walkthrough readiness");
        properties(walkthrough, a, context).child("property").attr("name", "score")
                .attr("value", Labels.percent(a.walkthroughScore()) + "% (does not move the level)");
        suites.add(fill(walkthrough, "mlproj.walkthrough", a.walkthrough(), a, context, totals));

        // junit-10.xsd allows no "skipped" on <testsuites>: the suites carry it.
        root.attr("tests", totals[0]).attr("failures", totals[1]).attr("errors", totals[2]);
        suites.forEach(root::adopt);
        return root.document();
    }

    /**
     * The assessed level and the gate, repeated in every suite: {@code <testsuites>} has no properties in
     * the schemas CI tools read.
     */
    private static Xml properties(Xml suite, Assessment a, ReportContext context) {
        Xml props = suite.child("properties");
        props.child("property").attr("name", "assessedLevel").attr("value", a.level() + " (" + Labels.levelName(a) + ")");
        Provenance provenance = context.provenance();
        if (provenance.known()) {
            props.child("property").attr("name", "commit").attr("value", provenance.commit());
            if (provenance.ref() != null) {
                props.child("property").attr("name", "ref").attr("value", provenance.ref());
            }
        }
        if (a.gate() != null) {
            props.child("property").attr("name", "gate").attr("value", (a.gate().passed() ? "passed" : "failed")
                    + " at level " + a.gate().judgedLevel() + (a.gate().passed() ? "" : ": " + String.join("; ", a.gate().failures())));
        }
        return props;
    }

    private static Xml fill(Xml suite, String classname, List<CriterionResult> results, Assessment a, ReportContext context,
                            int[] totals) {
        int[] counts = new int[4];
        List<Xml> cases = new ArrayList<>();
        for (CriterionResult r : results) {
            Criterion c = r.criterion();
            Xml testcase = Xml.element("testcase").attr("classname", classname).attr("name", c.id() + " " + c.title());
            Case outcome = judge(r, context.blocksGate(a, r), a.gate() != null);
            counts[0]++;
            if (outcome.element() != null) {
                testcase.child(outcome.element()).attr("message", outcome.message()).text(outcome.body());
                counts[switch (outcome.element()) {
                    case "failure" -> 1;
                    case "error" -> 2;
                    default -> 3;
                }]++;
            }
            String out = evidence(r);
            if (!out.isEmpty()) {
                testcase.child("system-out").text(out);
            }
            cases.add(testcase);
        }
        suite.attr("tests", counts[0]).attr("failures", counts[1]).attr("errors", counts[2]).attr("skipped", counts[3]);
        cases.forEach(suite::adopt);
        for (int i = 0; i < 4; i++) {
            totals[i] += counts[i];
        }
        return suite;
    }

    /**
     * @param blocks whether the criterion is a reason the gate failed
     * @param gated  whether a gate was asked for
     */
    static Case judge(CriterionResult r, boolean blocks, boolean gated) {
        Criterion c = r.criterion();
        return switch (r.outcome()) {
            case MET -> Case.PASS;
            case NOT_APPLICABLE -> new Case("skipped", "not applicable", null);
            case ERROR -> blocks ? new Case("error", "could not be decided: a file could not be read", null)
                    : new Case("skipped", "could not be decided: a file could not be read", null);
            case UNMET -> blocks
                    ? new Case("failure", "unmet: " + c.title(), "How to satisfy it: " + c.fix())
                    : new Case("skipped", "unmet" + (c.isWalkthrough() ? "; walkthrough advice does not move the level"
                            : gated ? "; not a reason the gate failed" : "; no gate (--min-level, --baseline) was asked for")
                            + ". How to satisfy it: " + c.fix(), null);
            case WAIVED -> new Case("skipped", Labels.firstEvidence(r).map(Evidence::detail).orElse("waived"), null);
            default -> new Case("skipped", r.outcome().label(), null);
        };
    }

    /** Evidence and near misses, one per line, for the test case's output. */
    private static String evidence(CriterionResult r) {
        List<String> lines = new ArrayList<>();
        for (Evidence e : r.evidence()) {
            lines.add(Labels.evidenceLine(e));
        }
        for (Evidence e : r.notCounted()) {
            lines.add("not counted: " + Labels.evidenceLine(e));
        }
        return String.join("\n", lines);
    }
}
