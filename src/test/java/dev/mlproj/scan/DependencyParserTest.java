package dev.mlproj.scan;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DependencyParserTest {

    private static List<String> names(String file, String text) {
        return DependencyParser.parse(file, text).stream().map(DependencyParser.Declared::name).toList();
    }

    @Test
    void requirements() {
        assertThat(names("requirements-dev.txt", """
                # comment
                scikit-learn>=1.3  # inline
                pandas==2.1.0
                -r base.txt
                --extra-index-url https://example.org
                git+https://github.com/org/repo.git#egg=My_Package
                torch ; python_version > "3.8"
                """)).containsExactly("scikit-learn", "pandas", "my-package", "torch");
    }

    @Test
    void pyprojectPep621AndPoetry() {
        assertThat(names("pyproject.toml", """
                [project]
                name = "churn"
                dependencies = [
                  "lightgbm>=4",  # boosting
                  "PyYAML",
                ]
                [project.optional-dependencies]
                dev = ["pytest>=8"]
                [tool.poetry.dependencies]
                python = "^3.11"
                fastapi = "^0.110"
                [tool.ruff]
                line-length = 100
                """)).containsExactly("lightgbm", "pyyaml", "pytest", "fastapi");
    }

    @Test
    void setupCfgSetupPyEnvironmentAndPipfile() {
        assertThat(names("setup.cfg", "[options]\ninstall_requires =\n    numpy\n    scipy>=1\n[flake8]\nmax = 1\n"))
                .containsExactly("numpy", "scipy");
        assertThat(names("setup.py", "setup(name='x', install_requires=['requests>=2', \"xgboost\"], extras_require={'dev': ['pytest']})"))
                .containsExactly("requests", "xgboost", "pytest");
        assertThat(names("environment.yml", "name: env\ndependencies:\n  - python=3.11\n  - conda-forge::numpy=1.26\n  - pip:\n    - mlflow==2.0\nchannels:\n  - defaults\n"))
                .containsExactly("numpy", "mlflow");
        assertThat(names("Pipfile", "[packages]\nflask = \"*\"\n[dev-packages]\npytest = \"*\"\n[requires]\npython_version = \"3.11\"\n"))
                .containsExactly("flask", "pytest");
    }

    @Test
    void garbageNeverThrows() {
        for (String file : List.of("requirements.txt", "pyproject.toml", "setup.cfg", "setup.py", "environment.yml", "Pipfile")) {
            assertThat(DependencyParser.parse(file, "[[[\n\u0000\"'\n= = =\ninstall_requires=[\n")).isNotNull();
        }
    }

    /**
     * Lines built to make the old regexes backtrack (a TOML header of brackets or spaces; setup.py lists
     * left open, many values). Each finishes; the guard is for a hang (hours), not for speed.
     */
    @Test
    void hostileManifestsFinish() {
        String[] brackets = {"[" + " ".repeat(300_000), "[".repeat(300_000), "[[" + " a".repeat(150_000)};
        long start = System.nanoTime();
        for (String text : brackets) {
            assertThat(DependencyParser.parse("pyproject.toml", text)).isEmpty();
            assertThat(DependencyParser.parse("Pipfile", text)).isEmpty();
        }
        assertThat(DependencyParser.parse("setup.py", "install_requires=[".repeat(200_000))).isEmpty();
        assertThat(DependencyParser.parse("setup.py", "install_requires=[" + "'a',\n".repeat(200_000))).hasSize(200_000);
        assertThat(System.nanoTime() - start).isLessThan(120_000_000_000L);
    }

    @Test
    void tomlHeadersAreReadByHand() {
        assertThat(DependencyParser.tomlHeader("  [ project ]  ")).isEqualTo("project");
        assertThat(DependencyParser.tomlHeader("[[tool.uv.index]]")).isEqualTo("tool.uv.index");
        assertThat(DependencyParser.tomlHeader("[\"tool\".poetry]")).isEqualTo("\"tool\".poetry");
        assertThat(DependencyParser.tomlHeader("[]")).isNull();
        assertThat(DependencyParser.tomlHeader("[a]b]")).isNull();
        assertThat(DependencyParser.tomlHeader("dependencies = [\"a\"]")).isNull();
    }
}
