package dev.mlproj.scan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Declared Python dependencies from the usual manifest files. Each parser is line-oriented and tolerant:
 * it takes what it can recognise and never fails on a file it half understands.
 */
final class DependencyParser {

    /** One declared requirement: normalised name and the line declaring it. */
    record Declared(String name, int line, String text) { }

    private static final Pattern REQUIREMENT_NAME = Pattern.compile("^([A-Za-z0-9][A-Za-z0-9._-]*)");
    private static final Pattern EGG = Pattern.compile("#egg=([A-Za-z0-9][A-Za-z0-9._-]*)");
    /** A line that starts with a URL scheme (git+https:, file:) or a drive letter, not a package name. */
    private static final Pattern URL = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");
    private static final Pattern QUOTED = Pattern.compile("[\"']([^\"']+)[\"']");
    private static final Pattern TOML_KEY = Pattern.compile("^\\s*([A-Za-z0-9_.\"'-]+)\\s*=");

    private DependencyParser() {
    }

    /** True when a file of this name is a dependency manifest this parser reads. */
    static boolean isManifest(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        return (name.startsWith("requirements") && name.endsWith(".txt")) || name.endsWith(".requirements.txt")
                || name.equals("pyproject.toml") || name.equals("setup.cfg") || name.equals("setup.py")
                || name.equals("environment.yml") || name.equals("environment.yaml") || name.equals("conda.yaml")
                || name.equals("conda.yml") || name.equals("pipfile");
    }

    static List<Declared> parse(String fileName, String text) {
        String name = fileName.toLowerCase(Locale.ROOT);
        String[] lines = text.split("\n", -1);
        if (name.endsWith(".txt")) {
            return requirements(lines);
        }
        return switch (name) {
            case "pyproject.toml" -> pyproject(lines);
            case "pipfile" -> tomlTables(lines, List.of("packages", "dev-packages"));
            case "setup.cfg" -> setupCfg(lines);
            case "setup.py" -> setupPy(text);
            default -> condaEnvironment(lines);
        };
    }

    static String normalise(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[-_.]+", "-");
    }

