package dev.mlproj.rubric;

import dev.mlproj.io.SafeFiles;
import dev.mlproj.config.YamlReader;
import dev.mlproj.config.YamlNode;
import dev.mlproj.config.Fields;
import dev.mlproj.config.ConfigException;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.mlproj.scan.FactType;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Loads rubrics strictly: unknown keys, wrong types, bad patterns, duplicate ids and dangling references
 * are all errors that name the file, line and column.
 */
public final class RubricLoader {

    public static final String BUILTIN_RESOURCE = "/rubrics/mlproj.yaml";
    public static final String BUILTIN_NAME = "rubrics/mlproj.yaml";
    private static final java.util.regex.Pattern ID = java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final YamlReader yaml = new YamlReader();

    /** The rubric shipped inside the jar. */
    public Rubric builtin() throws ConfigException {
        try (InputStream in = RubricLoader.class.getResourceAsStream(BUILTIN_RESOURCE)) {
            if (in == null) {
                throw new ConfigException("built-in rubric missing from the jar: " + BUILTIN_RESOURCE);
            }
            return parse(BUILTIN_NAME, new String(in.readAllBytes(), StandardCharsets.UTF_8), null);
        } catch (IOException e) {
            throw new ConfigException("built-in rubric could not be read: " + e.getMessage());
        }
    }

    /**
     * The rubric to use: the built-in one, replaced or extended by the given files in order.
     * A file with {@code extends: builtin} adds criteria; one without replaces everything before it.
     */
    public Rubric load(List<Path> files) throws ConfigException {
        Rubric rubric = builtin();
        for (Path file : files) {
            rubric = parse(file.toString(), readFile(file), rubric);
        }
        return rubric;
    }

