package dev.mlproj.assess;

import dev.mlproj.testing.FixtureRepo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static dev.mlproj.testing.Assess.assess;
import static dev.mlproj.testing.Assess.outcome;
import static dev.mlproj.testing.Assess.result;
import static org.assertj.core.api.Assertions.assertThat;

/** Substance, not existence: hollow files earn nothing; the real thing earns the criterion. */
class SubstanceTest {

    private static final String MODEL_CODE = """
            import pandas as pd
            from sklearn.linear_model import LogisticRegression

            def train(path):
                df = pd.read_csv(path)
                model = LogisticRegression()
                model.fit(df[["x"]], df["y"])
                return model
            """;

    @Test
    void hollowFilesEarnNothing(@TempDir Path dir) {
        FixtureRepo.git(dir)
                .file("train.py", MODEL_CODE)
                .file("Dockerfile", "")
                .file("tests/test_model.py", """
                        from train import train

                        def test_train_runs():
                            train("data.csv")

                        def test_placeholder():
                            assert True
                        """)
                .file("app.py", """
                        from fastapi import FastAPI

                        app = FastAPI()
                        # @app.post("/predict") would go here
                        """)
                .file("dvc.yaml", "")
                .file("README.md", "We use Docker, Kubernetes, Airflow, MLflow and DVC. Tests: pytest.\n")
                .commit("hollow");

        Assessment a = assess(dir);

        assertThat(outcome(a, "L3-docker")).isEqualTo(Outcome.UNMET);
        assertThat(outcome(a, "L2-tests")).isEqualTo(Outcome.UNMET);
        assertThat(outcome(a, "L3-api")).isEqualTo(Outcome.UNMET);
        assertThat(outcome(a, "L3-data-versioning")).isEqualTo(Outcome.UNMET);
        assertThat(outcome(a, "L4-kubernetes")).isEqualTo(Outcome.UNMET);
        assertThat(outcome(a, "L4-orchestration")).isEqualTo(Outcome.UNMET);
        // The near misses are shown so the author knows why.
        assertThat(result(a, "L3-docker").notCounted()).anySatisfy(e -> assertThat(e.detail()).contains("no FROM"));
        assertThat(result(a, "L2-tests").notCounted()).isNotEmpty();
    }

    @Test
    void theRealThingEarnsEachCriterion(@TempDir Path dir) {
        FixtureRepo.git(dir)
                .file("train.py", MODEL_CODE)
                .file("Dockerfile", "FROM python:3.11-slim\nCOPY . /app\nRUN pip install -r /app/requirements.txt\nCMD [\"uvicorn\", \"app:app\"]\n")
                .file("tests/test_model.py", """
                        import pytest
                        from train import train

                        def test_accuracy(tmp_path):
                            model = train("data.csv")
                            assert model.score([[1]], [1]) >= 0.5

                        def test_coefficients():
                            assert train("data.csv").coef_.shape == (1, 1)

                        def test_bad_path():
                            with pytest.raises(FileNotFoundError):
                                train("missing.csv")
                        """)
                .file("app.py", """
                        import joblib
                        from fastapi import FastAPI

                        app = FastAPI()
                        model = joblib.load("model.pkl")

                        @app.post("/predict")
                        def predict(x: float):
                            return {"y": float(model.predict([[x]])[0])}
                        """)
                .file("dvc.yaml", "stages:\n  train:\n    cmd: python train.py\n    deps: [train.py]\n    outs: [model.pkl]\n")
                .commit("real");

        Assessment a = assess(dir);

        assertThat(outcome(a, "L3-docker")).isEqualTo(Outcome.MET);
        assertThat(outcome(a, "L2-tests")).isEqualTo(Outcome.MET);
        assertThat(outcome(a, "L3-api")).isEqualTo(Outcome.MET);
        assertThat(outcome(a, "L3-data-versioning")).isEqualTo(Outcome.MET);
        // The evidence shows the model at work first, then the route that serves it.
        assertThat(result(a, "L3-api").evidence()).first().satisfies(e -> {
            assertThat(e.path()).isEqualTo("app.py");
            assertThat(e.line()).isEqualTo(5);
        });
        assertThat(result(a, "L3-api").evidence()).anySatisfy(e -> assertThat(e.line()).isEqualTo(7));
    }

