"""Anomaly detectors: how unusual a payment looks next to legitimate card behaviour.

Labels only describe the fraud that was caught. Two unsupervised detectors learn what legitimate
payments look like and score everything by how far it strays from that, so the ensemble can flag
a pattern no chargeback has taught it yet:

- an Isolation Forest (Liu, Ting and Zhou, ICDM 2008, https://doi.org/10.1109/ICDM.2008.17):
  anomalies are isolated by fewer random splits than normal points;
- an autoencoder in PyTorch (after Sakurada and Yairi, MLSDA 2014,
  https://doi.org/10.1145/2689746.2689747): trained to reconstruct legitimate payments through a
  narrow code, it reconstructs unusual ones badly, and the reconstruction error is the score.

``AnomalyScores`` appends both scores to the feature matrix the supervised model sees, each as the
percentile among the scores of legitimate training payments. Training rows get out-of-fold scores
(as in stacking), so the supervised model learns from scores like the ones it will see in service.
"""
from __future__ import annotations

import numpy as np
import torch
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.ensemble import IsolationForest
from sklearn.model_selection import KFold
from sklearn.utils.validation import check_array, check_is_fitted
from torch import nn


class Autoencoder(nn.Module):
    """A symmetric multilayer perceptron with a narrow code in the middle."""

    def __init__(self, n_features: int, hidden_units: int, code_units: int):
        super().__init__()
        self.encoder = nn.Sequential(nn.Linear(n_features, hidden_units), nn.ReLU(),
                                     nn.Linear(hidden_units, code_units), nn.ReLU())
        self.decoder = nn.Sequential(nn.Linear(code_units, hidden_units), nn.ReLU(),
                                     nn.Linear(hidden_units, n_features))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.decoder(self.encoder(x))


class AutoencoderDetector(BaseEstimator):
    """Reconstruction error of an autoencoder trained on normal rows (higher is more anomalous)."""

    def __init__(self, hidden_units: int = 16, code_units: int = 4, epochs: int = 20, batch_size: int = 128,
                 learning_rate: float = 0.01, weight_decay: float = 1e-5, random_state: int = 0):
        self.hidden_units = hidden_units
        self.code_units = code_units
        self.epochs = epochs
        self.batch_size = batch_size
        self.learning_rate = learning_rate
        self.weight_decay = weight_decay
        self.random_state = random_state

    def fit(self, X: np.ndarray, y: None = None) -> "AutoencoderDetector":
        rows = torch.from_numpy(check_array(X, dtype=np.float32))
        generator = torch.Generator().manual_seed(self.random_state)
        torch.manual_seed(self.random_state)
        network = Autoencoder(rows.shape[1], self.hidden_units, self.code_units)
        optimizer = torch.optim.Adam(network.parameters(), lr=self.learning_rate, weight_decay=self.weight_decay)
        criterion = nn.MSELoss()
        network.train()
        for _ in range(self.epochs):
            for batch in torch.randperm(len(rows), generator=generator).split(self.batch_size):
                optimizer.zero_grad()
                loss = criterion(network(rows[batch]), rows[batch])
                loss.backward()
                optimizer.step()
        self.network_ = network.eval()
        return self

    def score_samples(self, X: np.ndarray) -> np.ndarray:
        """Mean squared reconstruction error of each row."""
        check_is_fitted(self, "network_")
        rows = torch.from_numpy(check_array(X, dtype=np.float32))
        with torch.no_grad():
            return ((self.network_(rows) - rows) ** 2).mean(dim=1).numpy().astype(float)


class AnomalyScores(TransformerMixin, BaseEstimator):
    """Appends the Isolation Forest and autoencoder scores (as percentiles of normal training rows)."""

    def __init__(self, n_estimators: int = 100, hidden_units: int = 16, code_units: int = 4, epochs: int = 20,
                 folds: int = 2, random_state: int = 0):
        self.n_estimators = n_estimators
        self.hidden_units = hidden_units
        self.code_units = code_units
        self.epochs = epochs
        self.folds = folds
        self.random_state = random_state

    def _detectors(self, normal: np.ndarray):
        forest = IsolationForest(n_estimators=self.n_estimators, random_state=self.random_state).fit(normal)
        autoencoder = AutoencoderDetector(self.hidden_units, self.code_units, self.epochs,
                                          random_state=self.random_state).fit(normal)
        return forest, autoencoder

    @staticmethod
    def _raw_scores(detectors, X: np.ndarray) -> np.ndarray:
        forest, autoencoder = detectors
        return np.column_stack([-forest.score_samples(X), autoencoder.score_samples(X)])

    def fit(self, X: np.ndarray, y: np.ndarray | None = None) -> "AnomalyScores":
        X = check_array(X, dtype=np.float64)
        normal = X if y is None else X[np.asarray(y) == 0]
        self.detectors_ = self._detectors(normal)
        self.reference_ = np.sort(self._raw_scores(self.detectors_, normal), axis=0)
        return self

    def scores(self, X: np.ndarray) -> np.ndarray:
        """(isolation forest, autoencoder) percentiles in [0, 1] for each row."""
        check_is_fitted(self, "detectors_")
        raw = self._raw_scores(self.detectors_, check_array(X, dtype=np.float64))
        return self._percentiles(raw)

    def _percentiles(self, raw: np.ndarray) -> np.ndarray:
        columns = [np.searchsorted(self.reference_[:, j], raw[:, j], side="right") / len(self.reference_)
                   for j in range(raw.shape[1])]
        return np.column_stack(columns)

    def transform(self, X: np.ndarray) -> np.ndarray:
        return np.hstack([check_array(X, dtype=np.float64), self.scores(X)])

    def fit_transform(self, X: np.ndarray, y: np.ndarray | None = None, **fit_params) -> np.ndarray:
        """Fits on all normal rows, but scores each training row with detectors that did not see it."""
        X = check_array(X, dtype=np.float64)
        self.fit(X, y)
        normal = np.ones(len(X), dtype=bool) if y is None else np.asarray(y) == 0
        raw = np.empty((len(X), 2))
        for fitted_on, held_out in KFold(self.folds, shuffle=True, random_state=self.random_state).split(X):
            detectors = self._detectors(X[fitted_on][normal[fitted_on]])
            raw[held_out] = self._raw_scores(detectors, X[held_out])
        return np.hstack([X, self._percentiles(raw)])
