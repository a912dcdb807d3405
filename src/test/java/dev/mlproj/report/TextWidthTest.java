package dev.mlproj.report;

import dev.mlproj.assess.Assessment;
import dev.mlproj.assess.CriterionResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The text report fits the terminal it is printed on, and never cuts a criterion's title mid-word. */
class TextWidthTest {

    @TempDir
    static Path dir;

    static Assessment a;

    @BeforeAll
    static void assess() {
        a = GoldenFixture.assessment(dir.resolve("churn"));
    }

    @Test
    void everyLineFitsTheWidthAndTitlesAreWhole() {
        for (int width : new int[] {60, 72, 80, 120}) {
            String text = new TextReport(new Style(false), true, width).render(a, "churn");
            List<String> lines = text.lines().toList();
            // A line may only overflow when it is one unbreakable word (a long path, say).
            lines.stream().filter(l -> l.length() > width)
                    .forEach(l -> assertThat(l.strip()).as("width %d: %s", width, l).doesNotContain(" "));
            String joined = String.join(" ", lines).replaceAll("\\s+", " ");
            for (CriterionResult r : Labels.allResults(a)) {
                if (r.criterion().level() > a.nextLevel()) {
                    continue; // the text report lists the levels up to the next one
                }
                assertThat(joined).as("width %d", width).contains(r.criterion().title());
            }
            assertThat(text).doesNotContain("(s)");
        }
        // Narrower terminals get the 60-column layout: the progress table's bars need it.
        assertThat(new TextReport(new Style(false), false, 30).render(a, "churn"))
                .isEqualTo(new TextReport(new Style(false), false, 60).render(a, "churn"));
        assertThat(new TextReport(new Style(false), false).render(a, "churn"))
                .isEqualTo(new TextReport(new Style(false), false, 80).render(a, "churn"));
    }

    @Test
    void wordsAndClipsBreakBetweenWords() {
        assertThat(TextReport.words("Feature distribution shifts monitored", 20)).containsExactly("Feature distribution", "shifts monitored");
        assertThat(TextReport.words("averyveryverylongword x", 5)).containsExactly("averyveryverylongword", "x");
        assertThat(TextReport.clip("df = pd.read_csv(path) and more words here", 30)).isEqualTo("df = pd.read_csv(path) and...");
        assertThat(Labels.article("Architecture-focused engineer")).isEqualTo("an");
        assertThat(Labels.article("Data-focused engineer")).isEqualTo("a");
        assertThat(Labels.count(1, "file", "files")).isEqualTo("1 file");
        assertThat(Labels.count(2, "file", "files")).isEqualTo("2 files");
    }
}
