package dev.mlproj.scaffold;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** What counts as an untouched generated file: formatting, comments and trivial edits do not make it the author's own. */
class ScaffoldContentTest {

    private static final String TRAIN = """
            \"\"\"Train the model.\"\"\"
            import pandas as pd
            from sklearn.linear_model import LogisticRegression


            def train(path, c=1.0):
                # read the data
                df = pd.read_csv(path)
                model = LogisticRegression(C=c, max_iter=200)
                model.fit(df[["x", "y"]], df["label"])
                return model


            def score(model, df):
                return model.score(df[["x", "y"]], df["label"])


            if __name__ == "__main__":
                print(score(train("data.csv"), pd.read_csv("data.csv")))
            """;

    private static boolean same(String generated, String actual) {
        return ScaffoldContent.sameScaffold("pkg/train.py", bytes(generated), bytes(actual));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void commentsDocstringsBlankLinesAndReformattingAreNotAnEdit() {
        assertThat(same(TRAIN, TRAIN + "# mine\n")).isTrue();
        assertThat(same(TRAIN, "# Copyright me\n" + TRAIN.replace("    df = ", "    df   =   ") + "\n\n\n")).isTrue();
        String blackened = TRAIN.replace("model = LogisticRegression(C=c, max_iter=200)",
                "model = LogisticRegression(\n        C=c,\n        max_iter=200,\n    )").replace("\"", "'");
        assertThat(same(TRAIN, blackened)).isTrue();
        assertThat(same(TRAIN, TRAIN.replace("\"\"\"Train the model.\"\"\"", "\"\"\"My own words about training.\"\"\""))).isTrue();
    }

    @Test
    void aTrivialEditIsNotAuthoring() {
        assertThat(same(TRAIN, TRAIN.replace("max_iter=200", "max_iter=500"))).isTrue();
        assertThat(same(TRAIN, TRAIN + "x = 1\n")).isTrue();
    }

    @Test
    void aNewFunctionOfRealCodeIsTheAuthorsWork() {
        String mine = TRAIN + """

                def tune(path):
                    best = None
                    for c in (0.01, 0.1, 1.0, 10.0):
                        model = train(path, c)
                        s = score(model, pd.read_csv(path))
                        if best is None or s > best[0]:
                            best = (s, c)
                    return best
                """;
        assertThat(same(TRAIN, mine)).isFalse();
    }

    @Test
    void codeMovedIntoABlockOrRewrittenIsAnEdit() {
        assertThat(same(TRAIN, TRAIN.replace("    return model\n", "    if c > 0:\n        return model\n    raise ValueError(c)\n")))
                .isFalse();
        assertThat(same(TRAIN, "import torch\nprint(torch.ones(3))\n")).isFalse();
    }

    @Test
    void textFilesIgnoreWhitespaceOnly() {
        byte[] readme = bytes("# Churn\n\nRun `make train`.\n");
        assertThat(ScaffoldContent.sameScaffold("README.md", readme, bytes("#   Churn\n\n\nRun `make train`.   \n"))).isTrue();
        assertThat(ScaffoldContent.sameScaffold("README.md", readme, bytes("# Churn\n\nRun `make train`, then `make serve`.\n")))
                .isFalse();
    }

    @Test
    void aRecordTellsACommentedFileFromAnEditedOneByItsNormalisedHash(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
            throws Exception {
        PlannedFile f = new PlannedFile("pkg/train.py", bytes(TRAIN), "level2/base/pkg/train.py", java.util.List.of());
        ScaffoldRecord record = ScaffoldRecord.of(java.util.List.of(f), "new --level 2");
        java.nio.file.Files.createDirectories(tmp.resolve("pkg"));
        java.nio.file.Files.writeString(tmp.resolve("pkg/train.py"), TRAIN + "# mine\n");
        assertThat(record.untouched(tmp)).containsExactly("pkg/train.py");
        java.nio.file.Files.writeString(tmp.resolve("pkg/train.py"), TRAIN + "print(1)\n");
        assertThat(record.untouched(tmp)).isEmpty();
    }
}
