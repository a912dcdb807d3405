package dev.mlproj.scaffold;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.Status;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code mlproj next} reads from a repository before it writes anything into it: its packages, its
 * imports, its model artefacts and how its code loads them, its predict/preprocess functions, its data
 * files, its dependency files and whether its work tree is clean. Everything is read from the files as
 * text; nothing of the repository is executed.
 *
 * @param packages        package directories (with an {@code __init__.py}), '/'-separated, top level or under src/
 * @param imports         third-party top-level import names (stdlib and the repository's own modules left out)
 * @param artefacts       model files by path (pickles, joblib, torch, xgboost/lightgbm, keras, onnx)
 * @param loads           load calls in the code: the loader and the path literal it is given
 * @param functions       predict/preprocess-like functions of the packages
 * @param dataFiles       data files in the repository (csv, parquet)
 * @param dependencyFiles requirements*.txt, pyproject.toml, setup.py, setup.cfg, environment.yml, Pipfile
 * @param dirty           uncommitted changes in the work tree (false outside git)
 * @param target          the target column the training code selects, or null
 */
public record RepoProfile(List<String> packages, Set<String> imports, List<String> artefacts, List<Load> loads,
                          List<Function> functions, List<String> dataFiles, List<String> dependencyFiles, boolean dirty,
                          String target) {

    /** @param loader e.g. {@code joblib.load}; @param path the literal it loads, relative to the root */
    public record Load(String file, int line, String loader, String path) { }

    /** @param module importable module name, e.g. {@code churn.predict}; @param params its parameter names */
    public record Function(String file, String module, String name, List<String> params) { }

    private static final Set<String> SKIPPED_DIRS = Set.of(".git", "venv", ".venv", "env", "node_modules", "site-packages",
            "__pycache__", "build", "dist", ".tox", ".mypy_cache", ".ipynb_checkpoints");
    private static final Set<String> ARTEFACT_EXTENSIONS = Set.of(".pkl", ".pickle", ".joblib", ".pt", ".pth", ".h5", ".keras",
            ".onnx", ".ubj", ".cbm", ".sav");
    private static final Pattern IMPORT = Pattern.compile("^\\s*import\\s+([\\w.]+(?:\\s+as\\s+\\w+)?(?:\\s*,\\s*[\\w.]+(?:\\s+as\\s+\\w+)?)*)");
    private static final Pattern FROM = Pattern.compile("^\\s*from\\s+([\\w.]+)\\s+import\\b");
    private static final Pattern LOAD = Pattern.compile(
            "\\b(joblib\\.load|pickle\\.load|torch\\.load|cloudpickle\\.load|dill\\.load|load_model|Booster|tf\\.keras\\.models\\.load_model|keras\\.models\\.load_model)"
                    + "\\s*\\(\\s*(?:open\\s*\\(\\s*)?(?:model_file\\s*=\\s*)?[rf]?[\"']([^\"']+)[\"']");
    private static final Pattern DEF = Pattern.compile("^def\\s+(predict|predict_proba|preprocess|transform|prepare_features|build_features|make_features|featurize)\\s*\\(([^)]*)\\)");
    private static final Pattern TARGET = Pattern.compile("\\b(?:y|y_train|target|labels?)\\s*=\\s*\\w+\\s*\\[\\s*[\"']([^\"']+)[\"']\\s*\\]"
            + "|\\.pop\\s*\\(\\s*[\"']([^\"']+)[\"']\\s*\\)|drop\\s*\\(\\s*(?:columns\\s*=\\s*)?\\[?\\s*[\"']([^\"']+)[\"']\\s*\\]?\\s*,?\\s*(?:axis\\s*=\\s*1)?\\s*\\)");
    private static final Set<String> STDLIB = stdlib();

    public RepoProfile {
        packages = List.copyOf(packages);
        imports = Set.copyOf(imports);
        artefacts = List.copyOf(artefacts);
        loads = List.copyOf(loads);
        functions = List.copyOf(functions);
        dataFiles = List.copyOf(dataFiles);
        dependencyFiles = List.copyOf(dependencyFiles);
    }

    public static RepoProfile read(Path root) throws IOException {
        Path dir = root.toAbsolutePath().normalize();
        List<String> python = new ArrayList<>();
        List<String> notebooks = new ArrayList<>();
        List<String> artefacts = new ArrayList<>();
        List<String> data = new ArrayList<>();
        List<String> deps = new ArrayList<>();
        Set<String> local = new TreeSet<>();
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                String name = d.getFileName() == null ? "" : d.getFileName().toString();
                if (!d.equals(dir) && (SKIPPED_DIRS.contains(name) || name.startsWith(".") || attrs.isSymbolicLink())) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                if (dir.relativize(d).getNameCount() > 8) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
                if (!attrs.isRegularFile()) {
                    return FileVisitResult.CONTINUE;
                }
                String rel = relative(dir, f);
                String name = f.getFileName().toString();
                String lower = name.toLowerCase(Locale.ROOT);
                if (lower.endsWith(".py")) {
                    python.add(rel);
                    Path parent = dir.relativize(f).getParent();
                    if (parent == null || parent.toString().equals("src")) {
                        local.add(name.substring(0, name.length() - 3));
                    } else {
                        local.add(top(parent));
                    }
                } else if (lower.endsWith(".ipynb")) {
                    notebooks.add(rel);
                } else if (lower.endsWith(".csv") || lower.endsWith(".parquet")) {
                    data.add(rel);
                } else if (ARTEFACT_EXTENSIONS.stream().anyMatch(lower::endsWith)
                        || (lower.endsWith(".json") || lower.endsWith(".txt")) && rel.startsWith("models/") && lower.contains("model")) {
                    artefacts.add(rel);
                }
                if (lower.matches("requirements.*\\.txt") || Set.of("pyproject.toml", "setup.py", "setup.cfg", "environment.yml",
                        "environment.yaml", "pipfile").contains(lower)) {
                    if (dir.relativize(f).getNameCount() <= 2) {
                        deps.add(rel);
                    }
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path f, IOException e) {
                return FileVisitResult.CONTINUE;
            }
        });
        List<String> packages = packages(dir);
        for (String p : packages) {
            local.add(p.substring(p.lastIndexOf('/') + 1));
        }
        Set<String> imports = new TreeSet<>();
        List<Load> loads = new ArrayList<>();
        List<Function> functions = new ArrayList<>();
        Map<String, Integer> targets = new LinkedHashMap<>();
        python.sort(null);
        notebooks.sort(null);
        for (String file : python) {
            String text = readText(dir.resolve(file));
            scanCode(file, text, imports, loads, targets);
            String module = moduleOf(file, packages);
            if (module != null) {
                Matcher m;
                int n = 0;
                for (String line : text.split("\n")) {
                    n++;
                    m = DEF.matcher(line);
                    if (m.find()) {
                        functions.add(new Function(file, module, m.group(1), params(m.group(2))));
                    }
                }
            }
        }
        ObjectMapper json = new ObjectMapper();
        for (String nb : notebooks) {
            try {
                JsonNode cells = json.readTree(dir.resolve(nb).toFile()).path("cells");
                StringBuilder code = new StringBuilder();
                for (JsonNode cell : cells) {
                    if (!"code".equals(cell.path("cell_type").asText())) {
                        continue;
                    }
                    JsonNode source = cell.path("source");
                    if (source.isArray()) {
                        source.forEach(s -> code.append(s.asText()));
                    } else {
                        code.append(source.asText());
                    }
                    code.append('\n');
                }
                scanCode(nb, code.toString(), imports, loads, targets);
            } catch (IOException | RuntimeException e) {
                // not a notebook we can read: it contributes nothing
            }
        }
        imports.removeAll(local);
        imports.removeIf(i -> STDLIB.contains(i) || i.equals("__future__") || i.isEmpty());
        String target = targets.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
        artefacts.sort(null);
        data.sort(null);
        deps.sort(null);
        return new RepoProfile(packages, imports, artefacts, loads, functions, data, deps, dirty(dir), target);
    }

    private static void scanCode(String file, String text, Set<String> imports, List<Load> loads, Map<String, Integer> targets) {
        int n = 0;
        for (String line : text.split("\n")) {
            n++;
            String stripped = line.strip();
            if (stripped.startsWith("#") || stripped.startsWith("!") || stripped.startsWith("%")) {
                continue;
            }
            Matcher m = IMPORT.matcher(line);
            if (m.find()) {
                for (String part : m.group(1).split(",")) {
                    String name = part.strip().split("\\s+")[0];
                    imports.add(name.split("\\.")[0]);
                }
            }
            m = FROM.matcher(line);
            if (m.find() && !m.group(1).startsWith(".")) {
                imports.add(m.group(1).split("\\.")[0]);
            }
            m = LOAD.matcher(line);
            while (m.find()) {
                loads.add(new Load(file, n, m.group(1), m.group(2)));
            }
            m = TARGET.matcher(line);
            while (m.find()) {
                String t = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
                targets.merge(t, 1, Integer::sum);
            }
        }
    }

    /** Package directories: top level or under src/, with an __init__.py, not tests/docs/etc. */
    static List<String> packages(Path dir) throws IOException {
        List<String> out = new ArrayList<>();
        for (String base : List.of("", "src/")) {
            Path parent = base.isEmpty() ? dir : dir.resolve("src");
            if (!Files.isDirectory(parent, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            try (var children = Files.list(parent)) {
                for (Path c : children.sorted().toList()) {
                    String name = c.getFileName().toString();
                    if (Files.isDirectory(c, LinkOption.NOFOLLOW_LINKS) && name.matches("[A-Za-z_][A-Za-z0-9_]*")
                            && !Set.of("tests", "test", "docs").contains(name)
                            && Files.isRegularFile(c.resolve("__init__.py"), LinkOption.NOFOLLOW_LINKS)) {
                        out.add(base + name);
                    }
                }
            }
        }
        return out;
    }

    /** The importable module of a package file ({@code src/churn/predict.py} -> {@code churn.predict}), or null. */
    static String moduleOf(String file, List<String> packages) {
        for (String p : packages) {
            if (file.startsWith(p + "/") && file.endsWith(".py")) {
                String inner = file.substring(p.length() + 1, file.length() - 3);
                String pkg = p.substring(p.lastIndexOf('/') + 1);
                if (inner.equals("__init__")) {
                    return pkg;
                }
                if (!inner.matches("[A-Za-z_][A-Za-z0-9_]*(/[A-Za-z_][A-Za-z0-9_]*)*")) {
                    return null;
                }
                return pkg + "." + inner.replace('/', '.');
            }
        }
        return null;
    }

    private static List<String> params(String list) {
        List<String> out = new ArrayList<>();
        for (String p : list.split(",")) {
            String name = p.strip().split("[:=\\s]")[0];
            if (!name.isEmpty() && !name.equals("self") && !name.startsWith("*")) {
                out.add(name);
            }
        }
        return out;
    }

    private static boolean dirty(Path dir) {
        FileRepositoryBuilder builder = new FileRepositoryBuilder().findGitDir(dir.toFile());
        if (builder.getGitDir() == null) {
            return false;
        }
        try (Repository repo = builder.build(); Git git = new Git(repo)) {
            Status status = git.status().call();
            return !status.isClean();
        } catch (IOException | GitAPIException | RuntimeException e) {
            return false;
        }
    }

    private static String readText(Path file) throws IOException {
        if (Files.size(file) > SkeletonPlanner.MAX_TEMPLATE_BYTES) {
            return "";
        }
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8).replace("\r\n", "\n");
    }

    private static String relative(Path dir, Path p) {
        return dir.relativize(p).toString().replace('\\', '/');
    }

    private static String top(Path parent) {
        String first = parent.getName(0).toString();
        if (first.equals("src") && parent.getNameCount() > 1) {
            return parent.getName(1).toString();
        }
        return first;
    }

    private static Set<String> stdlib() {
        Set<String> names = new TreeSet<>();
        try (InputStream in = RepoProfile.class.getResourceAsStream("python-stdlib.txt")) {
            if (in == null) {
                throw new IllegalStateException("python-stdlib.txt missing from the jar");
            }
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).forEach(names::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    /** Import names whose distribution on PyPI has another name. */
    static final Map<String, String> DISTRIBUTIONS = distributions();

    private static Map<String, String> distributions() {
        Map<String, String> m = new TreeMap<>();
        String[][] pairs = {
                {"sklearn", "scikit-learn"}, {"cv2", "opencv-python"}, {"PIL", "Pillow"}, {"yaml", "PyYAML"},
                {"bs4", "beautifulsoup4"}, {"skimage", "scikit-image"}, {"dateutil", "python-dateutil"},
                {"dotenv", "python-dotenv"}, {"jwt", "PyJWT"}, {"Crypto", "pycryptodome"}, {"attr", "attrs"},
                {"imblearn", "imbalanced-learn"}, {"docx", "python-docx"}, {"serial", "pyserial"},
                {"sentence_transformers", "sentence-transformers"}, {"hydra", "hydra-core"},
                {"pytorch_lightning", "pytorch-lightning"}, {"umap", "umap-learn"}, {"MySQLdb", "mysqlclient"},
                {"psycopg2", "psycopg2-binary"}, {"fitz", "PyMuPDF"}, {"Levenshtein", "python-Levenshtein"},
                {"multipart", "python-multipart"}, {"IPython", "ipython"}, {"tensorflow_hub", "tensorflow-hub"},
                {"mpl_toolkits", "matplotlib"}, {"pkg_resources", "setuptools"}, {"sklearn_pandas", "sklearn-pandas"},
                {"category_encoders", "category-encoders"}, {"Bio", "biopython"}, {"gi", "PyGObject"},
                {"win32api", "pywin32"}, {"telegram", "python-telegram-bot"}, {"magic", "python-magic"},
                {"lightgbm", "lightgbm"}, {"xgboost", "xgboost"}, {"catboost", "catboost"}, {"torchvision", "torchvision"},
                {"google", ""}, {"azure", ""}, {"pytest", ""},
        };
        for (String[] p : pairs) {
            m.put(p[0], p[1]);
        }
        return m;
    }

    /**
     * The repository's third-party imports as requirement lines: each import name mapped to its
     * distribution; names that map to no single distribution (google, azure) are listed as comments.
     */
    public List<String> requirements() {
        List<String> lines = new ArrayList<>();
        Set<String> seen = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        List<String> unclear = new ArrayList<>();
        for (String name : imports) {
            String dist = DISTRIBUTIONS.getOrDefault(name, name);
            if (name.equals("pytest")) {
                continue; // a test tool, not a dependency of the code
            }
            if (dist.isEmpty()) {
                unclear.add(name);
                continue;
            }
            if (seen.add(dist)) {
                lines.add(dist);
            }
        }
        lines.sort(String.CASE_INSENSITIVE_ORDER);
        for (String u : unclear) {
            lines.add("# " + u + ": imported, but the import name does not say which distribution; add it by hand");
        }
        return lines;
    }

    /** True when the code defines neural-network modules or losses of its own (research code, level 5's ground). */
    public boolean usesDeepLearning() {
        return imports.contains("torch") || imports.contains("tensorflow") || imports.contains("keras") || imports.contains("jax");
    }
}
