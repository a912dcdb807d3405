package dev.mlproj.scaffold;

import java.time.Year;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The variables every template sees; documented in docs/templates.md. */
public final class TemplateVariables {

    public static final String[] FOCUS_IDS = {"data", "models", "architecture", "product"};

    private TemplateVariables() {
    }

    /**
     * @param packageDir the package's directory relative to the project root ({@code pkg} for new projects,
     *                   what the repository uses for {@code next}, e.g. {@code src/pkg})
     */
    public static Map<String, Object> of(ProjectName project, String packageDir, int level, String focus, String version) {
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("name", project.name());
        vars.put("package", project.pkg());
        vars.put("packageDir", packageDir);
        int slash = packageDir.lastIndexOf('/');
        vars.put("sourceRoot", slash < 0 ? "." : packageDir.substring(0, slash)); // what PYTHONPATH needs: "." or "src"
        vars.put("title", project.title());
        vars.put("slug", project.slug());
        vars.put("level", level);
        vars.put("focus", focus);
        for (String id : FOCUS_IDS) {
            vars.put("focus" + Character.toUpperCase(id.charAt(0)) + id.substring(1).toLowerCase(Locale.ROOT), id.equals(focus));
        }
        vars.put("year", Year.now().getValue());
        vars.put("mlprojVersion", version);
        ProjectHygiene.pythonVariables(vars, ProjectHygiene.DEFAULT_PYTHON);
        return vars;
    }
}
