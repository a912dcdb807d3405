package dev.mlproj.scan;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Structural facts of one Python file or notebook: imports and their use, tests, routes, models, workflows. */
final class PythonAnalyzer {

    private static final Pattern IMPORT = Pattern.compile("^\\s*import\\s+(.+)$");
    private static final Pattern FROM_IMPORT = Pattern.compile("^\\s*from\\s+([.\\w]+)\\s+import\\s+(.+)$");
    private static final Pattern TEST_DEF = Pattern.compile("^\\s*(?:async\\s+)?def\\s+(test\\w*)\\s*\\(");
    private static final Pattern ASSERTION = Pattern.compile(
            "\\bassert\\b|\\.assert\\w*\\(|\\bassert_\\w*\\(|pytest\\.raises|pytest\\.approx|\\.fail\\(|"
                    + "np\\.testing\\.|numpy\\.testing\\.|pd\\.testing\\.|torch\\.testing\\.|assertThat");
    private static final Pattern TRIVIAL_ASSERT = Pattern.compile(
            "^\\s*assert\\s+(True|1|not\\s+False|not\\s+None|\\(\\s*True\\s*\\))\\s*(,.*)?$");
    private static final Pattern ROUTE_DECORATOR = Pattern.compile(
            "^\\s*@\\s*\\w+(?:\\.\\w+)*\\.(get|post|put|delete|patch|route|api_route|websocket|head|options)\\s*\\(");
    private static final Pattern ROUTE_CALL = Pattern.compile("\\.(add_url_rule|add_api_route|add_route)\\s*\\(");
    private static final Pattern DJANGO_ROUTE = Pattern.compile("^\\s*(re_)?path\\s*\\(\\s*r?['\"]");
    private static final Pattern BENTOML = Pattern.compile("@\\s*(bentoml\\.(api|service)|\\w+\\.api)\\b");
    private static final Pattern CLASS_DEF = Pattern.compile("^\\s*class\\s+(\\w+)\\s*\\(([^)]*)\\)?");
    private static final Pattern NN_BASE = Pattern.compile(
            "(?:^|[\\s,.])(Module|Model|Layer|LightningModule)\\s*(?:,|$)");
    private static final Pattern NN_METHOD = Pattern.compile(
            "^\\s*def\\s+(forward|call|__call__|training_step|setup)\\s*\\(");
    /** A layer built in a class body: what makes a subclass of the author's own base class a network too. */
    private static final Pattern NN_LAYER = Pattern.compile(
            "\\bself\\.\\w+\\s*=\\s*(nn|layers|hk|eqx\\.nn|tf\\.keras\\.layers|keras\\.layers)\\.[A-Z]\\w*\\s*\\(");
    private static final Pattern MAIN_GUARD = Pattern.compile("^if\\s+__name__\\s*==\\s*['\"]__main__['\"]\\s*:");
    private static final Pattern CLI_DECORATOR = Pattern.compile("^\\s*@\\s*(click\\.command|app\\.command|typer\\.|hydra\\.main|\\w+\\.command\\s*\\()");
    private static final Pattern LOCUST_USER = Pattern.compile("^\\s*class\\s+\\w+\\s*\\([^)]*\\b(HttpUser|FastHttpUser|User)\\b");
    private static final Pattern TASK_DECORATOR = Pattern.compile("^\\s*@\\s*task\\b|\\btasks\\s*=");
    private static final Pattern FEAST_DEF = Pattern.compile("\\b(FeatureView|FeatureService|BatchFeatureView|StreamFeatureView|OnDemandFeatureView)\\s*\\(");

    private final String path;
    private final PythonCode code;
    private final boolean notebook;
    private final List<PythonImport> imports = new ArrayList<>();
    private final Set<Integer> importLines = new HashSet<>();
    /** Every line of an import statement, mapped to the imports that statement makes. */
    /** The code without its import statements, where a used import's name must appear. */
    private final String body;
    private final java.util.Map<String, Boolean> usedNames = new java.util.HashMap<>();
    private final java.util.Map<String, Boolean> usedModules = new java.util.HashMap<>();

    PythonAnalyzer(String path, PythonCode code, boolean notebook) {
        this.path = path;
        this.code = code;
        this.notebook = notebook;
        collectImports();
        this.body = codeWithoutImports();
    }

    List<PythonImport> imports() {
        return imports;
    }

