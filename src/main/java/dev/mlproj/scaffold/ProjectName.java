package dev.mlproj.scaffold;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A validated project name and the names derived from it. The name becomes a directory, so it is a
 * single safe path segment; the package name must be importable and must not shadow a module a
 * generated project imports.
 *
 * @param name    as typed, e.g. {@code churn-model}
 * @param pkg     the Python import name, e.g. {@code churn_model}
 * @param title   for people, e.g. {@code Churn Model}
 */
public record ProjectName(String name, String pkg, String title) {

    /** Longest slug: leaves room for suffixes such as {@code -retraining} within Kubernetes' 63 characters. */
    static final int SLUG_LENGTH = 40;

    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z][A-Za-z0-9._-]{0,63}");

    /** Device names Windows reserves in any directory, whatever the extension. */
    private static final Set<String> WINDOWS_DEVICES = Set.of("con", "prn", "aux", "nul",
            "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9",
            "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9");

    /** Python keywords, and modules that generated projects import or that pytest would confuse. */
    private static final Set<String> RESERVED_PACKAGES = Set.of(
            "false", "none", "true", "and", "as", "assert", "async", "await", "break", "class", "continue",
            "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in",
            "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with",
            "yield", "match", "case",
            "test", "tests", "src", "docs", "data", "models", "configs", "notebooks", "site", "setup",
            "abc", "ast", "collections", "copy", "dataclasses", "functools", "io", "json", "logging",
            "math", "os", "pathlib", "pickle", "random", "re", "statistics", "string", "sys", "time",
            "types", "typing", "unittest",
            "numpy", "pandas", "sklearn", "scipy", "matplotlib", "torch", "yaml", "joblib", "optuna",
            "fastapi", "httpx", "pytest", "mlflow", "airflow", "feast", "locust", "prometheus_client",
            "uvicorn", "pydantic", "starlette", "mlproj");

    /**
     * Module names a generated package must not take: Python 3.11's standard library
     * ({@code sys.stdlib_module_names}) and a curated list of popular PyPI import names, both read from
     * resource lists beside this class that say where they come from.
     */
    private static final class ReservedModules {
        static final Set<String> STDLIB = load("python-stdlib-modules.txt");
        static final Set<String> POPULAR = load("popular-python-packages.txt");

        private static Set<String> load(String resource) {
            try (InputStream in = ProjectName.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("resource " + resource + " is missing from the build");
                }
                Set<String> names = new HashSet<>();
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    String name = line.strip();
                    if (!name.isEmpty() && !name.startsWith("#")) {
                        names.add(name.toLowerCase(Locale.ROOT));
                    }
                }
                return Set.copyOf(names);
            } catch (IOException e) {
                throw new UncheckedIOException("resource " + resource + " cannot be read", e);
            }
        }
    }

    /** @throws IllegalArgumentException with a message that says what is wrong and what would do */
    public static ProjectName parse(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new IllegalArgumentException("NAME must not be empty");
        }
        if (raw.contains("/") || raw.contains("\\") || raw.equals(".") || raw.equals("..")) {
            throw new IllegalArgumentException("NAME '" + raw + "' must be a plain name, not a path (use --dir to choose where it goes)");
        }
        if (!ALLOWED.matcher(raw).matches()) {
            throw new IllegalArgumentException("NAME '" + raw + "' must start with a letter and use only letters, digits, '.', '_' and '-' (at most 64)");
        }
        String lower = raw.toLowerCase(Locale.ROOT);
        String stem = lower.contains(".") ? lower.substring(0, lower.indexOf('.')) : lower;
        if (WINDOWS_DEVICES.contains(stem)) {
            throw new IllegalArgumentException("NAME '" + raw + "' is a reserved device name on Windows");
        }
        String pkg = lower.replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        if (RESERVED_PACKAGES.contains(pkg)) {
            throw new IllegalArgumentException("NAME '" + raw + "' would make the Python package '" + pkg
                    + "', which is a keyword or shadows a module the project uses; choose another name");
        }
        if (ReservedModules.STDLIB.contains(pkg)) {
            throw new IllegalArgumentException("NAME '" + raw + "' would make the Python package '" + pkg
                    + "', which is a module of Python's standard library: the project's package would shadow it"
                    + " (its own tests would import the wrong one); choose another name, e.g. '" + raw + "-project'");
        }
        if (ReservedModules.POPULAR.contains(pkg)) {
            throw new IllegalArgumentException("NAME '" + raw + "' would make the Python package '" + pkg
                    + "', which is the import name of a widely used package on PyPI: the project's package would shadow it;"
                    + " choose another name, e.g. '" + raw + "-project'");
        }
        return new ProjectName(raw, pkg, titleOf(pkg));
    }

    /**
     * The name as a DNS label, e.g. {@code churn-model-v2} for {@code Churn_Model.v2}: lower case, runs
     * of other characters as one {@code -}, at most {@value #SLUG_LENGTH} characters. Kubernetes object
     * names, namespaces, image names and Terraform prefixes need this form, which the name as typed
     * (upper case, {@code _} and {@code .} allowed) does not always have.
     */
    public String slug() {
        String slug = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        if (slug.length() > SLUG_LENGTH) {
            slug = slug.substring(0, SLUG_LENGTH);
        }
        return slug.replaceAll("-+$", "");
    }

    static String titleOf(String pkg) {
        StringBuilder out = new StringBuilder();
        for (String word : pkg.split("_")) {
            if (word.isEmpty()) {
                continue;
            }
            if (!out.isEmpty()) {
                out.append(' ');
            }
            out.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
        }
        return out.toString();
    }
}
