package dev.mlproj.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Builds a small templates/ tree in a temp dir, so generator tests do not depend on the real templates. */
public final class TemplateTree {

    private final Path root;

    public TemplateTree(Path root) {
        this.root = root;
    }

    /** Two levels; level 2 builds on a shared layer and provides two criteria for `next`. */
    public static TemplateTree standard(Path root) {
        return new TemplateTree(root)
                .file("level1/manifest.yaml", "title: Notebook\ndescription: A notebook.\n")
                .file("level1/base/README.md.mustache", "# {{title}}\n")
                .file("level2/manifest.yaml", """
                        title: Pipeline
                        description: A pipeline.
                        layers: [shared/svc]
                        provides:
                          - criterion: L2-config-driven
                            files: ["configs/config.yaml", "{{packageDir}}/config.py"]
                          - criterion: L2-tests
                            files: [tests/test_config.py]
                        """)
                .file("shared/svc/Dockerfile", "FROM python:3.11-slim\nCMD [\"python\", \"-m\", \"app\"]\n")
                .file("shared/svc/README.md.mustache", "shared readme, replaced by base\n")
                .file("level2/base/README.md.mustache", "# {{title}} ({{package}})\n{{#focusData}}Data focus.\n{{/focusData}}")
                .file("level2/base/configs/config.yaml", "seed: 7\n")
                .file("level2/base/{{packageDir}}/config.py.mustache", "import yaml\nPACKAGE = \"{{package}}\"\n")
                .file("level2/base/{{packageDir}}/__init__.py", "")
                .file("level2/base/tests/test_config.py.mustache", "from {{package}}.config import PACKAGE\n")
                .file("level2/base/.github/workflows/ci.yml", "run: echo ${{ github.sha }}\n")
                .file("level2/focus/data/{{packageDir}}/validate.py.mustache", "# validation for {{name}}\n");
    }

    public TemplateTree file(String path, String content) {
        try {
            Path p = root.resolve(path);
            Files.createDirectories(p.getParent());
            Files.writeString(p, content, StandardCharsets.UTF_8);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path root() {
        return root;
    }
}
