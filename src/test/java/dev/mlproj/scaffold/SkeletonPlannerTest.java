package dev.mlproj.scaffold;

import dev.mlproj.config.ConfigException;
import dev.mlproj.testing.TemplateTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SkeletonPlannerTest {

    @TempDir
    Path tmp;

    private static Map<String, Object> vars(String focus) {
        return TemplateVariables.of(ProjectName.parse("churn-model"), "churn_model", 2, focus, "test");
    }

    private static Map<String, String> byPath(List<PlannedFile> files) {
        return files.stream().collect(Collectors.toMap(PlannedFile::path, f -> new String(f.content(), StandardCharsets.UTF_8)));
    }

    @Test
    void laysSharedLayersThenBaseThenFocusAndRendersOnlyMustacheFiles() throws Exception {
        TemplateTree tree = TemplateTree.standard(tmp.resolve("templates"));
        try (TemplateLibrary lib = TemplateLibrary.fromDirectory(tree.root())) {
            Map<String, String> files = byPath(new SkeletonPlanner(lib).skeleton(2, "data", vars("data")));
            assertThat(files).containsOnlyKeys("Dockerfile", "README.md", "configs/config.yaml", "churn_model/config.py",
                    "churn_model/__init__.py", "tests/test_config.py", ".github/workflows/ci.yml", "churn_model/validate.py");
            assertThat(files.get("README.md")).isEqualTo("# Churn Model (churn_model)\nData focus.\n");
            assertThat(files.get("tests/test_config.py")).isEqualTo("from churn_model.config import PACKAGE\n");
            assertThat(files.get(".github/workflows/ci.yml")).contains("${{ github.sha }}");
            assertThat(files.get("churn_model/validate.py")).isEqualTo("# validation for churn-model\n");

            Map<String, String> models = byPath(new SkeletonPlanner(lib).skeleton(2, "models", vars("models")));
            assertThat(models).doesNotContainKey("churn_model/validate.py");
            assertThat(models.get("README.md")).isEqualTo("# Churn Model (churn_model)\n");
        }
    }

    @Test
    void anUnknownVariableIsAnErrorWithItsPosition() throws Exception {
        TemplateTree tree = TemplateTree.standard(tmp.resolve("templates"))
                .file("level1/base/notes.md.mustache", "line one\n  {{projet_name}}\n");
        try (TemplateLibrary lib = TemplateLibrary.fromDirectory(tree.root())) {
            assertThatThrownBy(() -> new SkeletonPlanner(lib).skeleton(1, null, vars("data")))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("templates/level1/base/notes.md.mustache:2:3")
                    .hasMessageContaining("unknown template variable 'projet_name'");
        }
    }

    @Test
    void partialsAreRefusedSoNoTemplateReadsFilesOutsideTheTree() throws Exception {
        TemplateTree tree = TemplateTree.standard(tmp.resolve("templates"))
                .file("level1/base/x.txt.mustache", "{{> /etc/passwd}}\n");
        try (TemplateLibrary lib = TemplateLibrary.fromDirectory(tree.root())) {
            assertThatThrownBy(() -> new SkeletonPlanner(lib).skeleton(1, null, vars("data")))
                    .isInstanceOf(ConfigException.class).hasMessageContaining("partials");
        }
    }

    @Test
    void aTemplatePathCannotRenderOutsideTheProject() throws Exception {
        TemplateTree tree = TemplateTree.standard(tmp.resolve("templates"))
                .file("level1/base/{{packageDir}}/x.py", "");
        Map<String, Object> escaping = TemplateVariables.of(ProjectName.parse("ok"), "../../etc", 1, "data", "test");
        try (TemplateLibrary lib = TemplateLibrary.fromDirectory(tree.root())) {
            assertThatThrownBy(() -> new SkeletonPlanner(lib).skeleton(1, null, escaping))
                    .isInstanceOf(ConfigException.class).hasMessageContaining("not a path inside the project");
        }
    }

    @Test
    void manifestErrorsNameFileLineAndColumn() throws Exception {
        TemplateTree tree = TemplateTree.standard(tmp.resolve("templates"))
                .file("level2/manifest.yaml", "title: T\ndescription: D\nprovides:\n  - criterion: X\n    filez: [a]\n");
        try (TemplateLibrary lib = TemplateLibrary.fromDirectory(tree.root())) {
            assertThatThrownBy(() -> lib.manifest(2)).isInstanceOf(ConfigException.class)
                    .hasMessageContaining("templates/level2/manifest.yaml:5:5").hasMessageContaining("unknown key 'filez'");
        }
    }

    @Test
    void theBuiltInLibraryIsReadableFromTheClasspath() throws Exception {
        try (TemplateLibrary lib = TemplateLibrary.builtin()) {
            assertThat(lib.levels()).containsExactly(1, 2, 3, 4, 5);
            assertThat(lib.manifest(1).layers()).containsExactly("shared/project");
            assertThat(lib.manifest(3).layers()).containsExactly("shared/project", "shared/service");
            assertThat(lib.manifest(4).layers()).containsExactly("shared/project", "shared/service");
            assertThat(lib.manifest(5).layers()).containsExactly("shared/project");
            // Level 5 offers foreign repositories only the modules that stand alone, never the write-up.
            assertThat(lib.manifest(5).provides()).extracting(TemplateManifest.Provision::criterion)
                    .containsExactly("L5-fixed-seeds", "L5-custom-architecture", "L5-novel-method", "L5-research-area");
            assertThat(lib.manifest(5).provides()).flatExtracting(TemplateManifest.Provision::files)
                    .noneMatch(f -> f.startsWith("paper/") || f.startsWith("configs/"));
        }
    }

    @Test
    void hostileManifestsAreRefusedWithTheirPosition() {
        String file = "templates/level2/manifest.yaml";
        assertThatThrownBy(() -> TemplateManifest.parse(file, "title: [unclosed\ndescription: D\n"))
                .isInstanceOf(ConfigException.class).hasMessageMatching("templates/level2/manifest\\.yaml:\\d+:\\d+: YAML syntax error.*");
        StringBuilder bomb = new StringBuilder("title: T\ndescription: D\na0: &a0 [x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 30; i++) {
            bomb.append("a").append(i).append(": &a").append(i).append(" [").append(("*a" + (i - 1) + ", ").repeat(8)).append("*a").append(i - 1).append("]\n");
        }
        assertThatThrownBy(() -> TemplateManifest.parse(file, bomb.toString()))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith(file + ":");
        assertThatThrownBy(() -> TemplateManifest.parse(file, "title: T\ndescription: D\nlayers: {a: 1}\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining(file + ":3:9: 'layers' must be a list of strings, not a mapping");
        assertThatThrownBy(() -> TemplateManifest.parse(file, "title: 7\ndescription: D\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining(file + ":1:8: 'title' must be a string, not an integer");
        assertThatThrownBy(() -> TemplateManifest.parse(file, "title: T\ndescription: D\nprovides:\n  - criterion: X\n    files: ['../../.bashrc']\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("must be a relative path inside the project");
        assertThatThrownBy(() -> TemplateManifest.parse(file, "title: T\ndescription: D\nlayers: [shared/../../x]\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("must be a relative path inside templates/");
    }
}
