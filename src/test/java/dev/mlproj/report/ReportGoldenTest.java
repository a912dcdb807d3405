package dev.mlproj.report;

import dev.mlproj.assess.Assessment;
import dev.mlproj.assess.CriterionResult;
import dev.mlproj.assess.Outcome;
import dev.mlproj.testing.Assess;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Every report format against its golden file, built from the golden fixture on a fixed clock. */
class ReportGoldenTest {

    @TempDir
    static Path dir;

    static Assessment assessment;

    @BeforeAll
    static void assess() {
        assessment = GoldenFixture.assessment(dir.resolve("churn"));
    }

    @Test
    void theFixtureHasEveryOutcome() {
        Map<String, Outcome> outcomes = java.util.stream.Stream.concat(assessment.results().stream(), assessment.walkthrough().stream())
                .collect(Collectors.toMap(r -> r.criterion().id(), CriterionResult::outcome));
        assertThat(assessment.level()).isEqualTo(1);
        assertThat(outcomes).containsEntry("G1-loads-data", Outcome.MET)
                .containsEntry("G1-plots", Outcome.UNMET)
                .containsEntry("G2-tests", Outcome.UNMET)
                .containsEntry("G2-ci", Outcome.ERROR)
                .containsEntry("G2-history", Outcome.MET)
                .containsEntry("G2-gpu", Outcome.NOT_APPLICABLE)
                .containsEntry("W-readme-problem", Outcome.MET);
        assertThat(Assess.result(assessment, "G2-tests").notCounted()).isNotEmpty();
        assertThat(Assess.result(assessment, "G3-docker").notCounted().get(0).path()).isEqualTo("Dockerfile");
    }

    @Test
    void markdown() throws Exception {
        GoldenFixture.assertGolden("assessment.md", new MarkdownReport(false).render(assessment, GoldenFixture.context(null)));
    }

    @Test
    void sarif() throws Exception {
        GoldenFixture.assertGolden("assessment.sarif", new SarifReport().render(GoldenFixture.gated(assessment, 2), GoldenFixture.context(2)));
    }

    @Test
    void junit() throws Exception {
        GoldenFixture.assertGolden("assessment.junit.xml", new JUnitReport().render(assessment, GoldenFixture.context(null)));
    }

    @Test
    void csv() throws Exception {
        GoldenFixture.assertGolden("assessment.csv", new CsvReport().render(assessment, GoldenFixture.context(null)));
    }

    @Test
    void badge() throws Exception {
        GoldenFixture.assertGolden("badge.svg", new BadgeReport().render(assessment, GoldenFixture.context(null)));
    }

    @Test
    void rubricExport() throws Exception {
        GoldenFixture.assertGolden("rubric.csv", RubricExport.csv(GoldenFixture.rubric()));
        GoldenFixture.assertGolden("rubric.json", RubricExport.json(GoldenFixture.rubric()));
    }
}
