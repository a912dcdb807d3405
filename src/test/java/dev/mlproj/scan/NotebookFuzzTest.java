package dev.mlproj.scan;

import dev.mlproj.rubric.RubricLoader;
import dev.mlproj.testing.Assess;
import dev.mlproj.testing.Mutations;
import dev.mlproj.testing.Trees;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes notebook reading as the scan does it: parse, then analyse the code cells with the built-in
 * rubric's patterns. Property: no exception escapes; a notebook either yields its code (never more lines
 * than the file has characters) or is reported as broken, by one warning and a READ_ERROR fact, which
 * makes the criteria that look at notebooks ERROR, never a silent pass or fail.
 */
class NotebookFuzzTest {

    static final String NOTEBOOK = """
            {
             "cells": [
              {"cell_type": "markdown", "metadata": {}, "source": ["# Churn\\n", "Exploration."]},
              {
               "cell_type": "code",
               "execution_count": 1,
               "metadata": {"tags": []},
               "outputs": [{"output_type": "stream", "name": "stdout", "text": ["0.91\\n"]},
                           {"output_type": "display_data", "data": {"image/png": "iVBORw0KGgo="}}],
               "source": [
                "%matplotlib inline\\n",
                "!pip install x\\n",
                "import pandas as pd\\n",
                "from sklearn.linear_model import LogisticRegression\\n",
                "df = pd.read_csv('churn.csv')  # data\\n",
                "\\"\\"\\"docstring\\n",
                "still\\"\\"\\"\\n",
                "model = LogisticRegression().fit(df[['x']], df['y'])"
               ]
              },
              {"cell_type": "code", "execution_count": null, "metadata": {}, "outputs": [], "source": "print(model.score(df[['x']], df['y']))"},
              {"cell_type": "raw", "source": "raw"}
             ],
             "metadata": {"kernelspec": {"name": "python3"}},
             "nbformat": 4,
             "nbformat_minor": 5
            }
            """;

    static final String MARKDOWN_ONLY = """
            {"cells": [{"cell_type": "markdown", "source": "# Notes"}], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
            """;

    static final List<String> TOKENS = List.of("{", "}", "[", "]", "\"", ",", ":", "\\", "\\n", "\\u0000", "\\uD800",
            "\"cells\"", "\"cells\": []", "\"cells\": {}", "\"cell_type\"", "\"code\"", "\"markdown\"", "\"source\"", "\"outputs\"",
            "\"source\": 5", "\"source\": [1, {}, null]", "\"outputs\": [[[]]]", "null", "true", "-1e999", "123456789012345678901234567890",
            "\"%magic\\n\"", "\"!ls\\n\"", "\"\\\"\\\"\\\"\"", "\"#\"", "\"import torch\\n\"", "[[[[[[[[[[[[[[[[", "]]]]]]]]", "\n", " ",
            "\uFEFF", "é", "\uD83D\uDE00", "/*", "NaN", "'");

    private static Scanner.Queries queries;

    @BeforeContainer
    static void setUp() {
        queries = Scanner.compile(RubricLoader.queries(Assess.rubric()));
    }

    /** The property, shared with the regression inputs kept in src/test/resources/fuzz-regressions/notebook. */
    static String check(String text, Scanner.Queries queries) {
        boolean parsed;
        try {
            Notebook nb = Notebook.parse(text);
            assertThat(nb.codeLines()).hasSizeLessThanOrEqualTo(text.length() + 1);
            assertThat(nb.fileLines()).hasSize(nb.codeLines().size());
            parsed = true;
        } catch (Notebook.InvalidNotebookException e) {
            assertThat(e.getMessage()).isNotBlank();
            parsed = false;
        }
        // The scan parses a notebook from its bytes when it has no byte-order mark (and no NUL: binary is
        // never parsed): the outcome must be the decoded text's, to the message of a broken one.
        byte[] utf8 = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (Scanner.bomCharset(utf8) == null && !Scanner.looksBinary(utf8)) {
            String decoded = new String(utf8, java.nio.charset.StandardCharsets.UTF_8);
            assertThat(outcome(() -> Notebook.parse(utf8, decoded))).isEqualTo(outcome(() -> Notebook.parse(decoded)));
        }
        FactStore store = new FactStore();
        List<String> warnings = new ArrayList<>();
        Scanner.analyzeText(new RepoFile("nb.ipynb", text.length(), FileKind.NOTEBOOK), text, queries, store, warnings);
        if (parsed) {
            assertThat(warnings).isEmpty();
            assertThat(store.byKey(FactType.READ_ERROR)).isEmpty();
            return store.byKey(FactType.NOTEBOOK).isEmpty() ? "read, no code" : "read, with code";
        }
        assertThat(warnings).singleElement().asString().startsWith("nb.ipynb: broken notebook, ");
        assertThat(store.byKey(FactType.READ_ERROR)).containsOnlyKeys("notebook");
        return "reported as broken";
    }

    private interface Parse {
        Notebook run() throws Notebook.InvalidNotebookException;
    }

    private static String outcome(Parse parse) {
        try {
            Notebook nb = parse.run();
            return nb.codeLines() + " " + java.util.Arrays.toString(nb.fileLines()) + " " + nb.codeCells() + " "
                    + nb.markdownCells() + " " + nb.hasOutputs();
        } catch (Notebook.InvalidNotebookException e) {
            return "broken: " + e.getMessage();
        }
    }

    @Property(tries = 2500)
    void mutatedNotebooksAreReadOrReportedBroken(@ForAll("mutatedNotebooks") String text) {
        Statistics.collect(check(text, queries));
    }

    @Property(tries = 600)
    void oddlyShapedNotebooksAreReadOrReportedBroken(@ForAll("shapedNotebooks") String text) {
        Statistics.collect(check(text, queries));
    }

    @Provide
    Arbitrary<String> mutatedNotebooks() {
        return Mutations.of(List.of(NOTEBOOK, MARKDOWN_ONLY), TOKENS, 3);
    }

    /** Well-formed JSON of every shape nbformat's keys can take: cells that are lists, sources that are numbers... */
    @Provide
    Arbitrary<String> shapedNotebooks() {
        List<String> keys = List.of("cells", "cell_type", "source", "outputs", "metadata", "nbformat", "execution_count", "text", "data");
        List<String> strings = List.of("code", "markdown", "raw", "import torch\n", "%time x\n!ls", "\"\"\"", "# c", "", "\n\n",
                "import pandas as pd\ndf = pd.read_csv('d.csv')", "\u0000", "é\uD83D\uDE00");
        return Trees.document(keys, strings, 4).map(Trees::json);
    }
}
