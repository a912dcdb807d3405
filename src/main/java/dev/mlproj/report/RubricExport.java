package dev.mlproj.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlproj.rubric.Criterion;
import dev.mlproj.rubric.Rubric;

import java.util.ArrayList;
import java.util.List;

/**
 * A rubric's criteria for people who grade in spreadsheets: every criterion with its reasons, as CSV or
 * as a JSON array with the same keys. Level criteria come first, level by level, then the walkthrough ones.
 */
public final class RubricExport {

    /** The column names, which are also the rubric file's own keys. */
    public static final List<String> KEYS = List.of("id", "level", "focus", "weight", "title", "why", "source",
            "detection", "fix", "scaffold");
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private RubricExport() {
    }

    public static String csv(Rubric rubric) {
        List<List<Object>> rows = new ArrayList<>();
        for (Criterion c : ordered(rubric)) {
            List<Object> row = new ArrayList<>();
            row.add(c.id());
            row.add(c.isWalkthrough() ? "" : c.level());
            row.add(c.focus());
            row.add(c.weight());
            row.add(c.title());
            row.add(c.why());
            row.add(c.source());
            row.add(c.detection());
            row.add(c.fix());
            row.add(c.scaffold() == null ? "" : c.scaffold());
            rows.add(row);
        }
        return Csv.write(KEYS, rows);
    }

    public static String json(Rubric rubric) {
        ArrayNode array = MAPPER.createArrayNode();
        for (Criterion c : ordered(rubric)) {
            ObjectNode o = array.addObject();
            o.put("id", c.id());
            if (c.isWalkthrough()) {
                o.putNull("level");
            } else {
                o.put("level", c.level());
            }
            o.put("focus", c.focus());
            o.put("weight", c.weight());
            o.put("title", c.title());
            o.put("why", c.why());
            o.put("source", c.source());
            o.put("detection", c.detection());
            o.put("fix", c.fix());
            o.put("scaffold", c.scaffold());
        }
        try {
            return MAPPER.writeValueAsString(array) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("JSON rendering failed", e);
        }
    }

    /** Stable sort: within a level, the rubric's own order. */
    private static List<Criterion> ordered(Rubric rubric) {
        List<Criterion> out = new ArrayList<>(rubric.criteria().stream().filter(c -> !c.isWalkthrough())
                .sorted(java.util.Comparator.comparingInt(Criterion::level)).toList());
        rubric.criteria().stream().filter(Criterion::isWalkthrough).forEach(out::add);
        return out;
    }
}
