package dev.mlproj.cli;

import dev.mlproj.testing.PackagedJar.Run;
import static dev.mlproj.testing.PackagedJar.mlproj;
import dev.mlproj.testing.TemplateTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** `mlproj update` from the packaged jar: --check in CI, and an update that keeps the author's edit. */
class UpdateIT {

    @Test
    void aFreshProjectIsCurrentAndAnOlderOneIsBehindThenUpdatedWithoutLosingAnEdit(@TempDir Path dir) throws Exception {
        Run made = mlproj(dir, "new", "shop", "--level", "2", "--focus", "data");
        assertThat(made.exitCode()).as(made.err()).isZero();
        Run current = mlproj(dir, "update", "shop", "--check");
        assertThat(current.exitCode()).as(current.out() + current.err()).isZero();

        Path v1 = TemplateTree.standard(dir.resolve("t1")).file("VERSION", "1\n").root();
        Path v2 = TemplateTree.standard(dir.resolve("t2")).file("VERSION", "2\n")
                .file("level2/base/README.md.mustache", "# {{title}} ({{package}})\n{{#focusData}}Data focus.\n{{/focusData}}\nUpdated.\n")
                .root();
        assertThat(mlproj(dir, "new", "old", "--level", "2", "--focus", "data", "--templates", v1.toString()).exitCode()).isZero();
        Files.writeString(dir.resolve("old/README.md"), Files.readString(dir.resolve("old/README.md")) + "My notes.\n");
        Run behind = mlproj(dir, "update", "old", "--check", "--templates", v2.toString());
        assertThat(behind.exitCode()).isEqualTo(1);
        Run update = mlproj(dir, "update", "old", "--templates", v2.toString());
        assertThat(update.out()).contains("README.md");
        String readme = Files.readString(dir.resolve("old/README.md"));
        assertThat(readme).contains("My notes.", "Updated.");
    }
}
