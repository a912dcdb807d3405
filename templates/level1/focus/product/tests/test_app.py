import csv

import joblib
import pytest
from fastapi.testclient import TestClient
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import OneHotEncoder

import app as web
from make_data import make_passengers

PASSENGER = {"pclass": "1", "sex": "female", "age": "29", "siblings_spouses": "0", "parents_children": "0",
             "fare": "80", "embarked": "C"}


@pytest.fixture()
def client(tmp_path, monkeypatch):
    df = make_passengers(n_rows=400, seed=5)
    prepare = ColumnTransformer([
        ("numeric", SimpleImputer(strategy="median"), ["pclass", "age", "siblings_spouses", "parents_children", "fare"]),
        ("categorical", make_pipeline(SimpleImputer(strategy="most_frequent"), OneHotEncoder(handle_unknown="ignore")), ["sex", "embarked"]),
    ])
    model = Pipeline([("prepare", prepare), ("model", LogisticRegression(max_iter=1000))]).fit(df[web.FEATURES], df["survived"])
    joblib.dump(model, tmp_path / "model.joblib")
    monkeypatch.setenv("MODEL_PATH", str(tmp_path / "model.joblib"))
    monkeypatch.setenv("FEEDBACK_PATH", str(tmp_path / "feedback.csv"))
    web.load_model.cache_clear()
    return TestClient(web.app)


def test_the_form_is_served(client):
    page = client.get("/")
    assert page.status_code == 200
    assert '<form method="post" action="/predict">' in page.text


def test_a_first_class_woman_gets_a_high_estimate(client):
    page = client.post("/predict", data=PASSENGER)
    assert page.status_code == 200
    percent = int(page.text.split("Estimated survival probability: ")[1].split("%")[0])
    assert percent > 60


def test_feedback_is_stored_for_the_next_training_run(client, tmp_path):
    response = client.post("/feedback", data={**PASSENGER, "predicted": "0.91", "user_says_correct": "no"})
    assert response.status_code == 200
    rows = list(csv.DictReader((tmp_path / "feedback.csv").open()))
    assert len(rows) == 1
    assert rows[0]["user_says_correct"] == "no"
    assert rows[0]["sex"] == "female"


def test_without_a_model_the_page_says_so(client, monkeypatch, tmp_path):
    monkeypatch.setenv("MODEL_PATH", str(tmp_path / "missing.joblib"))
    assert client.post("/predict", data=PASSENGER).status_code == 503
