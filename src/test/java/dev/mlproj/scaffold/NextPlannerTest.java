package dev.mlproj.scaffold;

import dev.mlproj.testing.FixtureRepo;
import dev.mlproj.testing.TemplateTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class NextPlannerTest {

    @TempDir
    Path tmp;

    @Test
    void plansTheProvidedFilesForMissingCriteriaInTheRepositorysLayout() throws Exception {
        TemplateTree tree = TemplateTree.standard(tmp.resolve("templates"));
        Path repo = FixtureRepo.plain(tmp.resolve("repo"))
                .file("src/churn/__init__.py", "")
                .file("src/churn/train.py", "import sklearn\n")
                .file("tests/test_config.py", "def test_mine():\n    assert True\n")
                .root();
        RepoLayout layout = RepoLayout.detect(repo);
        assertThat(layout.packageDir()).isEqualTo("src/churn");
        assertThat(layout.project().pkg()).isEqualTo("churn");

        try (TemplateLibrary lib = TemplateLibrary.fromDirectory(tree.root())) {
            NextPlanner.NextPlan plan = new NextPlanner(lib).plan(repo, 2, null,
                    List.of("L2-tests", "L2-config-driven", "L2-pipeline"),
                    TemplateVariables.of(layout.project(), layout.packageDir(), 2, "data", "test"));
            assertThat(plan.steps()).extracting(s -> s.file().path() + (s.conflict() ? " (conflict)" : ""))
                    .containsExactly("configs/config.yaml", "src/churn/config.py", "tests/test_config.py (conflict)");
            assertThat(plan.steps().get(1).file().criteria()).containsExactly("L2-config-driven");
            assertThat(new String(plan.steps().get(1).file().content(), StandardCharsets.UTF_8)).contains("PACKAGE = \"churn\"");
            assertThat(plan.toWrite()).extracting(PlannedFile::path).containsExactly("configs/config.yaml", "src/churn/config.py");
            assertThat(plan.uncovered()).containsExactly("L2-pipeline");
        }
    }

    @Test
    void withoutAPackageTheNameComesFromTheDirectory() throws Exception {
        Path repo = FixtureRepo.plain(tmp.resolve("Fraud-Radar")).file("notebooks/a.ipynb", "{}").root();
        RepoLayout layout = RepoLayout.detect(repo);
        assertThat(layout.project().pkg()).isEqualTo("fraud_radar");
        assertThat(layout.packageDir()).isEqualTo("fraud_radar");
    }
}
