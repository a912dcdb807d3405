package dev.mlproj.batch;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Markdown leaderboard of a batch: a summary (how many at each level, how many errors), the
 * ranking (level, then work of the repository's own before untouched scaffolding, then progress towards
 * the next level, ties by name) and the errors. A repository holding generated files nobody has touched
 * is marked as such: its level may rest on mlproj's templates rather than on its author's work. It
 * renders results only, so a merged run's leaderboard is the unsharded run's.
 */
public final class Leaderboard {

    /**
     * Higher level first; at one level, repositories without untouched generated files before those with
     * them; then further along towards the next level, then by name.
     */
    static final Comparator<BatchResult> RANKING = Comparator
            .comparing((BatchResult r) -> r.level(), Comparator.reverseOrder())
            .thenComparing(Leaderboard::untouchedScaffold)
            .thenComparing(BatchResult::nextProgress, Comparator.reverseOrder())
            .thenComparing(BatchResult::name);

    /** Whether the repository still holds generated files nobody has changed (scaffold provenance). */
    static boolean untouchedScaffold(BatchResult r) {
        return r.untouched() != null && r.untouched() > 0;
    }
    private static final int NEXT_IN_TABLE = 3;

    private Leaderboard() {
    }

    public static String render(List<BatchResult> results) {
        List<BatchResult> assessed = results.stream().filter(r -> !r.failed()).sorted(RANKING).toList();
        List<BatchResult> errors = results.stream().filter(BatchResult::failed).toList();
        StringBuilder md = new StringBuilder("# mlproj batch leaderboard\n\n");
        md.append(results.size()).append(results.size() == 1 ? " repository: " : " repositories: ")
                .append(assessed.size()).append(" assessed, ")
                .append(errors.size()).append(errors.size() == 1 ? " error.\n\n" : " errors.\n\n");
        summary(md, assessed, errors.size());
        if (!assessed.isEmpty()) {
            ranking(md, assessed);
        }
        if (!errors.isEmpty()) {
            md.append("\n## Errors\n\n| name | url | rev | reason |\n| --- | --- | --- | --- |\n");
            for (BatchResult r : errors) {
                md.append("| ").append(cell(r.name())).append(" | ").append(cell(r.url())).append(" | ")
                        .append(cell(r.rev())).append(" | ").append(cell(r.error())).append(" |\n");
            }
        }
        return md.toString();
    }

    private static void summary(StringBuilder md, List<BatchResult> assessed, int errors) {
        Map<Integer, Integer> counts = new TreeMap<>(Comparator.reverseOrder());
        Map<Integer, String> names = new TreeMap<>();
        for (BatchResult r : assessed) {
            counts.merge(r.level(), 1, Integer::sum);
            names.putIfAbsent(r.level(), r.levelName());
        }
        md.append("| level | repositories |\n| --- | ---: |\n");
        counts.forEach((level, count) -> md.append("| ").append(level).append(' ').append(cell(names.get(level)))
                .append(" | ").append(count).append(" |\n"));
        if (errors > 0) {
            md.append("| error | ").append(errors).append(" |\n");
        }
    }

    private static void ranking(StringBuilder md, List<BatchResult> assessed) {
        md.append("\n## Ranking\n\n")
                .append("| rank | name | level | towards next | focus | next missing | untouched scaffold |\n")
                .append("| ---: | --- | ---: | ---: | --- | --- | ---: |\n");
        int rank = 0;
        BatchResult previous = null;
        for (int i = 0; i < assessed.size(); i++) {
            BatchResult r = assessed.get(i);
            // Competition ranking: rows level on every key share a rank (1, 2, 2, 4).
            if (previous == null || !r.level().equals(previous.level()) || r.nextProgress() != previous.nextProgress()
                    || untouchedScaffold(r) != untouchedScaffold(previous)) {
                rank = i + 1;
            }
            previous = r;
            String towards = r.level() >= BatchResult.LEVELS ? "top" : percent(r.nextProgress()) + " of L" + (r.level() + 1);
            List<String> next = r.next().subList(0, Math.min(NEXT_IN_TABLE, r.next().size()));
            md.append("| ").append(rank).append(" | ").append(cell(r.name())).append(" | ").append(r.level())
                    .append(" | ").append(towards).append(" | ").append(cell(r.focus().isEmpty() ? "-" : r.focus()))
                    .append(" | ").append(cell(next.isEmpty() ? "-" : String.join(", ", next)))
                    .append(" | ").append(untouchedScaffold(r) ? "⚠️ " + r.untouched() : String.valueOf(r.untouched())).append(" |\n");
        }
        long marked = assessed.stream().filter(Leaderboard::untouchedScaffold).count();
        if (marked > 0) {
            md.append("\n⚠️ ").append(marked).append(marked == 1 ? " repository holds" : " repositories hold")
                    .append(" generated files nobody has changed since `mlproj new` or `mlproj next` wrote them")
                    .append(" (untouched scaffold): each ranks after the repositories of its level without any.")
                    .append(" Without `--min-level` those files count towards the level; with it (`--min-level 0`")
                    .append(" judges without gating) they earn nothing.\n");
        }
    }

    private static String percent(double fraction) {
        return Math.round(fraction * 100) + "%";
    }

    /**
     * Table cells cannot hold a pipe or a line break; other control characters are made visible, and a
     * mention ({@code @org/team} in a repository's name or error) is broken so it notifies nobody.
     */
    static String cell(String text) {
        return text == null ? "" : dev.mlproj.report.Controls.visible(text.replace("\\", "\\\\").replace("|", "\\|")
                .replaceAll("[\\r\\n]+", " ")).replace("@", "@\u2060");
    }
}
