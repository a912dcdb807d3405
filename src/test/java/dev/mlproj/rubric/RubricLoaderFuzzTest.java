package dev.mlproj.rubric;

import dev.mlproj.assess.Evaluator;
import dev.mlproj.config.ConfigException;
import dev.mlproj.scan.RepoFacts;
import dev.mlproj.scan.Scanner;
import dev.mlproj.testing.Mutations;
import dev.mlproj.testing.Trees;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes the rubric loader. Property: whatever the text, the loader either returns a rubric that a scan
 * and an evaluation can use, or throws a {@link ConfigException} whose message is one bounded line
 * starting with file:line:col. Nothing else may escape.
 */
class RubricLoaderFuzzTest {

    static final String FILE = "fuzz.yaml";

    static final String EXTENSION = """
            rubric: fuzz
            extends: builtin
            title: Fuzz
            sources: [a, b]
            criteria:
              - id: F-one
                title: One
                level: 2
                focus: data
                weight: 3
                why: w
                source: "seed 000"
                detection: d
                detect: {anyOf: [{fact: NOTEBOOK_EXECUTED, min: 2}, {imports: [torch, jax], min: 1}, {dependencies: [scikit-learn]}]}
                appliesWhen: {files: ["**/*.py", "src/{a,b}/[ab]*.py"], min: 1, minBytes: 10}
                fix: f
                scaffold: data
              - id: F-two
                title: Two
                level: 3
                focus: models
                why: w
                source: s
                detection: d
                detect:
                  atLeast:
                    n: 2
                    of:
                      - {python: '\\bfit\\s*\\(', paths: ["**/*.py"], withImports: [sklearn], min: 1, minFiles: 1}
                      - {text: '(?i)docker', paths: [README.md]}
                      - {git: {commits: 3, activeWeeks: 2, authors: 1, tags: 0}}
                      - {criterion: F-one}
                fix: f
            walkthrough:
              - id: F-walk
                title: Walk
                focus: product
                why: w
                source: s
                detection: d
                detect: {allOf: [{criterion: F-two}, {fact: DEPENDENCY, keys: [torch], minKeys: 1}]}
                fix: f
            """;

    static final String STANDALONE = """
            rubric: tiny
            levels:
              - {level: 1, name: One, summary: s, threshold: 0.5, roles: [a]}
              - {level: 2, name: Two, threshold: 1.0}
            focusAreas:
              - id: data
                title: Data
                source: s
                split: {data: [50, 60], models+architecture: [20, 30]}
              - {id: models, title: Models, split: {models: [40, 50]}}
              - {id: architecture, title: Arch, split: {}}
              - {id: product, title: Product, split: {product: [10, 20]}}
            rule:
              mlProject: {imports: [sklearn, torch]}
            criteria:
              - {id: T-1, title: t, level: 1, focus: data, why: w, source: s, detection: d, detect: {fact: NOTEBOOK}, fix: f}
              - {id: T-2, title: t, level: 2, focus: models, why: w, source: s, detection: d, detect: {criterion: T-1}, fix: f}
            """;

    static final List<String> TOKENS = List.of("\n", "  ", "    ", ": ", "- ", "[", "]", "{", "}", ",", "&a ", "*a", "<<: *a\n",
            "!!str ", "!!binary ", "!!python/object:os.system ", "!!map ", "? ", "|\n", ">-\n", "\"", "'", "#", "\t", "---\n",
            "...\n", "%YAML 1.1\n", "~", "null", "true", "1e999", "-1", "0x10", "99999999999999999999", ".nan", "\u0000",
            "\uFEFF", "é", "\uD83D\uDE00", "\uD800", "\r", "\\", "level: 9\n", "weight: 11\n", "{python: '(a+)+$'}",
            "{python: '(((('}", "{python: 'a{1000}{1000}'}", "{python: '((a{1000}){1000}){1000}'}", "fact: NOPE", "criterion: F-two",
            "extends: builtin\n", "levels: []\n", "focusAreas: x\n", "rule: {}\n", "anyOf: []", "atLeast: {n: 9, of: []}",
            "paths: ['[']", "files: ['{a,']", "id: F-one\n", "split: {vibes: [1, 2]}", "threshold: 2", "min: 0", "[[[[[[[[", "]]]]");

