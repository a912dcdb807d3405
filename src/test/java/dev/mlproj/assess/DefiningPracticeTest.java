package dev.mlproj.assess;

import dev.mlproj.testing.FixtureRepo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static dev.mlproj.testing.Assess.assess;
import static dev.mlproj.testing.Assess.outcome;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each level's defining practice on the built-in rubric, with repositories shaped like the ones the
 * cumulative ladder got wrong (issue 12): a level is what the code does, not a checklist of the levels below.
 */
class DefiningPracticeTest {

    private static final String DOCKERFILE = """
            FROM python:3.11-slim
            COPY . /app
            RUN pip install -r /app/requirements.txt
            CMD ["uvicorn", "app:app", "--host", "0.0.0.0"]
            """;

    /** A FastAPI service that loads the trained model once and predicts with it. */
    private static final String SERVICE = """
            import joblib
            from fastapi import FastAPI

            app = FastAPI()
            model = joblib.load("model.joblib")

            @app.post("/predict")
            def predict(x: float):
                return {"y": float(model.predict([[x]])[0])}
            """;

    @Test
    void aDockerisedServiceAroundATrivialModelIsAWeakLevelThreeNotALevelOne(@TempDir Path dir) {
        FixtureRepo.git(dir)
                .file("train.py", """
                        import joblib
                        from sklearn.datasets import load_iris
                        from sklearn.linear_model import LogisticRegression

                        X, y = load_iris(return_X_y=True)
                        joblib.dump(LogisticRegression().fit(X, y), "model.joblib")
                        """)
                .file("app.py", """
                        import joblib
                        from fastapi import FastAPI

                        app = FastAPI()
                        model = joblib.load("model.joblib")

                        @app.post("/predict")
                        def predict(features: list[float]):
                            return {"class": int(model.predict([features])[0])}
                        """)
                .file("requirements.txt", "fastapi\nscikit-learn\njoblib\n")
                .file("Dockerfile", DOCKERFILE)
                .commit("iris service");

        Assessment a = assess(dir);

        assertThat(outcome(a, "L3-model-serving")).isEqualTo(Outcome.MET);
        assertThat(a.level()).isEqualTo(3);
        assertThat(a.progressOf(2).passed()).isFalse();
        assertThat(a.gaps()).extracting(r -> r.criterion().level()).contains(2);
    }

    @Test
    void aServiceThatOnlyLoadsATrainedArtefactIsMachineLearningWork(@TempDir Path dir) {
        FixtureRepo.git(dir)
                .file("service/main.py", """
                        from flask import Flask, request, jsonify
                        from service.model import Scorer

                        app = Flask(__name__)
                        scorer = Scorer("artifacts/model.pkl")

                        @app.route("/score", methods=["POST"])
                        def score():
                            return jsonify(scorer.predict(request.json))
                        """)
                .file("service/model.py", """
                        import pickle

                        class Scorer:
                            def __init__(self, path):
                                with open(path, "rb") as f:
                                    self.model = pickle.load(f)

                            def predict(self, rows):
                                return self.model.predict(rows).tolist()
                        """)
                .file("Procfile", "web: gunicorn service.main:app\n")
                .commit("scoring service");

        Assessment a = assess(dir);

        assertThat(a.mlProject()).as("a model loaded and served is ML work").isTrue();
        assertThat(a.level()).isEqualTo(3);
    }

    @Test
    void aServedModelThatIsNotPackagedIsNotYetDeployed(@TempDir Path dir) {
        FixtureRepo.git(dir)
                .file("app.py", SERVICE)
                .file("train.py", "from sklearn.linear_model import LinearRegression\nLinearRegression().fit([[1]], [1])\n")
                .commit("local only");

        Assessment a = assess(dir);

        assertThat(outcome(a, "L3-model-serving")).isEqualTo(Outcome.MET);
        assertThat(a.progressOf(3).definingMet()).isFalse();
        assertThat(a.level()).isLessThan(3);
    }

