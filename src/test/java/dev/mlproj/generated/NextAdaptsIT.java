package dev.mlproj.generated;

import dev.mlproj.testing.PackagedJar;
import dev.mlproj.testing.PackagedJar.Run;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlproj.scaffold.ScaffoldRecord;
import dev.mlproj.testing.FixtureRepo;
import dev.mlproj.testing.Python;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14.2, through the packaged jar: `next` reads a repository and wires what it writes into the
 * repository's own code, model and data. Fixture repositories are built with JGit; the generated tests
 * run with the Python of {@link Python} against the repository's own code and pickled model.
 */
class NextAdaptsIT {

    @TempDir
    Path tmp;

    private Run mlproj(String... args) throws IOException, InterruptedException {
        return PackagedJar.mlproj(tmp, args);
    }

    private int level(Path repo) throws Exception {
        Run r = mlproj("assess", repo.toString(), "--format", "json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        return new ObjectMapper().readTree(r.out()).get("level").asInt();
    }

    private static Map<String, String> snapshot(Path dir) throws IOException {
        Map<String, String> hashes = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (Files.isRegularFile(p) && !p.startsWith(dir.resolve(".git"))) {
                    hashes.put(dir.relativize(p).toString().replace('\\', '/'), ScaffoldRecord.sha256(Files.readAllBytes(p)));
                }
            }
        }
        return hashes;
    }

    private static void assertNothingOverwritten(Map<String, String> before, Path repo) throws IOException {
        Map<String, String> after = snapshot(repo);
        before.forEach((path, hash) -> assertThat(after.get(path)).as(path + " unchanged").isEqualTo(hash));
    }

    private static String notebook(String... cells) throws Exception {
        List<Map<String, Object>> list = new ArrayList<>();
        for (String c : cells) {
            list.add(Map.of("cell_type", "code", "metadata", Map.of(), "outputs", List.of(), "source", c));
        }
        return new ObjectMapper().writeValueAsString(Map.of("cells", list, "metadata", Map.of(), "nbformat", 4, "nbformat_minor", 5));
    }

    private static String csv() {
        StringBuilder out = new StringBuilder("customer_id,tenure,monthly_charges,contract,churned\n");
        java.util.Random r = new java.util.Random(1);
        for (int i = 0; i < 120; i++) {
            int tenure = 1 + r.nextInt(60);
            double charges = Math.round((10 + r.nextDouble() * 90) * 100) / 100.0;
            String contract = r.nextBoolean() ? "monthly" : "yearly";
            int churned = contract.equals("monthly") && tenure < 20 || charges > 90 ? 1 : 0;
            out.append(i).append(',').append(tenure).append(',').append(charges).append(',').append(contract).append(',').append(churned)
                    .append('\n');
        }
        return out.toString();
    }

    @Test
    void aNotebookRepositoryGetsTheRequirementsItsNotebookImports() throws Exception {
        Path repo = FixtureRepo.git(tmp.resolve("titanic"))
                .file("titanic.ipynb", notebook(
                        "import pandas as pd\nimport seaborn as sns\nimport lightgbm as lgb\nfrom sklearn.model_selection import train_test_split\n"
                                + "import os, json\n%matplotlib inline\n",
                        "df = pd.read_csv('data/titanic.csv')\nsns.histplot(df['age'])\n",
                        "X_train, X_test, y_train, y_test = train_test_split(df[['age', 'fare']], df['survived'])\n"
                                + "model = lgb.LGBMClassifier().fit(X_train, y_train)\nprint(model.score(X_test, y_test))\n"))
                .file("data/titanic.csv", "age,fare,survived\n22,7.25,0\n38,71.3,1\n26,7.9,1\n35,53.1,1\n")
                .commit("explore").root();
        int before = level(repo);
        assertThat(before).isEqualTo(1);
        Files.writeString(repo.resolve("scratch.txt"), "work in progress\n");
        Map<String, String> files = snapshot(repo);

        Run next = mlproj("next", repo.toString());
        assertThat(next.exitCode()).as(next.err()).isZero();
        assertThat(next.out()).contains("warning: the work tree has uncommitted changes");
        List<String> requirements = Files.readAllLines(repo.resolve("requirements.txt")).stream().filter(l -> !l.startsWith("#")).toList();
        assertThat(requirements).containsExactly("lightgbm", "pandas", "scikit-learn", "seaborn");
        assertNothingOverwritten(files, repo);
        int after = level(repo);
        assertThat(after).isBetween(before, before + 1);
        assertThat(next.out()).contains("Level now: " + after + " (was " + before + ")");
    }

    /** A level-2 package with a preprocess function and a pickled model: the service goes through both. */
    @Test
    void aPackageWithAPickledModelAndAPreprocessFunctionIsServedThroughThemAndThenScaledOut() throws Exception {
        FixtureRepo fixture = FixtureRepo.git(tmp.resolve("churnlite"))
                .file("README.md", "# churnlite\n\nTrain with `PYTHONPATH=src python -m churnlite.train`.\n")
                .file("requirements.txt", "pandas\nscikit-learn\nPyYAML\n")
                .file("configs/config.yaml", "data: data/customers.csv\ntarget: churned\nseed: 0\n")
                .file("data/customers.csv", csv())
                .file("models/.keep", "")
                .file("src/churnlite/__init__.py", "\"\"\"Churn model for a small telecom.\"\"\"\n")
                .file("src/churnlite/data.py", """
                        import pandas as pd
                        import yaml


                        def load_config(path="configs/config.yaml"):
                            with open(path) as f:
                                return yaml.safe_load(f)


                        def load(path):
                            return pd.read_csv(path).drop_duplicates().dropna(subset=["churned"])
                        """)
                .file("src/churnlite/features.py", """
                        import pandas as pd

                        NUMERIC = ["tenure", "monthly_charges"]


                        def preprocess(frame: pd.DataFrame) -> pd.DataFrame:
                            out = frame[NUMERIC].astype(float).fillna(0.0)
                            out["is_monthly"] = (frame["contract"] == "monthly").astype(float)
                            return out
                        """)
                .file("src/churnlite/evaluate.py", """
                        from sklearn.metrics import average_precision_score, roc_auc_score


                        def evaluate(model, X, y):
                            scores = model.predict_proba(X)[:, 1]
                            return {"roc_auc": roc_auc_score(y, scores), "pr_auc": average_precision_score(y, scores)}
                        """)
                .file("src/churnlite/train.py", """
                        import pickle

                        from sklearn.linear_model import LogisticRegression
                        from sklearn.model_selection import GridSearchCV, train_test_split

                        from churnlite.data import load, load_config
                        from churnlite.evaluate import evaluate
                        from churnlite.features import preprocess


                        def main():
                            cfg = load_config()
                            df = load(cfg["data"])
                            y = df["churned"]
                            X = preprocess(df.drop(columns=["churned"]))
                            X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, stratify=y, random_state=cfg["seed"])
                            search = GridSearchCV(LogisticRegression(class_weight="balanced"), {"C": [0.1, 1.0, 10.0]}, cv=3)
                            model = search.fit(X_train, y_train).best_estimator_
                            print(evaluate(model, X_test, y_test))
                            with open("models/model.pkl", "wb") as f:
                                pickle.dump(model, f)


                        def load_model():
                            with open("models/model.pkl", "rb") as f:
                                return pickle.load(f)


                        if __name__ == "__main__":
                            main()
                        """)
                .file("tests/test_features.py", """
                        import sys
                        from pathlib import Path

                        import pandas as pd

                        sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
                        from churnlite.features import preprocess  # noqa: E402


                        def test_preprocess_encodes_contract():
                            out = preprocess(pd.DataFrame({"tenure": [1], "monthly_charges": [9.5], "contract": ["monthly"]}))
                            assert out["is_monthly"].tolist() == [1.0]


                        def test_preprocess_keeps_numeric_columns():
                            out = preprocess(pd.DataFrame({"tenure": [3], "monthly_charges": [20.0], "contract": ["yearly"]}))
                            assert out["tenure"].tolist() == [3.0]


                        def test_preprocess_fills_missing():
                            out = preprocess(pd.DataFrame({"tenure": [None], "monthly_charges": [20.0], "contract": ["yearly"]}))
                            assert out["tenure"].tolist() == [0.0]
                        """);
        Path repo = fixture.root();
        Python.Run train = Python.run(repo, "-c", "import sys; sys.path.insert(0, 'src'); from churnlite.train import main; main()");
        assertThat(train.exitCode()).as(train.output()).isZero();
        fixture.commit("a churn model, trained");
        assertThat(level(repo)).isEqualTo(2);
        Map<String, String> files = snapshot(repo);

        Run next = mlproj("next", repo.toString());
        assertThat(next.exitCode()).as(next.err() + next.out()).isZero();
        assertThat(next.out()).contains("churnlite.features.preprocess()", "models/model.pkl", "Level now: 3 (was 2)")
                .doesNotContain("warning: the work tree");
        assertNothingOverwritten(files, repo);
        String service = Files.readString(repo.resolve("src/churnlite/service.py"));
        assertThat(service).contains("from churnlite.features import preprocess as repository_preprocess", "pickle.load",
                "\"models/model.pkl\"");
        assertThat(repo.resolve("src/churnlite/batch.py")).doesNotExist(); // it would call a bare model on raw rows
        assertCopiesExist(repo);

        Python.Run tests = Python.run(repo, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests");
        assertThat(tests.exitCode()).as(tests.output()).isZero();
        assertThat(tests.output()).contains("6 passed");

        // Level 3 to 4: no neural network for a repository that uses no deep-learning library; nothing overwritten.
        fixture.commit("served");
        Map<String, String> level3 = snapshot(repo);
        Run scale = mlproj("next", repo.toString());
        assertThat(scale.exitCode()).as(scale.err() + scale.out()).isZero();
        assertThat(scale.out()).contains("Level now: 4 (was 3)", "uses no deep-learning library");
        assertThat(repo.resolve("src/churnlite/anomaly.py")).doesNotExist();
        level3.remove(ScaffoldRecord.PATH);
        assertNothingOverwritten(level3, repo);
        Python.Run imports = Python.run(repo, "-c",
                "import sys; sys.path.insert(0, 'src'); import churnlite.retrain, churnlite.champion, churnlite.tracking");
        assertThat(imports.exitCode()).as(imports.output()).isZero();
    }

    /** Every COPY source in the generated Dockerfile exists in the repository. */
    private static void assertCopiesExist(Path repo) throws IOException {
        Matcher m = Pattern.compile("(?m)^COPY (.+) \\./\\S*$").matcher(Files.readString(repo.resolve("Dockerfile")));
        int copies = 0;
        while (m.find()) {
            for (String source : m.group(1).trim().split("\\s+")) {
                assertThat(repo.resolve(source)).as("COPY " + source).exists();
                copies++;
            }
        }
        assertThat(copies).isGreaterThanOrEqualTo(3);
    }
}