    /**
     * A line of an import statement: patterns never match it. An import shows that a name is available,
     * not that the practice is done; evidence must be the line that does it (the `imports:` detector is
     * the one that judges imports, and only used ones).
     */
    boolean isImportLine(int index) {
        return importLines.contains(index);
    }

    /** True when the file imports {@code module} (or a submodule) and uses the bound name. */
    boolean usesImport(String module) {
        return usedModules.computeIfAbsent(module, this::computeUsesImport);
    }

    private boolean computeUsesImport(String module) {
        for (PythonImport imp : imports) {
            if (imp.isOf(module) && isUsed(imp)) {
                return true;
            }
        }
        return false;
    }

    private boolean isUsed(PythonImport imp) {
        return imp.boundName().equals("*") || usedNames.computeIfAbsent(imp.boundName(), this::appearsAsWord);
    }

    /** Whether a name occurs as a whole identifier in the code outside import statements. */
    private boolean appearsAsWord(String name) {
        int from = 0;
        while (true) {
            int at = body.indexOf(name, from);
            if (at < 0) {
                return false;
            }
            int end = at + name.length();
            boolean startOk = at == 0 || !isIdentifierChar(body.charAt(at - 1));
            boolean endOk = end >= body.length() || !isIdentifierChar(body.charAt(end));
            if (startOk && endOk) {
                return true;
            }
            from = at + 1;
        }
    }

    private static boolean isIdentifierChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    private boolean usesAnyImport(String... modules) {
        for (String module : modules) {
            if (usesImport(module)) {
                return true;
            }
        }
        return false;
    }

    /** Analyses the module on its own, its role signals searched in a literal pass of their own. */
    void analyze(FactStore store) {
        analyze(store, judgesModuleRole() ? countRoleSignals(ROLE_PATTERNS.candidates(code.text(), ALL_ROLES), 0) : null);
    }

    /**
     * @param roleSignals per role of {@link #ROLES}, the lines of code that hold one of its signals, when
     *                    {@link #judgesModuleRole()}; the scan counts them in its one literal pass over the code
     */
    void analyze(FactStore store, int[] roleSignals) {
        for (PythonImport imp : imports) {
            FactType type = isUsed(imp) ? FactType.IMPORT : FactType.UNUSED_IMPORT;
            store.add(type, imp.module(), new Evidence(path, imp.line(), "import " + imp.module()));
        }
        if (code.isBlank()) {
            return;
        }
        if (!notebook) {
            moduleFacts(store, roleSignals);
        }
        testFacts(store);
        routeFacts(store);
        classFacts(store);
        workflowFacts(store);
        uiFacts(store);
    }

    /** Code signals of each pipeline role; a module's role is the one with most signals, if clear. */
    private static final String[] ROLES = {"data", "features", "train", "evaluate"};
    static final Pattern[] ROLE_SIGNALS = {
            Pattern.compile("\\.read_(csv|parquet|json|excel|sql|feather|table)\\s*\\(|\\bload_dataset\\s*\\(|\\bDataLoader\\s*\\(|\\bclass\\s+\\w+\\s*\\(\\s*(torch\\.utils\\.data\\.)?(Iterable)?Dataset\\s*\\)|\\bnp\\.(load|memmap|fromfile)\\s*\\(|\\burlretrieve\\s*\\(|\\brequests\\.get\\s*\\(|\\bdef\\s+\\w*(load|download|prepare|split)_?\\w*\\s*\\("),
            Pattern.compile("\\btransforms\\.\\w+\\s*\\(|\\b\\w*Tokenizer\\b|\\bdef\\s+(encode|decode|tokeni[sz]e|augment\\w*|\\w*features?\\w*)\\s*\\(|\\b(StandardScaler|OneHotEncoder|ColumnTransformer|SelectKBest|PolynomialFeatures)\\b|\\bbpe\\b|\\bvocab\\w*\\s*="),
            Pattern.compile("\\boptimizer\\.(step|zero_grad)\\s*\\(|\\.backward\\s*\\(|\\.fit\\s*\\(|\\bfor\\s+\\w*epoch\\w*\\s+in\\b|\\blr_scheduler\\b|\\boptim\\.\\w+\\s*\\(|\\bTrainer\\s*\\(|\\bdef\\s+train\\w*\\s*\\("),
            Pattern.compile("\\b(accuracy_score|f1_score|roc_auc_score|confusion_matrix|classification_report|mean_squared_error)\\b|\\bdef\\s+\\w*(evaluate|eval|validate|estimate_loss|test)\\w*\\s*\\(|\\b(val|test|eval)_(loss|acc|accuracy)\\b|\\btop[15]\\b|\\bperplexity\\b|\\bmodel\\.eval\\s*\\(")};

