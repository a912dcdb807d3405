import numpy as np
import pytest

from churn.config import BusinessConfig
from churn.evaluate import best_threshold_by_cost, classification_metrics, expected_retention_cost

BUSINESS = BusinessConfig(offer_cost=10.0, churn_loss=100.0, offer_acceptance=0.5)


def test_expected_cost_matches_hand_calculation():
    y_true = np.array([1, 1, 0, 0, 1])
    y_score = np.array([0.9, 0.2, 0.8, 0.1, 0.7])
    # contacted: 0, 2, 4 -> 3 offers; churners contacted 2 (half stay), churners missed 1
    expected = 3 * 10.0 + (1 + 2 * 0.5) * 100.0
    assert expected_retention_cost(y_true, y_score, 0.5, BUSINESS) == pytest.approx(expected)


def test_contacting_nobody_costs_every_churner():
    y_true = np.array([1, 0, 1, 0])
    cost = expected_retention_cost(y_true, np.zeros(4), threshold=0.5, business=BUSINESS)
    assert cost == pytest.approx(2 * 100.0)


def test_best_threshold_separates_perfect_scores():
    y_true = np.array([0, 0, 0, 1, 1])
    y_score = np.array([0.1, 0.2, 0.3, 0.8, 0.9])
    threshold, cost = best_threshold_by_cost(y_true, y_score, BUSINESS)
    assert 0.3 < threshold <= 0.8
    assert cost == pytest.approx(2 * 10.0 + 2 * 0.5 * 100.0)


def test_campaign_is_pointless_when_offers_are_too_expensive():
    pricey = BusinessConfig(offer_cost=1000.0, churn_loss=100.0, offer_acceptance=0.5)
    y_true = np.array([0, 1, 0, 1])
    y_score = np.array([0.2, 0.6, 0.4, 0.7])
    threshold, cost = best_threshold_by_cost(y_true, y_score, pricey)
    assert threshold > 0.7
    assert cost == pytest.approx(200.0)


def test_classification_metrics_for_perfect_ranking():
    y_true = np.array([0, 1, 0, 1])
    metrics = classification_metrics(y_true, np.array([0.1, 0.9, 0.2, 0.8]))
    assert metrics["roc_auc"] == pytest.approx(1.0)
    assert metrics["average_precision"] == pytest.approx(1.0)
    assert metrics["f1"] == pytest.approx(1.0)


def test_classification_metrics_for_random_scores_are_reasonable():
    rng = np.random.default_rng(0)
    y_true = rng.integers(0, 2, 2000)
    metrics = classification_metrics(y_true, rng.random(2000))
    assert metrics["roc_auc"] == pytest.approx(0.5, abs=0.05)