    public static String readFile(Path file) throws ConfigException {
        try {
            return SafeFiles.readUtf8(file, YamlReader.MAX_BYTES, SafeFiles.Links.FOLLOW);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new ConfigException(file + ":1:1: not valid UTF-8 text");
        } catch (SafeFiles.Refused e) {
            // A directory, a pipe, a device (directly or behind a link): named, never opened.
            throw new ConfigException(file + ":1:1: " + e.reason());
        } catch (java.nio.file.NoSuchFileException e) {
            throw new ConfigException(file + ": cannot be read (no such file)");
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * A rubric file that may only add to {@code base}: the repository's own extra rubrics, which must never
     * replace the rubric the repository is judged by.
     */
    public Rubric extend(Rubric base, Path file, String displayName) throws ConfigException {
        return parse(displayName, readFile(file), base, true);
    }

    /** Parses one rubric file; {@code base} is what {@code extends: builtin} refers to. */
    public Rubric parse(String file, String text, Rubric base) throws ConfigException {
        return parse(file, text, base, false);
    }

    private Rubric parse(String file, String text, Rubric base, boolean mustExtend) throws ConfigException {
        Fields top = new Fields(file, yaml.read(file, text), "the rubric");
        String id = top.string("rubric");
        String title = top.optionalString("title");
        String extendsWhat = top.optionalString("extends");
        List<String> sources = top.stringList("sources");
        boolean extending = extendsWhat != null;
        if (mustExtend && !extending) {
            throw new ConfigException(file, top.at(), "a rubric named in a repository's .mlproj.yaml must say 'extends: builtin':"
                    + " a repository may add criteria, never replace the rubric it is judged by");
        }
        if (extending && !extendsWhat.equals("builtin")) {
            throw new ConfigException(file, top.at(), "'extends' can only be 'builtin', not '" + extendsWhat + "'");
        }
        if (extending && base == null) {
            throw new ConfigException(file, top.at(), "'extends: builtin' is not allowed in the built-in rubric");
        }
        Map<Integer, YamlNode> definingNodes = new LinkedHashMap<>();
        List<LevelDefinition> levels = top.has("levels") ? levels(top, top.node("levels"), definingNodes) : null;
        List<FocusArea> focusAreas = top.has("focusAreas") ? focusAreas(top, top.node("focusAreas")) : null;
        YamlNode ruleNode = top.node("rule");
        YamlNode criteriaNode = top.node("criteria");
        YamlNode walkthroughNode = top.node("walkthrough");
        top.done();

        if (!extending && (levels == null || focusAreas == null || ruleNode == null)) {
            throw new ConfigException(file, top.at(), "a rubric that does not 'extends: builtin' needs 'levels', 'focusAreas' and 'rule'");
        }
        if (extending && (levels != null || focusAreas != null || ruleNode != null)) {
            throw new ConfigException(file, top.at(), "a rubric that extends the built-in one may only add 'criteria' and 'walkthrough'");
        }
        List<LevelDefinition> effectiveLevels = extending ? base.levels() : levels;
        Set<Integer> levelNumbers = new HashSet<>();
        effectiveLevels.forEach(l -> levelNumbers.add(l.level()));

        Map<String, YamlNode.Location> idLocations = new LinkedHashMap<>();
        List<Criterion> criteria = new ArrayList<>();
        if (extending) {
            criteria.addAll(base.criteria());
            base.criteria().forEach(c -> idLocations.put(c.id(), null));
        }
        List<Detector.CriterionRef> refs = new ArrayList<>();
        Context context = new Context(file, levelNumbers, refs);
        if (criteriaNode != null) {
            criteria(context, criteriaNode, false, criteria, idLocations);
        }
        if (walkthroughNode != null) {
            criteria(context, walkthroughNode, true, criteria, idLocations);
        }
        LevelRule rule = extending ? base.rule() : rule(context, ruleNode);
        if (!extending) {
            effectiveLevels = withDefiningPractices(context, effectiveLevels, definingNodes);
        }
        for (Detector.CriterionRef ref : refs) {
            if (!idLocations.containsKey(ref.id())) {
                throw new ConfigException(file, ref.at(), "reference to unknown criterion '" + ref.id() + "'");
            }
        }
        Rubric rubric = new Rubric(id, title == null ? id : title, effectiveLevels,
                extending ? base.focusAreas() : focusAreas, rule, List.copyOf(criteria),
                extending ? concat(base.sources(), sources) : sources);
        checkCycles(rubric, file, idLocations);
        return rubric;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private record Context(String file, Set<Integer> levels, List<Detector.CriterionRef> refs) { }

    /** The levels; each one's defining practice is read later, once criteria exist for it to refer to. */
    private List<LevelDefinition> levels(Fields top, YamlNode node, Map<Integer, YamlNode> definingNodes) throws ConfigException {
        List<LevelDefinition> out = new ArrayList<>();
        for (YamlNode item : sequence(top.file(), node, "levels")) {
            Fields f = new Fields(top.file(), item, "a level");
            int level = f.integer("level", 1, 9);
            String name = f.string("name");
            String summary = f.optionalString("summary");
            double threshold = f.number("threshold", 0.0, 1.0);
            List<String> roles = f.stringList("roles");
            if (f.has("defining")) {
                definingNodes.put(level, f.node("defining"));
            }
            f.done();
            if (level != out.size() + 1) {
                throw new ConfigException(top.file(), item.at(), "levels must be numbered 1, 2, 3 ... in order; expected " + (out.size() + 1) + ", found " + level);
            }
            out.add(new LevelDefinition(level, name, summary == null ? "" : summary, threshold, roles, null));
        }
        if (out.isEmpty()) {
            throw new ConfigException(top.file(), node.at(), "'levels' must list at least one level");
        }
        return List.copyOf(out);
    }

    private List<LevelDefinition> withDefiningPractices(Context context, List<LevelDefinition> levels,
                                                        Map<Integer, YamlNode> definingNodes) throws ConfigException {
        List<LevelDefinition> out = new ArrayList<>();
        for (LevelDefinition level : levels) {
            YamlNode node = definingNodes.get(level.level());
            if (node == null) {
                out.add(level);
                continue;
            }
            Fields f = new Fields(context.file(), node, "a defining practice");
            String practice = f.string("practice");
            String source = f.string("source");
            Detector detect = detector(context, f.require("detect"), "levels/" + level.level() + "/defining", new int[1]);
            boolean holdsLevelBelow = f.optionalBoolean("holdsLevelBelow", false);
            Detector holdsWhen = null;
            if (f.has("holdsWhen")) {
                if (!holdsLevelBelow) {
                    throw new ConfigException(context.file(), f.node("holdsWhen").at(), "holdsWhen needs holdsLevelBelow: true");
                }
                holdsWhen = detector(context, f.node("holdsWhen"), "levels/" + level.level() + "/holdsWhen", new int[1]);
            }
            f.done();
            out.add(level.withDefining(new DefiningPractice(practice.strip(), source.strip(), detect, holdsLevelBelow, holdsWhen)));
        }
        return List.copyOf(out);
    }

    private List<FocusArea> focusAreas(Fields top, YamlNode node) throws ConfigException {
        List<FocusArea> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (YamlNode item : sequence(top.file(), node, "focusAreas")) {
            Fields f = new Fields(top.file(), item, "a focus area");
            String id = f.string("id");
            if (!Rubric.FOCUS_IDS.contains(id)) {
                throw new ConfigException(top.file(), f.require("id").at(), "unknown focus area '" + id + "' (expected one of: " + String.join(", ", Rubric.FOCUS_IDS) + ")");
            }
            if (!seen.add(id)) {
                throw new ConfigException(top.file(), f.require("id").at(), "duplicate focus area '" + id + "'");
            }
            String title = f.string("title");
            String source = f.optionalString("source");
            YamlNode splitNode = f.require("split");
            f.done();
            Fields split = new Fields(top.file(), splitNode, "a focus split");
            List<FocusArea.SplitRange> ranges = new ArrayList<>();
            if (splitNode instanceof YamlNode.Mapping m) {
                for (var entry : m.entries().entrySet()) {
                    List<String> areas = Arrays.asList(entry.getKey().split("\\+"));
                    for (String area : areas) {
                        if (!Rubric.FOCUS_IDS.contains(area)) {
                            throw new ConfigException(top.file(), entry.getValue().keyAt(), "unknown focus area '" + area + "' in split");
                        }
                    }
                    YamlNode range = split.node(entry.getKey());
                    List<YamlNode> bounds = sequence(top.file(), range, entry.getKey());
                    if (bounds.size() != 2) {
                        throw new ConfigException(top.file(), range.at(), "a split range is [min, max] in percent");
                    }
                    int min = split.asInteger(bounds.get(0), entry.getKey(), 0, 100);
                    int max = split.asInteger(bounds.get(1), entry.getKey(), 0, 100);
                    if (min > max) {
                        throw new ConfigException(top.file(), range.at(), "split minimum " + min + " is above maximum " + max);
                    }
                    ranges.add(new FocusArea.SplitRange(List.copyOf(areas), min, max));
                }
            }
            split.done();
            out.add(new FocusArea(id, title, source == null ? "" : source, List.copyOf(ranges)));
        }
        return List.copyOf(out);
    }

    private LevelRule rule(Context context, YamlNode node) throws ConfigException {
        Fields f = new Fields(context.file(), node, "the level rule");
        Detector ml = detector(context, f.require("mlProject"), "rule/mlProject", new int[1]);
        f.done();
        return new LevelRule(ml);
    }

    private void criteria(Context context, YamlNode node, boolean walkthrough, List<Criterion> out,
                          Map<String, YamlNode.Location> idLocations) throws ConfigException {
        for (YamlNode item : sequence(context.file(), node, walkthrough ? "walkthrough" : "criteria")) {
            Fields f = new Fields(context.file(), item, "a criterion");
            String id = f.string("id");
            YamlNode idNode = f.require("id");
            if (!ID.matcher(id).matches()) {
                throw new ConfigException(context.file(), idNode.at(), "criterion id '" + id + "' must be letters, digits, '.', '_' or '-'");
            }
            if (idLocations.containsKey(id)) {
                YamlNode.Location first = idLocations.get(id);
                throw new ConfigException(context.file(), idNode.at(), "duplicate criterion id '" + id + "'"
                        + (first == null ? " (already in the built-in rubric)" : " (first defined at line " + first.line() + ")"));
            }
            idLocations.put(id, idNode.at());
            String title = f.string("title");
            int level = 0;
            if (walkthrough) {
                if (f.has("level")) {
                    throw new ConfigException(context.file(), f.node("level").at(), "walkthrough criteria have no level");
                }
            } else {
                level = f.integer("level", 1, 9);
                if (!context.levels().contains(level)) {
                    throw new ConfigException(context.file(), f.node("level").at(), "level " + level + " is not defined by the rubric");
                }
            }
            String focus = f.string("focus");
            if (!Rubric.FOCUS_IDS.contains(focus)) {
                throw new ConfigException(context.file(), f.node("focus").at(), "unknown focus '" + focus + "' (expected one of: " + String.join(", ", Rubric.FOCUS_IDS) + ")");
            }
            int weight = f.optionalInteger("weight", 1, 1, 10);
            String why = f.string("why");
            String source = f.string("source");
            String detection = f.string("detection");
            int[] counter = {0};
            Detector detect = detector(context, f.require("detect"), id, counter);
            Detector applies = f.has("appliesWhen") ? detector(context, f.node("appliesWhen"), id, counter) : null;
            String fix = f.string("fix");
            String scaffold = f.optionalString("scaffold");
            f.done();
            out.add(new Criterion(id, title, level, focus, weight, why.strip(), source.strip(), detection.strip(),
                    detect, applies, fix.strip(), scaffold, context.file()));
        }
    }

    private static final Set<String> DETECTOR_KINDS = Set.of("fact", "imports", "dependencies", "python", "text", "files",
            "git", "criterion", "anyOf", "allOf", "atLeast");

    private Detector detector(Context context, YamlNode node, String owner, int[] counter) throws ConfigException {
        String file = context.file();
        Fields f = new Fields(file, node, "a detector");
        YamlNode.Mapping mapping = (YamlNode.Mapping) node;
        List<String> kinds = mapping.entries().keySet().stream().filter(DETECTOR_KINDS::contains).toList();
        if (kinds.size() != 1) {
            throw new ConfigException(file, node.at(), "a detector needs exactly one of: " + String.join(", ", DETECTOR_KINDS.stream().sorted().toList())
                    + (kinds.isEmpty() ? "" : " (found " + String.join(", ", kinds) + ")"));
        }
        String kind = kinds.get(0);
        Detector result = switch (kind) {
            case "fact" -> {
                String typeName = f.string("fact");
                FactType type;
                try {
                    type = FactType.valueOf(typeName);
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(file, f.node("fact").at(), "unknown fact '" + typeName + "' (see `mlproj rubric facts`)");
                }
                yield new Detector.Fact(type, f.stringList("keys"), f.optionalInteger("min", 1, 1, 100000),
                        f.optionalInteger("minKeys", 0, 0, 1000));
            }
            case "imports" -> {
                List<String> modules = f.stringList("imports");
                yield new Detector.Imports(nonEmpty(file, f.node("imports"), modules), f.optionalInteger("min", 1, 1, modules.size()));
            }
            case "dependencies" -> {
                List<String> names = f.stringList("dependencies").stream().map(RubricLoader::normaliseDependency).toList();
                yield new Detector.Dependencies(nonEmpty(file, f.node("dependencies"), names), f.optionalInteger("min", 1, 1, names.size()));
            }
            case "python" -> new Detector.Python(owner + "/" + (++counter[0]), regex(f, "python"), globs(f, "paths"),
                    f.stringList("withImports"), f.optionalBoolean("inTests", false),
                    f.optionalInteger("min", 1, 1, 100000), f.optionalInteger("minFiles", 1, 1, 100000));
            case "text" -> new Detector.Text(owner + "/" + (++counter[0]), regex(f, "text"), globs(f, "paths"),
                    f.optionalInteger("min", 1, 1, 100000), f.optionalInteger("minFiles", 1, 1, 100000));
            case "files" -> new Detector.Files(nonEmpty(file, f.node("files"), globs(f, "files")),
                    f.optionalInteger("min", 1, 1, 100000), f.optionalInteger("minBytes", 1, 0, Integer.MAX_VALUE));
            case "git" -> {
                Fields g = new Fields(file, f.node("git"), "a git detector");
                Detector.Git git = new Detector.Git(g.optionalInteger("commits", 0, 0, 1000000),
                        g.optionalInteger("activeWeeks", 0, 0, 100000), g.optionalInteger("authors", 0, 0, 100000),
                        g.optionalInteger("tags", 0, 0, 100000));
                g.done();
                yield git;
            }
            case "criterion" -> {
                Detector.CriterionRef ref = new Detector.CriterionRef(f.string("criterion"), f.node("criterion").at());
                context.refs().add(ref);
                yield ref;
            }
            case "anyOf", "allOf" -> {
                List<Detector> children = new ArrayList<>();
                for (YamlNode child : sequence(file, f.node(kind), kind)) {
                    children.add(detector(context, child, owner, counter));
                }
                nonEmpty(file, f.node(kind), children);
                yield kind.equals("anyOf") ? new Detector.AnyOf(children) : new Detector.AllOf(children);
            }
            default -> { // atLeast
                Fields a = new Fields(file, f.node("atLeast"), "an atLeast detector");
                int n = a.integer("n", 1, 1000);
                List<Detector> children = new ArrayList<>();
                for (YamlNode child : sequence(file, a.require("of"), "of")) {
                    children.add(detector(context, child, owner, counter));
                }
                a.done();
                if (n > children.size()) {
                    throw new ConfigException(file, a.at(), "atLeast n=" + n + " exceeds the " + children.size() + " detectors listed");
                }
                yield new Detector.AtLeast(n, children);
            }
        };
        // Only the options belonging to this kind of detector are allowed alongside it.
        f.done();
        return result;
    }

    private static <T> List<T> nonEmpty(String file, YamlNode node, List<T> list) throws ConfigException {
        if (list.isEmpty()) {
            throw new ConfigException(file, node.at(), "the list must not be empty");
        }
        return list;
    }

    private static Pattern regex(Fields f, String key) throws ConfigException {
        String text = f.string(key);
        String problem = RegexLimits.problem(text);
        if (problem != null) {
            throw new ConfigException(f.file(), f.node(key).at(), "regular expression refused: " + problem);
        }
        try {
            return Pattern.compile(text);
        } catch (PatternSyntaxException e) {
            throw new ConfigException(f.file(), f.node(key).at(), "invalid regular expression: " + e.getDescription());
        }
    }

    private static List<String> globs(Fields f, String key) throws ConfigException {
        List<String> globs = f.stringList(key);
        for (String glob : globs) {
            try {
                dev.mlproj.scan.Glob.of(glob);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(f.file(), f.node(key).at(), "invalid glob '" + glob + "': " + e.getMessage());
            }
        }
        return globs;
    }

    private static List<YamlNode> sequence(String file, YamlNode node, String key) throws ConfigException {
        if (!(node instanceof YamlNode.Sequence seq)) {
            throw new ConfigException(file, node.at(), "'" + key + "' must be a list, not " + node.describe());
        }
        return seq.items();
    }

    public static String normaliseDependency(String name) {
        return name.toLowerCase(java.util.Locale.ROOT).replaceAll("[-_.]+", "-");
    }

    /** Criterion references must not loop, or evaluation could never finish. */
    private static void checkCycles(Rubric rubric, String file, Map<String, YamlNode.Location> locations) throws ConfigException {
        Map<String, List<String>> edges = new HashMap<>();
        for (Criterion c : rubric.criteria()) {
            List<String> targets = new ArrayList<>();
            targets.addAll(c.detect().referencedCriteria());
            if (c.appliesWhen() != null) {
                targets.addAll(c.appliesWhen().referencedCriteria());
            }
            edges.put(c.id(), targets);
        }
        Map<String, Integer> state = new HashMap<>();
        for (String id : edges.keySet()) {
            String cycle = visit(id, edges, state, new ArrayList<>());
            if (cycle != null) {
                throw new ConfigException(file, locations.get(id), "criterion references form a cycle: " + cycle);
            }
        }
    }

    private static String visit(String id, Map<String, List<String>> edges, Map<String, Integer> state, List<String> path) {
        Integer s = state.get(id);
        if (s != null && s == 2) {
            return null;
        }
        path.add(id);
        if (s != null && s == 1) {
            return String.join(" -> ", path.subList(path.indexOf(id), path.size()));
        }
        state.put(id, 1);
        for (String next : edges.getOrDefault(id, List.of())) {
            String cycle = visit(next, edges, state, path);
            if (cycle != null) {
                return cycle;
            }
        }
        state.put(id, 2);
        path.remove(path.size() - 1);
        return null;
    }

    /** The content queries the scan must run for this rubric. */
    public static List<dev.mlproj.scan.PatternQuery> queries(Rubric rubric) {
        List<dev.mlproj.scan.PatternQuery> out = new ArrayList<>();
        List<Detector> all = new ArrayList<>();
        all.add(rubric.rule().mlProject());
        for (LevelDefinition level : rubric.levels()) {
            if (level.defining() != null) {
                all.add(level.defining().detect());
                if (level.defining().holdsWhen() != null) {
                    all.add(level.defining().holdsWhen());
                }
            }
        }
        for (Criterion c : rubric.criteria()) {
            all.add(c.detect());
            if (c.appliesWhen() != null) {
                all.add(c.appliesWhen());
            }
        }
        for (Detector d : all) {
            collectQueries(d, out);
        }
        return out;
    }

    private static void collectQueries(Detector d, List<dev.mlproj.scan.PatternQuery> out) {
        if (d instanceof Detector.Python p) {
            out.add(new dev.mlproj.scan.PatternQuery(p.queryId(), dev.mlproj.scan.PatternQuery.Scope.PYTHON,
                    p.paths(), p.pattern(), p.withImports(), p.inTests()));
        } else if (d instanceof Detector.Text t) {
            out.add(new dev.mlproj.scan.PatternQuery(t.queryId(), dev.mlproj.scan.PatternQuery.Scope.TEXT,
                    t.paths(), t.pattern(), List.of()));
        }
        d.children().forEach(x -> collectQueries(x, out));
    }
}