    /** The signals alone, for a module analysed outside a scan; a scan appends them to its own pattern set. */
    private static final PatternSet ROLE_PATTERNS = new PatternSet(roleSignalPatterns());
    private static final boolean[] ALL_ROLES = {true, true, true, true};

    static List<com.google.re2j.Pattern> roleSignalPatterns() {
        return java.util.Arrays.stream(ROLE_SIGNALS).map(p -> com.google.re2j.Pattern.compile(p.pattern())).toList();
    }

    /** Whether the module's predominant role is judged: a module of code, not a test, package marker or setup script. */
    boolean judgesModuleRole() {
        if (notebook || code.isBlank() || isTestFile()) {
            return false;
        }
        String stem = stem();
        return !stem.equals("__init__") && !stem.equals("setup") && !stem.equals("conftest");
    }

    /**
     * The lines holding a signal of each role.
     *
     * @param first the index in {@code candidates}' pattern set of the first role signal
     */
    int[] countRoleSignals(PatternSet.Candidates candidates, int first) {
        int[] counts = new int[ROLES.length];
        List<String> lines = code.lines();
        for (int r = 0; r < ROLES.length; r++) {
            java.util.BitSet maybe = candidates.lines(first + r);
            for (int i = maybe.nextSetBit(0); i >= 0 && i < lines.size(); i = maybe.nextSetBit(i + 1)) {
                if (candidates.matches(first + r, i, lines.get(i))) {
                    counts[r]++;
                }
            }
        }
        return counts;
    }

    private void roleFacts(FactStore store, int[] counts) {
        int best = -1;
        boolean tie = false;
        for (int r = 0; r < ROLES.length; r++) {
            if (best < 0 || counts[r] > counts[best]) {
                best = r;
                tie = false;
            } else if (counts[r] == counts[best]) {
                tie = true;
            }
        }
        if (counts[best] >= 2 && !tie) {
            store.add(FactType.MODULE_ROLE, ROLES[best], Evidence.ofFile(path, counts[best] + " " + ROLES[best] + " signals"));
        }
    }

    private String stem() {
        String name = path.substring(path.lastIndexOf('/') + 1);
        return name.endsWith(".py") ? name.substring(0, name.length() - 3) : name;
    }

