import numpy as np
import pytest
from sklearn.linear_model import LogisticRegression

from churn import data
from churn.features import (
    CATEGORICAL_FEATURES,
    NUMERIC_FEATURES,
    add_derived_features,
    build_pipeline,
    selected_features,
)


@pytest.fixture(scope="module")
def xy(dataset):
    return data.xy(dataset, "churned")


def test_derived_features_are_finite(dataset):
    out = add_derived_features(dataset)
    for col in ("spend_per_month", "minutes_per_session", "tickets_per_100_sessions"):
        assert col in out
        assert np.isfinite(out[col]).all()
    assert set(NUMERIC_FEATURES + CATEGORICAL_FEATURES) <= set(out.columns)


def test_missing_ticket_category_column_is_added(dataset):
    out = add_derived_features(dataset.drop(columns=["tickets_cancellation"]))
    assert (out["tickets_cancellation"] == 0).all()


def test_derived_features_do_not_mutate_input(dataset):
    before = dataset.copy()
    add_derived_features(dataset)
    assert dataset.equals(before)


@pytest.mark.parametrize("k", [5, 10])
def test_pipeline_keeps_k_best_features(xy, k):
    X, y = xy
    pipe = build_pipeline(LogisticRegression(max_iter=1000), k_best=k).fit(X, y)
    assert pipe[:-1].transform(X).shape == (len(X), k)
    assert len(selected_features(pipe)) == k


def test_pipeline_outputs_probabilities_without_nans(xy):
    X, y = xy
    pipe = build_pipeline(LogisticRegression(max_iter=1000, class_weight="balanced")).fit(X, y)
    proba = pipe.predict_proba(X)[:, 1]
    assert np.all((proba >= 0) & (proba <= 1))


def test_pipeline_handles_unseen_categories(xy):
    X, y = xy
    pipe = build_pipeline(LogisticRegression(max_iter=1000), k_best=8).fit(X, y)
    new = X.head(3).copy()
    new["region"] = "antarctica"
    new["age"] = np.nan
    assert pipe.predict_proba(new).shape == (3, 2)


def test_unknown_imbalance_strategy():
    with pytest.raises(ValueError):
        build_pipeline(LogisticRegression(), imbalance="undersample-everything")