    @Test
    void plainPyTorchResearchCodeIsLevelFiveWithoutPandasOrAProductionStack(@TempDir Path dir) {
        FixtureRepo.git(dir)
                .file("model.py", """
                        import torch
                        from torch import nn

                        class Encoder(nn.Module):
                            def __init__(self):
                                super().__init__()
                                self.conv = nn.Conv2d(3, 16, 3)

                            def forward(self, x):
                                return self.conv(x).mean((2, 3))

                        class Projector(nn.Module):
                            def __init__(self):
                                super().__init__()
                                self.fc = nn.Linear(16, 8)

                            def forward(self, x):
                                return self.fc(x)

                        class Predictor(nn.Module):
                            def __init__(self):
                                super().__init__()
                                self.fc = nn.Linear(8, 8)

                            def forward(self, x):
                                return self.fc(x)

                        class BYOL(nn.Module):
                            def __init__(self):
                                super().__init__()
                                self.online, self.target = Encoder(), Encoder()
                                self.proj, self.pred = Projector(), Predictor()

                            def forward(self, x1, x2):
                                return self.pred(self.proj(self.online(x1))), self.proj(self.target(x2))
                        """)
                .file("train.py", """
                        import torch
                        import torch.nn.functional as F
                        from model import BYOL

                        def regression_loss(p, z):
                            return 2 - 2 * F.cosine_similarity(p, z.detach(), dim=-1).mean()

                        def main():
                            torch.manual_seed(0)
                            net = BYOL()
                            opt = torch.optim.SGD(net.parameters(), lr=0.1)
                            for step in range(10):
                                x1, x2 = torch.randn(4, 3, 8, 8), torch.randn(4, 3, 8, 8)
                                loss = regression_loss(*net(x1, x2))
                                opt.zero_grad()
                                loss.backward()
                                opt.step()

                        if __name__ == "__main__":
                            main()
                        """)
                .file("README.md", "# BYOL, reimplemented\n\nA self-supervised BYOL pretraining loop with a contrastive-free loss.\n")
                .commit("byol");

        Assessment a = assess(dir);

        assertThat(outcome(a, "L1-trains-model")).as("opt.step() and loss.backward() train, whatever the optimiser is called").isEqualTo(Outcome.MET);
        assertThat(a.progressOf(5).definingMet()).isTrue();
        assertThat(a.level()).isEqualTo(5);
        assertThat(a.researchTrack()).isTrue();
    }

    @Test
    void anEdaAndCleaningScriptWithoutAModelIsDataScienceWork(@TempDir Path dir) {
        FixtureRepo.git(dir)
                .file("clean.py", """
                        import pandas as pd
                        import matplotlib.pyplot as plt

                        df = pd.read_csv("layoffs.csv")
                        print(df.describe())
                        print(df["industry"].value_counts())
                        df["funds"] = df["funds"].fillna(df["funds"].median())
                        df = pd.get_dummies(df, columns=["stage"])
                        df["funds"].hist()
                        plt.savefig("funds.png")
                        """)
                .commit("eda");

        Assessment a = assess(dir);

        assertThat(a.mlProject()).isTrue();
        assertThat(a.level()).isEqualTo(1);
    }

    @Test
    void anOrchestratedTrainingPipelineOnAManagedPlatformIsLevelFour(@TempDir Path dir) {
        FixtureRepo.git(dir)
                .file("dags/retrain.py", """
                        from datetime import datetime
                        from airflow import DAG
                        from airflow.operators.python import PythonOperator
                        from pipeline.train import train_and_register

                        with DAG("retrain", start_date=datetime(2026, 1, 1), schedule="@weekly") as dag:
                            PythonOperator(task_id="train", python_callable=train_and_register)
                        """)
                .file("pipeline/train.py", """
                        import sagemaker
                        from sagemaker.sklearn.estimator import SKLearn

                        def train_and_register():
                            estimator = SKLearn(entry_point="fit.py", role="arn:aws:iam::1:role/x",
                                                instance_type="ml.m5.large", framework_version="1.2-1")
                            estimator.fit({"train": "s3://bucket/train"})
                            estimator.deploy(initial_instance_count=1, instance_type="ml.t2.medium")
                        """)
                .file("pipeline/fit.py", """
                        import pandas as pd
                        from sklearn.ensemble import RandomForestClassifier

                        df = pd.read_csv("/opt/ml/input/data/train/train.csv")
                        RandomForestClassifier().fit(df.drop(columns="y"), df["y"])
                        """)
                .commit("managed retraining");

        Assessment a = assess(dir);

        assertThat(outcome(a, "L4-ml-platform")).isEqualTo(Outcome.MET);
        assertThat(a.level()).isEqualTo(4);
    }

    @Test
    void oneServiceDeployedOnKubernetesIsADeploymentNotASystem(@TempDir Path dir) {
        FixtureRepo.git(dir)
                .file("app.py", SERVICE)
                .file("train.py", "import joblib\nfrom sklearn.linear_model import LinearRegression\njoblib.dump(LinearRegression().fit([[1]], [1]), 'model.joblib')\n")
                .file("Dockerfile", DOCKERFILE)
                .file("k8s/deployment.yaml", """
                        apiVersion: apps/v1
                        kind: Deployment
                        metadata:
                          name: model
                        spec:
                          replicas: 2
                          selector:
                            matchLabels: {app: model}
                          template:
                            metadata:
                              labels: {app: model}
                            spec:
                              containers:
                                - name: model
                                  image: model:1
                        """)
                .commit("on kubernetes");

        Assessment a = assess(dir);

        assertThat(outcome(a, "L4-kubernetes")).isEqualTo(Outcome.MET);
        assertThat(outcome(a, "L4-ml-platform")).isEqualTo(Outcome.UNMET);
        assertThat(a.level()).isEqualTo(3);
    }
}
