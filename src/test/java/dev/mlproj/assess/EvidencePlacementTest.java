package dev.mlproj.assess;

import dev.mlproj.testing.FixtureRepo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static dev.mlproj.testing.Assess.assess;
import static dev.mlproj.testing.Assess.outcome;
import static dev.mlproj.testing.Assess.result;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Evidence comes from where a practice lives and shows it being done: not an import line, not a test's
 * fixture, not a word that happens to contain the practice's name.
 */
class EvidencePlacementTest {

    /** The outcome of {@code criterion} in a level-1 project that also holds {@code path} with {@code content}. */
    private static Outcome beside(Path dir, String criterion, String path, String content) {
        FixtureRepo.git(dir).file("train.py", FixtureRepo.LEVEL_ONE_SCRIPT).file(path, content).commit(path);
        return outcome(assess(dir), criterion);
    }

    @Test
    void anImportIsNeverTheEvidenceOfAPractice(@TempDir Path dir) {
        FixtureRepo.git(dir)
                .file("train.py", FixtureRepo.LEVEL_ONE_SCRIPT + """
                        from sklearn.model_selection import TimeSeriesSplit
                        import xgboost as xgb

                        splitter = TimeSeriesSplit(n_splits=5)
                        booster = xgb.XGBClassifier(n_estimators=50)
                        """)
                .commit("train");

        Assessment a = assess(dir);

        CriterionResult split = result(a, "L2-time-series-validation");
        assertThat(split.isMet()).isTrue();
        assertThat(split.evidence()).allSatisfy(e -> assertThat(e.detail()).doesNotContain("import"));
        CriterionResult models = result(a, "L2-advanced-models");
        assertThat(models.isMet()).isTrue();
        assertThat(models.evidence().get(0).detail()).contains("XGBClassifier(");
    }

    @Test
    void aLibraryImportedButNoModelBuiltIsNoAdvancedModel(@TempDir Path dir) {
        FixtureRepo.git(dir)
                .file("train.py", FixtureRepo.LEVEL_ONE_SCRIPT + """
                        import tensorflow as tf

                        images = tf.io.read_file("data/cat.png")
                        """)
                .commit("train");

        assertThat(outcome(assess(dir), "L2-advanced-models")).isEqualTo(Outcome.UNMET);
    }

    @Test
    void aTestFixtureIsNotTheProjectsPractice(@TempDir Path dir) {
        FixtureRepo.git(dir)
                .file("train.py", FixtureRepo.LEVEL_ONE_SCRIPT)
                .file("tests/test_model.py", """
                        import pandas as pd
                        from sklearn.preprocessing import StandardScaler
                        from sklearn.model_selection import train_test_split

                        def test_scaler_and_split():
                            df = pd.DataFrame({"x": [1, 2, 3, 4], "y": [0, 1, 0, 1]})
                            train, test = train_test_split(df, test_size=0.5, stratify=df["y"])
                            scaled = StandardScaler().fit_transform(train[["x"]])
                            assert scaled.shape == (2, 1)
                        """)
                .commit("tests");

        Assessment a = assess(dir);

        assertThat(result(a, "L2-data-splits").evidence()).noneMatch(e -> e.path().startsWith("tests/"));
        assertThat(result(a, "L2-feature-engineering").evidence()).noneMatch(e -> e.path().startsWith("tests/"));
    }

    @Test
    void dataSanityTestsLiveInTestsAndCountThere(@TempDir Path dir) {
        FixtureRepo.git(dir)
                .file("train.py", FixtureRepo.LEVEL_ONE_SCRIPT)
                .file("tests/test_data.py", """
                        import pandas as pd

                        def test_no_missing_values():
                            df = pd.read_csv("data.csv")
                            assert not df.isna().any().any()

                        def test_no_duplicates():
                            df = pd.read_csv("data.csv")
                            assert not df.duplicated().any()

                        def test_ranges():
                            df = pd.read_csv("data.csv")
                            assert df["x"].between(0, 100).all()
                        """)
                .commit("data tests");

        CriterionResult sanity = result(assess(dir), "W-data-validation");
        assertThat(sanity.isMet()).isTrue();
        assertThat(sanity.evidence()).allSatisfy(e -> assertThat(e.path()).isEqualTo("tests/test_data.py"));
    }

