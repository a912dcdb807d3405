package dev.mlproj.scan;

import dev.mlproj.testing.Mutations;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes the dependency-manifest parsers. Property: they never throw, and what they return is bounded by
 * the input: no more declarations than the file has lines (setup.py: than it has quoted strings), each on
 * a line the file has, each a normalised package name.
 */
class DependencyParserFuzzTest {

    /** One seed per manifest the scanner reads, by file name. */
    static final Map<String, String> SEEDS = Map.of(
            "requirements.txt", """
                    # pinned
                    scikit-learn>=1.3  # inline
                    pandas==2.1.0
                    -r base.txt
                    --extra-index-url https://example.org/simple
                    git+https://github.com/org/repo.git#egg=My_Package
                    torch ; python_version > "3.8"
                    numpy[extra]~=1.26 \\
                        --hash=sha256:abc
                    """,
            "pyproject.toml", """
                    [project]
                    name = "churn"
                    dependencies = [
                      "lightgbm>=4",  # boosting
                      'PyYAML',
                    ]
                    [project.optional-dependencies]
                    dev = ["pytest>=8", "ruff"]
                    [tool.poetry.dependencies]
                    python = "^3.11"
                    fastapi = {version = "^0.110", extras = ["all"]}
                    [tool.poetry.group.dev.dependencies]
                    black = "*"
                    [[tool.uv.index]]
                    url = "https://example.org"
                    [tool.uv]
                    dev-dependencies = ["mypy"]
                    """,
            "setup.cfg", """
                    [metadata]
                    name = churn
                    [options]
                    install_requires =
                        numpy
                        scipy>=1 ; python_version >= "3.9"
                    tests_require = pytest, hypothesis
                    [options.extras_require]
                    dev = black
                    [flake8]
                    max-line-length = 100
                    """,
            "setup.py", """
                    from setuptools import setup
                    setup(
                        name='churn',
                        install_requires=['requests>=2', "xgboost", f"torch=={VERSION}"],
                        extras_require={'dev': ['pytest', "black"], "docs": ["sphinx"]},
                        tests_require=["pytest"],
                    )
                    """,
            "environment.yml", """
                    name: churn
                    channels:
                      - conda-forge
                    dependencies:
                      - python=3.11
                      - conda-forge::numpy=1.26
                      - pandas >=2
                      - pip:
                        - mlflow==2.0
                        - -e .
                    variables:
                      X: 1
                    """,
            "Pipfile", """
                    [[source]]
                    url = "https://pypi.org/simple"
                    [packages]
                    flask = "*"
                    "zope.interface" = ">=5"
                    [dev-packages]
                    pytest = {version = "*"}
                    [requires]
                    python_version = "3.11"
                    """);

    static final List<String> TOKENS = List.of("\n", "\r\n", "\r", " ", "\t", "    ", "#", " #", "[", "]", "[[", "]]", "{", "}",
            "\"", "'", "=", "==", ">=", ",", ";", ":", "::", "-", "--", "-e ", "\\\n", "#egg=", "git+", "@", "[options]",
            "[project]", "dependencies = [", "install_requires=[", "extras_require={", "dependencies:", "- pip:", "[packages]",
            "\u0000", "\uFEFF", "é", "\uD83D\uDE00", "python", "torch", "a" .repeat(50), "0", ".", "_", "*");

    /** The property, shared with the regression inputs kept in src/test/resources/fuzz-regressions/dependencies. */
    static String check(String fileName, String text) {
        List<DependencyParser.Declared> found = DependencyParser.parse(fileName, text);
        int lines = text.split("\n", -1).length;
        long quotes = text.chars().filter(c -> c == '"' || c == '\'').count();
        assertThat(found).hasSizeLessThanOrEqualTo(fileName.equals("setup.py") ? (int) (quotes / 2) : lines);
        for (DependencyParser.Declared d : found) {
            assertThat(d.line()).isBetween(1, lines);
            assertThat(d.name()).matches("[a-z0-9][a-z0-9-]*");
        }
        return fileName + (found.isEmpty() ? ": nothing declared" : ": declarations found");
    }

    @Property(tries = 3000)
    void mutatedManifestsNeverThrow(@ForAll("mutatedManifests") Map.Entry<String, String> manifest) {
        Statistics.collect(check(manifest.getKey(), manifest.getValue()));
    }

    @Property(tries = 1000)
    void tokenSoupNeverThrows(@ForAll("names") String fileName, @ForAll("tokenSoup") String text) {
        Statistics.collect(check(fileName, text));
    }

    @Provide
    Arbitrary<Map.Entry<String, String>> mutatedManifests() {
        return Arbitraries.of(List.copyOf(SEEDS.keySet())).flatMap(name ->
                Mutations.of(List.of(SEEDS.get(name)), TOKENS, 3).map(text -> Map.entry(name, text)));
    }

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.of(List.copyOf(SEEDS.keySet()));
    }

    @Provide
    Arbitrary<String> tokenSoup() {
        return Mutations.tokenSoup(TOKENS, 80);
    }
}
