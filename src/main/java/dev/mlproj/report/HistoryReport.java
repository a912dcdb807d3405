package dev.mlproj.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlproj.assess.History;
import dev.mlproj.assess.HistoryPoint;
import dev.mlproj.assess.LevelProgress;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** `mlproj history` rendered: a table with sparklines for people, CSV for spreadsheets, JSON for tools. */
public final class HistoryReport {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT).withZone(ZoneOffset.UTC);
    /** Eighths of a block, lowest first: the usual sparkline. */
    private static final String BLOCKS = "\u2581\u2582\u2583\u2584\u2585\u2586\u2587\u2588";
    /** For output that cannot carry the blocks: digits for levels, a density ramp for fractions. */
    private static final String ASCII_RAMP = "_.:-=+*#";
    private static final int SPARK_WIDTH = 64;

    private HistoryReport() {
    }

    /** The one-line summary, also what --quiet prints. */
    public static String headline(History h) {
        List<HistoryPoint> points = h.points();
        HistoryPoint first = points.get(0);
        HistoryPoint last = points.get(points.size() - 1);
        if (points.size() == 1) {
            return "Level " + last.level() + " at " + DAY.format(last.date());
        }
        String levels = first.level() == last.level() ? "Level " + last.level() + " throughout "
                : "Level " + first.level() + " -> " + last.level() + " over ";
        return levels + points.size() + " commits, " + DAY.format(first.date()) + " to " + DAY.format(last.date());
    }

    /**
     * @param unicode whether the output can carry block characters (else the sparklines use ASCII)
     * @param notes   extra lines for the end (cache figures with --verbose, say)
     */
    public static String text(History h, Style style, boolean unicode, List<String> notes) {
        List<String> out = new ArrayList<>();
        out.add(style.bold(headline(h)));
        out.add("history of " + h.path() + " with rubric " + h.rubric() + ": " + h.points().size() + " of "
                + h.totalCommits() + " first-parent commits (" + h.sampling() + ")");
        out.add("");
        List<LevelProgress> levels = h.points().get(0).progress();
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-10s  %-7s  %-6s", "date", "commit", "level"));
        for (LevelProgress p : levels) {
            header.append(String.format(Locale.ROOT, "  %4s", "L" + p.level()));
        }
        out.add(style.bold(header.toString()));
        HistoryPoint before = null;
        for (HistoryPoint point : h.points()) {
            String change = "";
            if (before != null && point.level() != before.level()) {
                int delta = point.level() - before.level();
                change = delta > 0 ? style.green("+" + delta) : style.red(String.valueOf(delta));
            }
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-10s  %-7s  %-2d", DAY.format(point.date()),
                    point.shortCommit(), point.level()));
            row.append(change).append(" ".repeat(Math.max(0, 4 - visibleLength(change))));
            for (LevelProgress p : point.progress()) {
                row.append(String.format(Locale.ROOT, "  %3d%%", TextReport.percent(p.fraction())));
            }
            out.add(row.toString());
            before = point;
        }
        out.add("");
        int top = Math.max(1, h.maxLevel());
        sparkline(out, "level", h.points().stream().map(p -> (double) p.level() / top).toList(),
                unicode ? null : h.points().stream().map(p -> Character.forDigit(Math.min(p.level(), 9), 10)).toList(),
                unicode, "levels 0-" + top);
        sparkline(out, "next", h.points().stream().map(HistoryPoint::nextProgress).toList(), null, unicode,
                "progress towards the next level");
        if (h.partial()) {
            out.add("");
            out.add("Note: shallow clone, so the history is partial: it starts at the oldest commit fetched.");
        }
        if (!notes.isEmpty()) {
            out.add("");
            notes.forEach(n -> out.add("- " + Controls.visible(n)));
        }
        return String.join("\n", out) + "\n";
    }

    private static int visibleLength(String s) {
        return s.replaceAll("\u001b\\[[0-9;]*m", "").length();
    }

    /** One character per point, wrapped at 64, labelled on the first line. */
    private static void sparkline(List<String> out, String label, List<Double> values, List<Character> ascii,
                                  boolean unicode, String legend) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            if (ascii != null) {
                line.append(ascii.get(i));
            } else {
                String ramp = unicode ? BLOCKS : ASCII_RAMP;
                double v = Math.max(0, Math.min(1, values.get(i)));
                line.append(ramp.charAt((int) Math.round(v * (ramp.length() - 1))));
            }
        }
        String chars = line.toString();
        for (int start = 0; start < chars.length(); start += SPARK_WIDTH) {
            String chunk = chars.substring(start, Math.min(chars.length(), start + SPARK_WIDTH));
            String prefix = start == 0 ? String.format(Locale.ROOT, "%-6s ", label) : " ".repeat(7);
            out.add(prefix + chunk + (start + SPARK_WIDTH >= chars.length() ? "  " + legend : ""));
        }
    }

    public static String csv(History h) {
        List<String> header = new ArrayList<>(List.of("commit", "date", "level", "level_name", "research_track"));
        List<LevelProgress> levels = h.points().get(0).progress();
        for (LevelProgress p : levels) {
            header.add("progress_" + p.level());
        }
        header.addAll(List.of("next_level", "next_progress", "files", "commits", "partial"));
        StringWriter out = new StringWriter();
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new)).build())) {
            for (HistoryPoint point : h.points()) {
                List<Object> row = new ArrayList<>(List.of(point.commit(), point.date().toString(), point.level(),
                        point.levelName(), point.researchTrack()));
                for (LevelProgress p : point.progress()) {
                    row.add(round(p.fraction()));
                }
                row.addAll(List.of(point.nextLevel(), round(point.nextProgress()), point.files(), point.commits(), point.partial()));
                csv.printRecord(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    /** A list of points (docs/json-schema.md, "history"), oldest first. */
    public static String json(History h) {
        ArrayNode points = MAPPER.createArrayNode();
        for (HistoryPoint point : h.points()) {
            ObjectNode o = points.addObject();
            o.put("commit", point.commit());
            o.put("date", point.date().toString());
            o.put("level", point.level());
            o.put("levelName", point.levelName());
            o.put("researchTrack", point.researchTrack());
            ObjectNode progress = o.putObject("progress");
            for (LevelProgress p : point.progress()) {
                progress.put(String.valueOf(p.level()), round(p.fraction()));
            }
            o.put("nextLevel", point.nextLevel());
            o.put("nextProgress", round(point.nextProgress()));
            o.put("files", point.files());
            o.put("commits", point.commits());
            o.put("partial", point.partial());
        }
        try {
            return MAPPER.writeValueAsString(points) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("JSON rendering failed", e);
        }
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
