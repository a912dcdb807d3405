package dev.mlproj.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlproj.assess.History;
import dev.mlproj.assess.HistoryPoint;
import dev.mlproj.assess.LevelProgress;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HistoryReportTest {

    private static final Instant T0 = Instant.parse("2025-01-06T10:00:00Z");

    /** A point at level {@code level} with {@code next} of the next level met, on day {@code day}. */
    private static HistoryPoint point(int day, int level, double next, String name) {
        List<LevelProgress> progress = new ArrayList<>();
        for (int l = 1; l <= 5; l++) {
            double f = l <= level ? 1.0 : l == level + 1 ? next : 0.0;
            progress.add(new LevelProgress(l, "Level " + l, f, 0.5, f >= 0.5, true, 0, 0, 0, 0, 0));
        }
        String id = String.format("%040x", day + 1);
        return new HistoryPoint(id, T0.plusSeconds(day * 86_400L), level, name, false, progress,
                Math.min(level + 1, 5), level == 5 ? 1.0 : next, 10 + day, day + 1, false);
    }

    private static History history(List<HistoryPoint> points, boolean partial) {
        return new History("repo", "test-rubric", 5, points.size() + 3, "all", partial, points);
    }

    private static final List<HistoryPoint> RISING = List.of(point(0, 1, 0.25, "One"), point(7, 1, 0.5, "One"),
            point(14, 2, 0.0, "Two, structured"), point(21, 1, 0.75, "One"), point(28, 5, 1.0, "Five"));

    @Test
    void textShowsATableAndSparklines() {
        String text = HistoryReport.text(history(RISING, false), new Style(false), true, List.of("a note"));

        assertThat(text).startsWith("Level 1 -> 5 over 5 commits, 2025-01-06 to 2025-02-03\n")
                .contains("5 of 8 first-parent commits (all)")
                .contains("date        commit   level     L1    L2    L3    L4    L5\n")
                .contains("2025-01-06  0000000  1       100%   25%    0%    0%    0%\n")
                .contains("2025-01-20  0000000  2 +1    100%  100%    0%    0%    0%\n")
                .contains("2025-01-27  0000000  1 -1    100%   75%    0%    0%    0%\n")
                .contains("2025-02-03  0000000  5 +4    100%  100%  100%  100%  100%\n")
                .contains("level  \u2582\u2582\u2584\u2582\u2588  levels 0-5\n")
                .contains("next   \u2583\u2585\u2581\u2586\u2588  progress towards the next level\n")
                .contains("- a note")
                .doesNotContain("shallow");
    }

    @Test
    void withoutUnicodeTheSparklinesAreAscii() {
        String text = HistoryReport.text(history(RISING, true), new Style(false), false, List.of());

        assertThat(text).contains("level  11215  levels 0-5\n").contains("next   :=_+#  progress towards the next level\n")
                .contains("shallow clone, so the history is partial");
        assertThat(text.chars().allMatch(c -> c < 128)).isTrue();
    }

    @Test
    void colourMarksChangesWithoutShiftingColumns() {
        String plain = HistoryReport.text(history(RISING, false), new Style(false), true, List.of());
        String coloured = HistoryReport.text(history(RISING, false), new Style(true), true, List.of());

        assertThat(coloured).contains("\u001b[32m+1\u001b[0m").contains("\u001b[31m-1\u001b[0m");
        assertThat(coloured.replaceAll("\u001b\\[[0-9;]*m", "")).isEqualTo(plain);
    }

    @Test
    void longHistoriesWrapTheirSparklines() {
        List<HistoryPoint> many = new ArrayList<>();
        for (int i = 0; i < 70; i++) {
            many.add(point(i, 1 + i % 3, 0.5, "x"));
        }
        String text = HistoryReport.text(history(many, false), new Style(false), true, List.of());

        List<String> level = text.lines().filter(l -> l.startsWith("level  ") || l.startsWith("       ")).toList();
        assertThat(level.get(0)).hasSize(7 + 64);
        assertThat(level.get(1)).startsWith("       ").endsWith("  levels 0-5").hasSize(7 + 6 + "  levels 0-5".length());
        assertThat(text.lines().allMatch(l -> l.length() <= 80)).isTrue();
    }

    @Test
    void csvQuotesWhatNeedsQuotingAndJsonIsAListOfPoints() throws Exception {
        History h = history(RISING, false);

        List<CSVRecord> rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build()
                .parse(new StringReader(HistoryReport.csv(h))).getRecords();
        assertThat(rows).hasSize(5);
        assertThat(rows.get(2).get("level_name")).isEqualTo("Two, structured");
        assertThat(rows.get(0).get("progress_2")).isEqualTo("0.25");
        assertThat(HistoryReport.csv(h)).contains("\"Two, structured\"");

        JsonNode json = new ObjectMapper().readTree(HistoryReport.json(h));
        assertThat(json.isArray()).isTrue();
        assertThat(json.get(0).get("commit").asText()).hasSize(40);
        assertThat(json.get(0).get("date").asText()).isEqualTo("2025-01-06T10:00:00Z");
        assertThat(json.get(0).get("progress").get("2").asDouble()).isEqualTo(0.25);
        assertThat(json.get(4).get("nextProgress").asDouble()).isEqualTo(1.0);
        assertThat(HistoryReport.headline(history(List.of(point(0, 2, 0.1, "Two")), false))).isEqualTo("Level 2 at 2025-01-06");
        assertThat(HistoryReport.headline(history(List.of(point(0, 2, 0.1, "Two"), point(9, 2, 0.3, "Two")), false)))
                .isEqualTo("Level 2 throughout 2 commits, 2025-01-06 to 2025-01-15");
    }
}
