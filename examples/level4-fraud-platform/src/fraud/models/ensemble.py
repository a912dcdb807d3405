"""Weighted blend of a supervised GBM and two unsupervised anomaly detectors."""
from __future__ import annotations

import numpy as np


class _PercentileScaler:
    """Maps raw anomaly scores to [0, 1] via their rank among legit reference scores."""

    def fit(self, scores: np.ndarray) -> "_PercentileScaler":
        self.reference_ = np.sort(np.asarray(scores, dtype=float))
        return self

    def transform(self, scores: np.ndarray) -> np.ndarray:
        return np.searchsorted(self.reference_, scores, side="right") / len(self.reference_)


class FraudEnsemble:
    """score = w_gbm * P_gbm(fraud) + w_if * pct(IsolationForest) + w_ae * pct(autoencoder error)

    IsolationForest and the autoencoder have no probability output, so their
    scores are turned into percentiles of the legit-traffic distribution.
    """

    def __init__(self, gbm, isolation_forest, autoencoder, weights=(0.6, 0.2, 0.2)):
        if len(weights) != 3 or min(weights) < 0 or not np.isclose(sum(weights), 1.0):
            raise ValueError("weights must be three non-negative numbers summing to 1")
        self.gbm = gbm
        self.isolation_forest = isolation_forest
        self.autoencoder = autoencoder
        self.weights = tuple(float(w) for w in weights)

    def calibrate(self, X_legit) -> "FraudEnsemble":
        # IsolationForest.score_samples is *higher* for normal points, so negate it
        self.if_scaler_ = _PercentileScaler().fit(-self.isolation_forest.score_samples(X_legit))
        self.ae_scaler_ = _PercentileScaler().fit(self.autoencoder.score_samples(X_legit))
        return self

    def component_scores(self, X) -> dict[str, np.ndarray]:
        return {
            "gbm": self.gbm.predict_proba(X)[:, 1],
            "isolation_forest": self.if_scaler_.transform(-self.isolation_forest.score_samples(X)),
            "autoencoder": self.ae_scaler_.transform(self.autoencoder.score_samples(X)),
        }

    def blend(self, components: dict[str, np.ndarray], weights=None) -> np.ndarray:
        w_gbm, w_if, w_ae = weights or self.weights
        return (w_gbm * components["gbm"] + w_if * components["isolation_forest"]
                + w_ae * components["autoencoder"])

    def predict_proba(self, X) -> np.ndarray:
        score = np.clip(self.blend(self.component_scores(X)), 0.0, 1.0)
        return np.column_stack([1.0 - score, score])

    def with_weights(self, weights) -> "FraudEnsemble":
        clone = FraudEnsemble(self.gbm, self.isolation_forest, self.autoencoder, weights)
        clone.if_scaler_, clone.ae_scaler_ = self.if_scaler_, self.ae_scaler_
        return clone