    private static List<Declared> requirements(String[] lines) {
        List<Declared> out = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.startsWith("#")) {
                continue; // a comment, even one that quotes a URL with #egg=
            }
            Matcher egg = EGG.matcher(line);
            if (egg.find()) {
                out.add(new Declared(normalise(egg.group(1)), i + 1, line));
                continue;
            }
            int hash = line.indexOf(" #");
            if (hash >= 0) {
                line = line.substring(0, hash);
            }
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("-") || URL.matcher(line).find()) {
                continue; // options, and URLs or paths without an #egg= name: the package is not named
            }
            requirement(line, i + 1, out);
        }
        return out;
    }

    private static void requirement(String spec, int line, List<Declared> out) {
        Matcher m = REQUIREMENT_NAME.matcher(spec.strip());
        if (m.find() && !m.group(1).equalsIgnoreCase("python")) {
            out.add(new Declared(normalise(m.group(1)), line, spec.strip()));
        }
    }

    private static List<Declared> pyproject(String[] lines) {
        List<Declared> out = new ArrayList<>();
        String table = "";
        boolean inArray = false;
        for (int i = 0; i < lines.length; i++) {
            String line = stripTomlComment(lines[i]);
            String header = inArray ? null : tomlHeader(line);
            if (header != null) {
                table = header.replace("\"", "");
                continue;
            }
            boolean arrayTable = table.equals("project") || table.equals("project.optional-dependencies")
                    || table.equals("dependency-groups") || table.equals("tool.pdm.dev-dependencies")
                    || table.equals("tool.uv");
            boolean keyTable = table.equals("tool.poetry.dependencies") || table.equals("tool.poetry.dev-dependencies")
                    || (table.startsWith("tool.poetry.group.") && table.endsWith(".dependencies"));
            if (inArray) {
                collectQuoted(line, i + 1, out);
                if (line.contains("]")) {
                    inArray = false;
                }
            } else if (arrayTable) {
                Matcher key = TOML_KEY.matcher(line);
                if (key.find()) {
                    String k = key.group(1);
                    boolean depsKey = !table.equals("project") || k.equals("dependencies");
                    if (table.equals("tool.uv")) {
                        depsKey = k.equals("dev-dependencies");
                    }
                    if (depsKey && line.contains("[")) {
                        String rest = line.substring(line.indexOf('['));
                        collectQuoted(rest, i + 1, out);
                        inArray = !rest.contains("]");
                    }
                }
            } else if (keyTable) {
                Matcher key = TOML_KEY.matcher(line);
                if (key.find()) {
                    requirement(key.group(1).replace("\"", "").replace("'", ""), i + 1, out);
                }
            }
        }
        return out;
    }

    private static List<Declared> tomlTables(String[] lines, List<String> tables) {
        List<Declared> out = new ArrayList<>();
        String table = "";
        for (int i = 0; i < lines.length; i++) {
            String line = stripTomlComment(lines[i]);
            String header = tomlHeader(line);
            if (header != null) {
                table = header;
                continue;
            }
            Matcher key = TOML_KEY.matcher(line);
            if (tables.contains(table) && key.find()) {
                requirement(key.group(1).replace("\"", "").replace("'", ""), i + 1, out);
            }
        }
        return out;
    }

    private static List<Declared> setupCfg(String[] lines) {
        List<Declared> out = new ArrayList<>();
        String section = "";
        boolean inList = false;
        for (int i = 0; i < lines.length; i++) {
            String raw = lines[i];
            String line = raw.strip();
            if (line.startsWith("[")) {
                section = line;
                inList = false;
                continue;
            }
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            boolean continuation = Character.isWhitespace(raw.charAt(0));
            if (inList && continuation) {
                requirement(line, i + 1, out);
                continue;
            }
            inList = false;
            int eq = line.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String key = line.substring(0, eq).strip();
            boolean deps = (section.equals("[options]") && (key.equals("install_requires") || key.equals("tests_require")))
                    || section.equals("[options.extras_require]");
            if (deps) {
                inList = true;
                String value = line.substring(eq + 1).strip();
                if (!value.isEmpty()) {
                    for (String v : value.split(";|,")) {
                        requirement(v, i + 1, out);
                    }
                }
            }
        }
        return out;
    }

    private static final Pattern SETUP_LIST = Pattern.compile("(install_requires|tests_require|extras_require)\\s*=\\s*([\\[{])");

    /**
     * The lists given to setup(). Linear in the text: the search resumes after each list (an unclosed one
     * runs to the end of the file), and line numbers come from one index, not from counting per value.
     */
    private static List<Declared> setupPy(String text) {
        List<Declared> out = new ArrayList<>();
        LineIndex lines = new LineIndex(text);
        Matcher m = SETUP_LIST.matcher(text);
        int from = 0;
        while (from < text.length() && m.find(from)) {
            char open = m.group(2).charAt(0);
            char close = open == '[' ? ']' : '}';
            int depth = 0;
            int end = m.end() - 1;
            for (; end < text.length(); end++) {
                char c = text.charAt(end);
                if (c == open) {
                    depth++;
                } else if (c == close && --depth == 0) {
                    break;
                }
            }
            int bodyEnd = Math.min(end, text.length());
            Matcher q = QUOTED.matcher(text).region(m.end(), bodyEnd);
            while (q.find()) {
                // In an extras dict, keys are extra names followed by ':'.
                if (open == '{' && nextNonSpace(text, q.end()) == ':') {
                    continue;
                }
                requirement(q.group(1), lines.lineOf(q.start()), out);
            }
            from = Math.max(m.end(), bodyEnd + 1);
        }
        return out;
    }

    private static char nextNonSpace(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            if (!Character.isWhitespace(text.charAt(i))) {
                return text.charAt(i);
            }
        }
        return 0;
    }

    private static List<Declared> condaEnvironment(String[] lines) {
        List<Declared> out = new ArrayList<>();
        boolean inDeps = false;
        int depsIndent = -1;
        for (int i = 0; i < lines.length; i++) {
            String raw = lines[i];
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int indent = raw.length() - raw.stripLeading().length();
            if (line.startsWith("dependencies:")) {
                inDeps = true;
                depsIndent = indent;
                continue;
            }
            if (inDeps && indent <= depsIndent && !line.startsWith("-")) {
                inDeps = false;
            }
            if (inDeps && line.startsWith("-")) {
                String item = line.substring(1).strip();
                if (item.endsWith(":")) {
                    continue;
                }
                int colon = item.indexOf("::");
                if (colon >= 0) {
                    item = item.substring(colon + 2);
                }
                requirement(item.replaceAll("[=<>!~ ].*$", ""), i + 1, out);
            }
        }
        return out;
    }

    private static void collectQuoted(String text, int line, List<Declared> out) {
        Matcher q = QUOTED.matcher(text);
        while (q.find()) {
            requirement(q.group(1), line, out);
        }
    }

    private static String stripTomlComment(String line) {
        int hash = line.indexOf('#');
        if (hash < 0) {
            return line;
        }
        // A '#' inside a quoted string is not a comment.
        int quotes = 0;
        for (int i = 0; i < hash; i++) {
            if (line.charAt(i) == '"') {
                quotes++;
            }
        }
        return quotes % 2 == 0 ? line.substring(0, hash) : line;
    }

    static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /**
     * The table a TOML header line opens ({@code [project]}, {@code [[tool.x]]}), or null. Written out by
     * hand: the regex it replaces backtracked quadratically on a long line of brackets or spaces.
     */
    static String tomlHeader(String line) {
        String s = line.strip();
        if (!s.startsWith("[") || !s.endsWith("]")) {
            return null;
        }
        int start = 0;
        while (start < s.length() && s.charAt(start) == '[') {
            start++;
        }
        int end = s.length();
        while (end > start && s.charAt(end - 1) == ']') {
            end--;
        }
        String name = s.substring(start, end).strip();
        return name.isEmpty() || name.indexOf(']') >= 0 ? null : name;
    }
}
