import numpy as np
import pandas as pd
import pytest

from recommender.drift import drift_report, psi
from recommender.evaluate import ndcg_at_k, precision_at_k, ranking_metrics, recall_at_k
from recommender.features import FEATURE_COLUMNS


def test_precision_and_recall_at_k():
    labels = np.array([1, 0, 1, 0, 0, 1])
    assert precision_at_k(labels, 3) == pytest.approx(2 / 3)
    assert recall_at_k(labels, 3) == pytest.approx(2 / 3)
    assert recall_at_k(np.zeros(4), 2) == 0.0


def test_ndcg_perfect_and_worst_ranking():
    assert ndcg_at_k(np.array([1, 1, 0, 0]), 4) == pytest.approx(1.0)
    worst = ndcg_at_k(np.array([0, 0, 1, 1]), 4)
    assert 0 < worst < 1
    assert ndcg_at_k(np.array([0, 0, 1, 1]), 2) == 0.0


def test_ranking_metrics_prefers_the_better_score():
    df = pd.DataFrame({
        "user_id": ["a"] * 4 + ["b"] * 4 + ["c"] * 2,
        "clicked": [1, 0, 0, 1, 0, 1, 0, 0, 0, 0],
        "good": [0.9, 0.1, 0.2, 0.8, 0.1, 0.9, 0.3, 0.2, 0.5, 0.4],
        "bad": [0.1, 0.9, 0.8, 0.2, 0.9, 0.1, 0.3, 0.2, 0.5, 0.4],
    })
    good, bad = ranking_metrics(df, "good", k=2), ranking_metrics(df, "bad", k=2)
    assert good["users"] == 2  # user c never clicked and is skipped
    assert good["ndcg@2"] == pytest.approx(1.0)
    assert bad["ndcg@2"] < good["ndcg@2"]


def test_psi_is_zero_for_identical_and_large_for_shifted():
    rng = np.random.default_rng(0)
    ref = rng.normal(0, 1, 5000)
    assert psi(ref, ref) == pytest.approx(0.0, abs=1e-9)
    assert psi(ref, rng.normal(0, 1, 5000)) < 0.05
    assert psi(ref, rng.normal(1.5, 1, 5000)) > 0.5


def test_drift_report_flags_only_shifted_features():
    rng = np.random.default_rng(1)
    reference = pd.DataFrame({c: rng.normal(0, 1, 3000) for c in FEATURE_COLUMNS})
    current = pd.DataFrame({c: rng.normal(0, 1, 3000) for c in FEATURE_COLUMNS})
    current["item_ctr"] += 2.0
    report = drift_report(reference, current)
    assert report["drift_detected"] is True
    assert report["drifted_features"] == ["item_ctr"]
    assert report["features"]["user_ctr"]["drifted"] is False
