package dev.mlproj.scaffold;

import dev.mlproj.testing.TemplateTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Generated files are recognised by content, so removing the scaffold record hides nothing. */
class TemplateFingerprintsTest {

    @TempDir
    Path tmp;

    @Test
    void filesStillAsGeneratedAreRecognisedWithoutARecord() throws Exception {
        TemplateTree tree = TemplateTree.standard(tmp.resolve("templates"));
        Path repo = tmp.resolve("churn_model");
        try (TemplateLibrary lib = TemplateLibrary.fromDirectory(tree.root())) {
            List<PlannedFile> files = new SkeletonPlanner(lib).skeleton(2, "data",
                    TemplateVariables.of(ProjectName.parse("churn_model"), "churn_model", 2, "data", "test"));
            ProjectWriter.createProject(repo, files, false); // no record written: as if the author deleted it
            // real code (a comment alone would still be the generated file: ScaffoldContentTest)
            Files.writeString(repo.resolve("churn_model/validate.py"),
                    "import pandas as pd\n\ndef check(df):\n    assert not df.empty\n    return df.dropna()\n");
            Files.createDirectories(tmp.resolve("elsewhere"));
            Files.move(repo.resolve("configs"), tmp.resolve("elsewhere/configs"));
            Files.createSymbolicLink(repo.resolve("configs"), tmp.resolve("elsewhere/configs"));

            assertThat(TemplateFingerprints.untouched(repo, lib, "test"))
                    .contains("Dockerfile", "README.md", "churn_model/config.py", "tests/test_config.py", ".github/workflows/ci.yml")
                    .doesNotContain("churn_model/validate.py", "configs/config.yaml");
        }
    }

    @Test
    void anUnrelatedRepositoryHasNone() throws Exception {
        TemplateTree tree = TemplateTree.standard(tmp.resolve("templates"));
        Path repo = Files.createDirectories(tmp.resolve("repo"));
        Files.writeString(repo.resolve("README.md"), "# Mine\n");
        Files.writeString(repo.resolve("Dockerfile"), "FROM python:3.12\n");
        try (TemplateLibrary lib = TemplateLibrary.fromDirectory(tree.root())) {
            assertThat(TemplateFingerprints.untouched(repo, lib, "test")).isEmpty();
        }
    }
}
