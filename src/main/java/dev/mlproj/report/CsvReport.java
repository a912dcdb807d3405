package dev.mlproj.report;

import dev.mlproj.assess.Assessment;
import dev.mlproj.assess.CriterionResult;
import dev.mlproj.rubric.Criterion;

import java.util.ArrayList;
import java.util.List;

/** One row per criterion, for spreadsheets: what was judged, the outcome, the evidence and the fix. */
public final class CsvReport implements Renderer {

    public static final List<String> HEADER = List.of("id", "title", "level", "focus", "weight", "outcome", "evidence", "fix");

    @Override
    public String render(Assessment a, ReportContext context) {
        List<List<Object>> rows = new ArrayList<>();
        for (CriterionResult r : Labels.allResults(a)) {
            Criterion c = r.criterion();
            String evidence = Labels.firstEvidence(r)
                    .map(e -> (r.evidence().contains(e) ? "" : "not counted: ") + Labels.evidenceLine(e)).orElse("");
            rows.add(List.of(c.id(), c.title(), c.isWalkthrough() ? "" : c.level(), c.focus(), c.weight(),
                    Labels.token(r.outcome()), evidence, r.isMet() ? "" : c.fix()));
        }
        return Csv.write(HEADER, rows);
    }
}
