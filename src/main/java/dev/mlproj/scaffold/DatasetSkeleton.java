package dev.mlproj.scaffold;

import dev.mlproj.config.ConfigException;
import dev.mlproj.scaffold.DatasetProfile.Column;
import dev.mlproj.scaffold.DatasetProfile.Kind;
import dev.mlproj.scaffold.DatasetProfile.Role;
import dev.mlproj.scaffold.DatasetProfile.Task;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The project {@code mlproj new --data FILE.csv --target COLUMN} generates: the {@code dataset/} template
 * trees rendered with the dataset's profile as template data (lists of columns with type flags), plus,
 * at levels 3 and 4, the serving and platform layers, and the dataset itself under data/raw.
 */
public final class DatasetSkeleton {

    /** Levels a dataset project can be generated at. */
    public static final int MIN_LEVEL = 2;
    public static final int MAX_LEVEL = 4;

    private static final Pattern SAFE_FILE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,100}\\.csv");

    private final TemplateLibrary library;

    public DatasetSkeleton(TemplateLibrary library) {
        this.library = library;
    }

    /** Template trees (whole) for a level, in layering order. */
    static List<String> trees(int level) {
        List<String> trees = new ArrayList<>(List.of("shared/project"));
        if (level >= 3) {
            trees.add("shared/service");
        }
        trees.add("dataset/base");
        if (level >= 3) {
            trees.add("dataset/service");
        }
        if (level >= 4) {
            trees.add("dataset/platform");
        }
        return trees;
    }

    /** Single files borrowed from the level templates: they depend on nothing else of their skeleton. */
    static List<String> borrowed(int level) {
        List<String> files = new ArrayList<>();
        if (level >= 3) {
            files.add("level3/base/{{packageDir}}/tracking.py");
        }
        if (level >= 4) {
            for (String k8s : List.of("namespace", "api-service", "api-hpa", "api-pdb", "models-pvc")) {
                files.add("level4/base/k8s/" + k8s + ".yaml.mustache");
            }
            files.addAll(List.of("level4/base/infra/terraform/versions.tf", "level4/base/infra/terraform/main.tf",
                    "level4/base/infra/terraform/variables.tf.mustache", "level4/base/infra/terraform/outputs.tf.mustache"));
        }
        return files;
    }

    /** The name the dataset gets under data/raw. */
    public static String dataFileName(DatasetProfile profile) {
        String name = profile.file().getFileName().toString();
        return SAFE_FILE.matcher(name).matches() ? name : "dataset.csv";
    }

    /** Every file of the project, the dataset (when copied) last. */
    public List<PlannedFile> plan(int level, Map<String, Object> baseVariables, DatasetProfile profile) throws ConfigException {
        if (level < MIN_LEVEL || level > MAX_LEVEL) {
            throw new ConfigException("--data generates levels " + MIN_LEVEL + " to " + MAX_LEVEL + ", not " + level);
        }
        Map<String, Object> variables = new LinkedHashMap<>(baseVariables);
        variables.putAll(variables(profile, level));
        TemplateRenderer renderer = new TemplateRenderer(variables);
        SkeletonPlanner planner = new SkeletonPlanner(library);
        Map<String, TemplateLibrary.TemplateFile> layout = new LinkedHashMap<>();
        for (String tree : trees(level)) {
            for (TemplateLibrary.TemplateFile file : library.files(tree)) {
                layout.put(SkeletonPlanner.outputPath(file, renderer), file);
            }
        }
        for (String source : borrowed(level)) {
            TemplateLibrary.TemplateFile file = library.file(source);
            layout.put(SkeletonPlanner.outputPath(file, renderer), file);
        }
        List<PlannedFile> planned = new ArrayList<>();
        for (var e : layout.entrySet()) {
            planned.add(planner.render(e.getKey(), e.getValue(), renderer, List.of()));
        }
        return planned;
    }

    /** The dataset as a file of the project, or null when it is too large to copy (it is referenced instead). */
    public static PlannedFile dataFile(DatasetProfile profile) throws IOException {
        if (profile.sampledOnly()) {
            return null;
        }
        return new PlannedFile("data/raw/" + dataFileName(profile), Files.readAllBytes(profile.file()), "--data", List.of());
    }

    /** The template data: the dataset's columns with type flags, the task, the paths. */
    static Map<String, Object> variables(DatasetProfile profile, int level) {
        Map<String, Object> v = new LinkedHashMap<>();
        String dataName = dataFileName(profile);
        String dataPath = profile.sampledOnly() ? profile.file().toAbsolutePath().normalize().toString() : "data/raw/" + dataName;
        v.put("dataName", profile.file().getFileName().toString());
        v.put("dataPathDoc", dataPath);
        v.put("dataPathYaml", yamlString(dataPath));
        v.put("dataReferenced", profile.sampledOnly());
        v.put("profiledRows", profile.rows());
        v.put("targetName", profile.target());
        v.put("targetLiteral", PythonLiteral.of(profile.target()));
        v.put("task", profile.task().name().toLowerCase(Locale.ROOT));
        v.put("taskClassification", profile.task() == Task.CLASSIFICATION);
        v.put("taskRegression", profile.task() == Task.REGRESSION);
        v.put("taskForecast", profile.task() == Task.FORECAST);
        v.put("timeLiteral", profile.timeColumn() == null ? "None" : PythonLiteral.of(profile.timeColumn()));
        Column target = profile.column(profile.target());
        List<Map<String, Object>> classes = new ArrayList<>();
        if (profile.task() == Task.CLASSIFICATION) {
            for (String c : target.categories()) {
                classes.add(Map.of("literal", PythonLiteral.of(c)));
            }
        }
        v.put("classes", classes);
        List<Map<String, Object>> columns = new ArrayList<>();
        List<Map<String, Object>> inputs = new ArrayList<>();
        Set<String> fields = new HashSet<>(Set.of("Config", "records", "dict", "json", "copy", "fields", "schema", "construct",
                "validate", "parse_obj", "parse_raw", "update_forward_refs"));
        for (Column c : profile.columns()) {
            Map<String, Object> col = new LinkedHashMap<>();
            col.put("name", c.name());
            col.put("markdownName", c.name().replace("|", "\\|"));
            col.put("literal", PythonLiteral.of(c.name()));
            col.put("kind", c.kind().name().toLowerCase(Locale.ROOT));
            col.put("role", c.role().name().toLowerCase(Locale.ROOT));
            col.put("nullable", c.missing() > 0 ? "True" : "False");
            boolean ranged = c.kind() == Kind.NUMERIC && c.min() != null;
            col.put("hasRange", ranged);
            col.put("min", ranged ? PythonLiteral.of(c.min()) : "None");
            col.put("max", ranged ? PythonLiteral.of(c.max()) : "None");
            boolean categorical = c.kind() == Kind.CATEGORICAL && !c.categories().isEmpty();
            col.put("hasCategories", categorical);
            List<Map<String, Object>> categories = new ArrayList<>();
            if (categorical) {
                for (String value : c.categories()) {
                    categories.add(Map.of("literal", PythonLiteral.of(value)));
                }
            }
            col.put("categories", categories);
            columns.add(col);
            boolean input = c.role() == Role.FEATURE || c.role() == Role.TIME;
            if (input) {
                inputs.add(field(c.name(), pyType(c.kind()), fields));
            }
        }
        if (profile.task() == Task.FORECAST) {
            for (String lag : List.of("_lag_1", "_lag_2", "_lag_3", "_rolling_mean_3")) {
                inputs.add(field(profile.target() + lag, "float", fields));
            }
        }
        v.put("columns", columns);
        v.put("inputFields", inputs);
        String predictionField = "prediction";
        v.put("predictionField", predictionField);
        v.put("predictionType", profile.task() != Task.CLASSIFICATION ? "float"
                : target.kind() == Kind.NUMERIC ? "int" : target.kind() == Kind.BOOLEAN ? "bool" : "str");
        return v;
    }

    private static Map<String, Object> field(String column, String type, Set<String> taken) {
        String base = column.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]+", "_").replaceAll("^_+|_+$", "");
        if (base.isEmpty() || !Character.isLetter(base.charAt(0))) {
            base = "f_" + base;
        }
        if (PythonLiteral.KEYWORDS.contains(base)) {
            base = base + "_";
        }
        String name = base;
        for (int i = 2; !taken.add(name); i++) {
            name = base + "_" + i;
        }
        return Map.of("field", name, "pyType", type, "literal", PythonLiteral.of(column));
    }

    private static String pyType(Kind kind) {
        return switch (kind) {
            case NUMERIC -> "float";
            case BOOLEAN -> "bool";
            case DATETIME -> "datetime";
            case CATEGORICAL, TEXT -> "str";
        };
    }

    /** A YAML double-quoted scalar. */
    static String yamlString(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (ch < 0x20) {
                        out.append(String.format("\\x%02x", (int) ch));
                    } else {
                        out.append(ch);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