    private void moduleFacts(FactStore store, int[] roleSignals) {
        String stem = stem();
        if (judgesModuleRole()) {
            store.add(FactType.PYTHON_MODULE, stem.toLowerCase(Locale.ROOT), Evidence.ofFile(path, stem));
            roleFacts(store, roleSignals);
        }
        List<String> lines = code.lines();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if ((line.startsWith("if") && MAIN_GUARD.matcher(line).find()) || (line.contains("@") && CLI_DECORATOR.matcher(line).find())) {
                store.add(FactType.MAIN_ENTRY_POINT, path, new Evidence(path, code.lineNumber(i), line));
                break;
            }
        }
    }

    boolean isTestFile() {
        String name = path.substring(path.lastIndexOf('/') + 1);
        return name.startsWith("test_") || name.endsWith("_test.py") || name.equals("tests.py") || name.equals("conftest.py")
                || path.startsWith("tests/") || path.contains("/tests/") || path.startsWith("test/") || path.contains("/test/");
    }

    private void testFacts(FactStore store) {
        if (notebook || !isTestFile()) {
            return;
        }
        List<String> lines = code.lines();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).contains("def test")) {
                continue;
            }
            Matcher m = TEST_DEF.matcher(lines.get(i));
            if (!m.find()) {
                continue;
            }
            boolean asserts = false;
            for (int b : code.bodyOf(i)) {
                String body = lines.get(b);
                if (ASSERTION.matcher(body).find() && !TRIVIAL_ASSERT.matcher(body).find()) {
                    asserts = true;
                    break;
                }
            }
            Evidence e = new Evidence(path, code.lineNumber(i), "def " + m.group(1));
            store.add(asserts ? FactType.TEST_FUNCTION : FactType.TEST_WITHOUT_ASSERT, path, e);
        }
    }

    private void routeFacts(FactStore store) {
        String framework = webFramework();
        if (framework == null) {
            return;
        }
        List<String> lines = code.lines();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            boolean route = switch (framework) {
                case "bentoml" -> BENTOML.matcher(line).find();
                case "django" -> DJANGO_ROUTE.matcher(line).find();
                default -> ROUTE_DECORATOR.matcher(line).find() || ROUTE_CALL.matcher(line).find();
            };
            if (route) {
                store.add(FactType.API_ROUTE, framework, new Evidence(path, code.lineNumber(i), line));
            }
        }
    }

    private String webFramework() {
        String[][] frameworks = {
                {"fastapi", "fastapi"}, {"flask", "flask"}, {"starlette", "starlette"}, {"quart", "quart"},
                {"sanic", "sanic"}, {"aiohttp", "aiohttp"}, {"litestar", "litestar"}, {"ninja", "django"},
                {"bentoml", "bentoml"}, {"django.urls", "django"}, {"tornado", "tornado"}, {"falcon", "falcon"}};
        for (String[] f : frameworks) {
            if (usesImport(f[0])) {
                return f[1];
            }
        }
        return null;
    }

    private void classFacts(FactStore store) {
        String framework = usesAnyImport("torch") ? "pytorch"
                : usesAnyImport("tensorflow", "keras") ? "tensorflow"
                : usesAnyImport("flax", "haiku", "equinox") ? "jax"
                : usesAnyImport("lightning", "pytorch_lightning") ? "pytorch" : null;
        boolean locust = usesImport("locust");
        boolean feast = usesImport("feast");
        List<String> lines = code.lines();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (feast && line.contains("View") && FEAST_DEF.matcher(line).find()) {
                store.add(FactType.FEATURE_STORE, "feast", new Evidence(path, code.lineNumber(i), line));
            }
            if (!line.contains("class ")) {
                continue;
            }
            Matcher m = CLASS_DEF.matcher(line);
            if (!m.find() || m.group(2) == null) {
                continue;
            }
            List<Integer> body = code.bodyOf(i);
            if (framework != null && anyMatches(body, NN_METHOD)
                    && (NN_BASE.matcher(m.group(2).trim()).find() || anyMatches(body, NN_LAYER))) {
                store.add(FactType.NN_MODULE, framework, new Evidence(path, code.lineNumber(i), "class " + m.group(1) + "(" + m.group(2) + ")"));
            }
            if (locust && LOCUST_USER.matcher(line).find() && anyMatches(body, TASK_DECORATOR)) {
                store.add(FactType.LOAD_TEST, "locust", new Evidence(path, code.lineNumber(i), line));
            }
        }
    }

    private boolean anyMatches(List<Integer> body, Pattern pattern) {
        for (int b : body) {
            if (pattern.matcher(code.lines().get(b)).find()) {
                return true;
            }
        }
        return false;
    }

    /** A tool that counts when its module is used and one of its lines has the tool's telltale shape. */
    /** @param literals one of which any matching line holds; null when none could be derived */
    private record ToolSignature(String module, Pattern line, LiteralPrefilter literals) {
        static ToolSignature of(String module, String regex) {
            LiteralPrefilter literals = LiteralPrefilter.of(regex);
            return new ToolSignature(module, Pattern.compile(regex), literals == null || literals.caseInsensitive() ? null : literals);
        }
    }

    private static final List<ToolSignature> WORKFLOWS = List.of(
            ToolSignature.of("airflow", "^\\s*@\\s*dag\\b|\\bDAG\\s*\\("),
            ToolSignature.of("prefect", "^\\s*@\\s*flow\\b"),
            ToolSignature.of("dagster", "^\\s*@\\s*(job|asset|graph|op)\\b|\\bDefinitions\\s*\\("),
            ToolSignature.of("kedro", "\\b(pipeline|Pipeline)\\s*\\(\\s*\\[|\\bnode\\s*\\("),
            ToolSignature.of("metaflow", "\\(\\s*FlowSpec\\s*\\)"),
            ToolSignature.of("zenml", "^\\s*@\\s*pipeline\\b"),
            ToolSignature.of("kfp", "^\\s*@\\s*(dsl\\.)?pipeline\\b"),
            ToolSignature.of("luigi", "\\(\\s*luigi\\.Task\\s*\\)"),
            ToolSignature.of("flytekit", "^\\s*@\\s*workflow\\b"));

    private static final List<ToolSignature> UI_TOOLKITS = List.of(
            ToolSignature.of("streamlit", "\\bst\\.\\w+\\(|streamlit\\.\\w+\\("),
            ToolSignature.of("gradio", "\\.(Interface|Blocks|ChatInterface)\\s*\\("),
            ToolSignature.of("dash", "\\bDash\\s*\\(|\\.layout\\s*="),
            ToolSignature.of("panel", "\\.servable\\s*\\(|pn\\.serve\\s*\\("),
            ToolSignature.of("flask", "\\brender_template\\s*\\("),
            ToolSignature.of("fastapi", "\\bJinja2Templates\\s*\\(|HTMLResponse"));

    private void workflowFacts(FactStore store) {
        toolFacts(WORKFLOWS, FactType.ORCHESTRATED_WORKFLOW, store);
    }

    private void uiFacts(FactStore store) {
        toolFacts(UI_TOOLKITS, FactType.WEB_UI, store);
    }

    /** One fact per tool whose module the file uses, at the first line with the tool's signature. */
    private void toolFacts(List<ToolSignature> tools, FactType type, FactStore store) {
        List<String> lines = code.lines();
        for (ToolSignature tool : tools) {
            // A file without the signature's literals (most files that import fastapi have no HTMLResponse)
            // is turned away by one search of its code rather than a regex on every line.
            if (!usesImport(tool.module()) || tool.literals() != null && !tool.literals().mayMatch(code.text())) {
                continue;
            }
            for (int i = 0; i < lines.size(); i++) {
                if (tool.line().matcher(lines.get(i)).find()) {
                    store.add(type, tool.module(), new Evidence(path, code.lineNumber(i), lines.get(i)));
                    break;
                }
            }
        }
    }

    private void collectImports() {
        List<String> lines = code.lines();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String trimmed = line.stripLeading();
            if (!trimmed.startsWith("import") && !trimmed.startsWith("from")) {
                continue;
            }
            int fileLine = code.lineNumber(i);
            Matcher from = FROM_IMPORT.matcher(line);
            if (from.find()) {
                String module = from.group(1);
                StringBuilder names = new StringBuilder(from.group(2));
                importLines.add(i);
                // Parenthesised import lists may span lines.
                if (names.indexOf("(") >= 0 && names.indexOf(")") < 0) {
                    while (i + 1 < lines.size()) {
                        i++;
                        importLines.add(i);
                        names.append(' ').append(lines.get(i));
                        if (lines.get(i).contains(")")) {
                            break;
                        }
                    }
                }
                if (module.startsWith(".")) {
                    continue;
                }
                List<PythonImport> made = new ArrayList<>();
                for (String part : names.toString().replace("(", " ").replace(")", " ").replace("\\", " ").split(",")) {
                    String[] words = part.trim().split("\\s+");
                    if (words.length == 0 || words[0].isEmpty()) {
                        continue;
                    }
                    String bound = words.length >= 3 && words[1].equals("as") ? words[2] : words[0];
                    // "from google.cloud import aiplatform" imports google.cloud.aiplatform.
                    String full = words[0].equals("*") ? module : module + "." + words[0];
                    made.add(new PythonImport(full, bound, fileLine));
                }
                imports.addAll(made);
                continue;
            }
            Matcher plain = IMPORT.matcher(line);
            if (plain.find()) {
                importLines.add(i);
                List<PythonImport> made = new ArrayList<>();
                for (String part : plain.group(1).split(",")) {
                    String[] words = part.trim().split("\\s+");
                    if (words.length == 0 || words[0].isEmpty() || !words[0].matches("[\\w.]+")) {
                        continue;
                    }
                    String module = words[0];
                    String bound = words.length >= 3 && words[1].equals("as") ? words[2] : module.split("\\.")[0];
                    made.add(new PythonImport(module, bound, fileLine));
                    imports.add(made.get(made.size() - 1));
                }
            }
        }
    }

    private String codeWithoutImports() {
        StringBuilder sb = new StringBuilder();
        List<String> lines = code.lines();
        for (int i = 0; i < lines.size(); i++) {
            if (!importLines.contains(i)) {
                sb.append(lines.get(i)).append('\n');
            }
        }
        return sb.toString();
    }
}