    @Test
    void stackingTrainAndTestFilesIsNotCombiningSources(@TempDir Path dir) {
        FixtureRepo.git(dir)
                .file("prepare.py", """
                        import pandas as pd

                        train = pd.read_csv("train.csv")
                        test = pd.read_csv("test.csv")
                        full = pd.concat([train, test])
                        full.to_csv("full.csv")
                        """)
                .commit("stack");
        assertThat(outcome(assess(dir), "L2-multiple-sources")).isEqualTo(Outcome.UNMET);
    }

    @Test
    void joiningTwoSourcesOnAKeyIsCombiningSources(@TempDir Path dir) {
        FixtureRepo.git(dir)
                .file("prepare.py", """
                        import pandas as pd

                        orders = pd.read_csv("orders.csv")
                        customers = pd.read_parquet("customers.parquet")
                        table = orders.merge(customers, on="customer_id", how="left")
                        table.to_csv("table.csv")
                        """)
                .commit("join");
        assertThat(outcome(assess(dir), "L2-multiple-sources")).isEqualTo(Outcome.MET);
    }

    @Test
    void anExplorationScheduleIsNotAPopulationStabilityIndex(@TempDir Path dir) {
        FixtureRepo.git(dir)
                .file("agent.py", """
                        import math

                        def get_epsilon(step, start=1.0, end=0.05, decay=500):
                            return end + (start - end) * math.exp(-step / decay)
                        """)
                .file("monitor.py", """
                        import numpy as np

                        def compute_psi(expected, actual, bins=10):
                            e, _ = np.histogram(expected, bins=bins)
                            a, _ = np.histogram(actual, bins=bins)
                            return float(np.sum((a - e) * np.log((a + 1) / (e + 1))))
                        """)
                .commit("psi");

        CriterionResult drift = result(assess(dir), "L3-drift-monitoring");
        assertThat(drift.isMet()).isTrue();
        assertThat(drift.evidence()).allSatisfy(e -> assertThat(e.path()).isEqualTo("monitor.py"));
    }

    @Test
    void terraformThatRunsNothingIsNoPlatform(@TempDir Path dir) {
        assertThat(beside(dir, "L4-cloud-platform", "infra/main.tf", """
                        resource "random_password" "db" {
                          length = 16
                        }
                        resource "aws_iam_role" "runner" {
                          name = "runner"
                        }
                        """)).isEqualTo(Outcome.UNMET);
    }

    @Test
    void terraformThatProvisionsAnEndpointIsAPlatform(@TempDir Path dir) {
        assertThat(beside(dir, "L4-cloud-platform", "infra/main.tf", """
                        resource "aws_sagemaker_endpoint" "model" {
                          name                 = "churn"
                          endpoint_config_name = aws_sagemaker_endpoint_configuration.model.name
                        }
                        """)).isEqualTo(Outcome.MET);
    }

    @Test
    void aCiJobThatOnlyEchoesRunsNothing(@TempDir Path dir) {
        FixtureRepo.git(dir)
                .file("train.py", FixtureRepo.LEVEL_ONE_SCRIPT)
                .file(".github/workflows/ci.yml", """
                        on: push
                        jobs:
                          test:
                            runs-on: ubuntu-latest
                            steps:
                              - run: echo "running tests"
                              - run: |
                                  echo "all tests passed"
                                  echo "model deployed"
                        """)
                .file(".gitlab-ci.yml", """
                        check:
                          script:
                            - echo "quality gate passed"
                        """)
                .commit("echo ci");
        assertThat(outcome(assess(dir), "L3-ci")).isEqualTo(Outcome.UNMET);
    }