    private static Rubric base;
    private static Path emptyRepo;

    @BeforeContainer
    static void setUp() throws Exception {
        // The base of 'extends: builtin' is the small standalone rubric: a loaded rubric is scanned and
        // evaluated on every try, and the real built-in one would make each try a hundred times dearer.
        base = new RubricLoader().parse("standalone.yaml", STANDALONE, null);
        emptyRepo = Files.createTempDirectory("mlproj-fuzz-repo");
        Files.writeString(emptyRepo.resolve("a.py"), "import sklearn\nfrom sklearn.linear_model import Ridge\nRidge().fit(x, y)\n");
    }

    @AfterContainer
    static void tearDown() throws IOException {
        Files.deleteIfExists(emptyRepo.resolve("a.py"));
        Files.deleteIfExists(emptyRepo);
    }

    /** The property, shared with the regression inputs kept in src/test/resources/fuzz-regressions/rubric. */
    static String check(String text, Rubric builtin, Path repo) {
        Rubric rubric;
        try {
            rubric = new RubricLoader().parse(FILE, text, builtin);
        } catch (ConfigException e) {
            assertThat(e.getMessage()).matches("\\Q" + FILE + "\\E:\\d+:\\d+: [^\\n\\r]+").hasSizeLessThanOrEqualTo(400);
            return e.getMessage().startsWith(FILE + ":1:1: YAML refused") ? "refused by the YAML loader limits"
                    : e.getMessage().contains("YAML syntax error") ? "YAML syntax error" : "schema error";
        }
        RepoFacts facts;
        try {
            facts = new Scanner(1 << 20, 1).scan(repo, RubricLoader.queries(rubric));
        } catch (dev.mlproj.scan.ScanException e) {
            throw new AssertionError(e);
        }
        assertThat(new Evaluator(rubric).evaluate(facts, null).results()).hasSize(
                (int) rubric.criteria().stream().filter(c -> !c.isWalkthrough()).count());
        return "loaded, scanned and evaluated";
    }

    @Property(tries = 2500)
    void mutatedRubricsLoadOrFailWithAPosition(@ForAll("mutatedRubrics") String text) {
        Statistics.collect(check(text, base, emptyRepo));
    }

    @Property(tries = 1000)
    void yamlTokenSoupLoadsOrFailsWithAPosition(@ForAll("tokenSoup") String text) {
        Statistics.collect(check(text, base, emptyRepo));
    }

    @Property(tries = 800)
    void oddlyShapedRubricsLoadOrFailWithAPosition(@ForAll("shapedRubrics") String text) {
        Statistics.collect(check(text, base, emptyRepo));
    }

    @Provide
    Arbitrary<String> mutatedRubrics() {
        return Mutations.of(List.of(EXTENSION, STANDALONE), TOKENS, 3);
    }

    /** Well-formed YAML built from the rubric's own keys, so that schema checks are reached. */
    @Provide
    Arbitrary<String> shapedRubrics() {
        List<String> keys = List.of("rubric", "extends", "title", "sources", "criteria", "walkthrough", "levels", "focusAreas", "rule",
                "id", "level", "focus", "weight", "why", "source", "detection", "detect", "appliesWhen", "fix", "scaffold",
                "fact", "keys", "min", "minKeys", "imports", "dependencies", "python", "text", "paths", "withImports", "minFiles",
                "files", "minBytes", "git", "commits", "criterion", "anyOf", "allOf", "atLeast", "n", "of", "name", "threshold",
                "roles", "split", "mlProject", "defining", "practice", "detect", "data", "models+architecture");
        List<String> strings = List.of("builtin", "fuzz", "F-x", "T-1", "data", "models", "product", "NOTEBOOK", "DEPENDENCY",
                "torch", "\\bfit\\(", "(a+)+$", "((", "**/*.py", "{a,", "[", "seed 000", "");
        return Arbitraries.oneOf(
                Trees.document(keys, strings, 4).map(Trees::yaml),
                Trees.document(keys, strings, 4).map(doc -> {
                    doc.put("rubric", "fuzz");
                    doc.put("extends", "builtin");
                    return Trees.yaml(doc);
                }));
    }

    @Provide
    Arbitrary<String> tokenSoup() {
        return Mutations.tokenSoup(TOKENS, 60);
    }
}