    @Test
    void anApiThatPredictsNothingServesNoModel(@TempDir Path dir) {
        FixtureRepo.git(dir)
                .file("train.py", MODEL_CODE)
                .file("Dockerfile", "FROM python:3.11-slim\nCOPY . /app\nCMD [\"uvicorn\", \"app:app\"]\n")
                .file("app.py", """
                        from fastapi import FastAPI

                        app = FastAPI()

                        @app.post("/predict")
                        def predict(x: float):
                            return {"y": 0.5}
                        """)
                .commit("hollow service");

        Assessment a = assess(dir);

        assertThat(outcome(a, "L3-api")).isEqualTo(Outcome.UNMET);
        assertThat(outcome(a, "L3-model-serving")).isEqualTo(Outcome.UNMET);
        assertThat(a.level()).isLessThan(3);
    }

    @Test
    void aBibliographyIsNoWriteUpButTheProjectsOwnPaperIs(@TempDir Path dir) {
        String bib = """
                @inproceedings{chen2020simclr,
                  title = {A Simple Framework for Contrastive Learning of Visual Representations},
                  year  = {2020}
                }
                """;
        FixtureRepo repo = FixtureRepo.git(dir).file("train.py", MODEL_CODE).file("references.bib", bib).commit("references only");
        assertThat(outcome(assess(dir), "L5-paper")).isEqualTo(Outcome.UNMET);

        repo.file("README.md", "# Method\n\nCite us:\n\n```bibtex\n" + bib.replace("chen2020simclr", "us2026")
                + "```\n").commit("our own paper, cited");
        assertThat(outcome(assess(dir), "L5-paper")).isEqualTo(Outcome.MET);
    }

    @Test
    void keywordsInCommentsAndDocstringsEarnNothing(@TempDir Path dir) {
        FixtureRepo.plain(dir)
                .file("model.py", """
                        \"\"\"Later: mlflow.log_model(model) and GridSearchCV, SMOTE, class_weight=.\"\"\"
                        import pandas as pd
                        from sklearn.tree import DecisionTreeClassifier

                        # TODO use GridSearchCV and SMOTE, class_weight="balanced"
                        def fit(df):
                            clf = DecisionTreeClassifier()  # RandomizedSearchCV someday
                            return clf.fit(pd.DataFrame(df)[["a"]], df["b"])
                        """);

        Assessment a = assess(dir);

        assertThat(outcome(a, "L2-hyperparameter-tuning")).isEqualTo(Outcome.UNMET);
        assertThat(outcome(a, "L2-class-imbalance")).isEqualTo(Outcome.UNMET);
        assertThat(outcome(a, "L3-model-versioning")).isEqualTo(Outcome.UNMET);
        assertThat(outcome(a, "L1-trains-model")).isEqualTo(Outcome.MET);
    }

    @Test
    void importsNeverUsedEarnNothing(@TempDir Path dir) {
        FixtureRepo.plain(dir).file("x.py", "import torch\nimport lightgbm\nimport kafka\nprint('hello')\n");

        Assessment a = assess(dir);

        assertThat(a.mlProject()).isFalse();
        assertThat(a.level()).isZero();
        assertThat(outcome(a, "L2-advanced-models")).isEqualTo(Outcome.UNMET);
        assertThat(outcome(a, "L4-streaming")).isEqualTo(Outcome.UNMET);
    }

    @Test
    void brokenNotebookIsAnErrorNotAFail(@TempDir Path dir) {
        FixtureRepo.plain(dir).file("analysis.ipynb", "{\"cells\": [ {\"cell_type\": \"code\", \"source\": [\"import pandas\"");

        Assessment a = assess(dir);

        assertThat(outcome(a, "L1-notebook")).isEqualTo(Outcome.ERROR);
        assertThat(result(a, "L1-notebook").evidence()).anySatisfy(e -> assertThat(e.path()).isEqualTo("analysis.ipynb"));
        assertThat(a.facts().warnings()).anySatisfy(w -> assertThat(w).contains("analysis.ipynb").contains("broken notebook"));
    }
}