    @Test
    void aCiJobThatRunsTheTestsRunsSomething(@TempDir Path dir) {
        assertThat(beside(dir, "L3-ci", ".github/workflows/ci.yml", """
                        on: push
                        jobs:
                          test:
                            runs-on: ubuntu-latest
                            steps:
                              - run: echo "running tests"
                              - run: python -m pytest -q
                        """)).isEqualTo(Outcome.MET);
    }

    @Test
    void aMakefileOfToolingIsNoPipeline(@TempDir Path dir) {
        FixtureRepo.git(dir)
                .file("train.py", FixtureRepo.LEVEL_ONE_SCRIPT)
                .file("Makefile", """
                        lint:
                        \tpython -m ruff check .
                        \tpython -m black --check .
                        install:
                        \tpython -m pip install -r requirements.txt
                        """)
                .file("README.md", "# Usage\n\n    python train.py\n    python evaluate.py\n    python predict.py\n")
                .commit("tooling");
        assertThat(outcome(assess(dir), "L2-pipeline")).isEqualTo(Outcome.UNMET);
    }

    @Test
    void aMakefileChainingTheProjectsStepsIsAPipeline(@TempDir Path dir) {
        assertThat(beside(dir, "L2-pipeline", "Makefile", """
                        all:
                        \tpython src/prepare.py data/raw data/clean
                        \tpython -m src.train --config configs/train.yaml
                        """)).isEqualTo(Outcome.MET);
    }

    @Test
    void trainingCurvesAndCountedNullsAreNotExplorationOrCleaning(@TempDir Path dir) {
        FixtureRepo.git(dir)
                .file("train.py", """
                        import matplotlib.pyplot as plt
                        import pandas as pd
                        from sklearn.linear_model import LogisticRegression

                        df = pd.read_csv("data.csv")
                        print(df.isna().sum())
                        model = LogisticRegression().fit(df[["x"]], df["y"])
                        losses = [0.9, 0.5, 0.3]
                        plt.figure(figsize=(6, 4))
                        plt.plot(losses, label="training loss")
                        plt.savefig("loss.png")
                        """)
                .commit("curves");

        Assessment a = assess(dir);

        assertThat(outcome(a, "L1-eda-visualisation")).isEqualTo(Outcome.UNMET);
        assertThat(outcome(a, "L1-missing-values")).isEqualTo(Outcome.UNMET);
    }

    @Test
    void distributionsOfTheDataAndFilledNullsAreExplorationAndCleaning(@TempDir Path dir) {
        FixtureRepo.git(dir)
                .file("eda.py", """
                        import pandas as pd
                        import seaborn as sns

                        df = pd.read_csv("data.csv")
                        df["age"] = df["age"].fillna(df["age"].median())
                        sns.histplot(df["age"])
                        df["city"].value_counts().plot(kind="bar")
                        """)
                .commit("eda");

        Assessment a = assess(dir);

        assertThat(result(a, "L1-eda-visualisation").evidence().get(0).detail()).contains("histplot");
        assertThat(outcome(a, "L1-missing-values")).isEqualTo(Outcome.MET);
    }

    @Test
    void aHealthRouteIsDeclaredNotMentioned(@TempDir Path dir) {
        assertThat(beside(dir, "L3-health-check", "check.py", """
                        ENDPOINTS = ["/predict", "/health", "/metrics"]
                        for endpoint in ENDPOINTS:
                            print(endpoint)
                        """)).isEqualTo(Outcome.UNMET);
    }

    @Test
    void aHealthRouteGivenAsAnArgumentCounts(@TempDir Path dir) {
        assertThat(beside(dir, "L3-health-check", "service.py", """
                        import bentoml

                        @bentoml.service
                        class Iris:
                            @bentoml.api(route="/health")
                            def health(self) -> dict:
                                return {"status": "ok"}
                        """)).isEqualTo(Outcome.MET);
    }
}
