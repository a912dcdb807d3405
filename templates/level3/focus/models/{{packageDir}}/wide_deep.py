"""A Wide & Deep click model in PyTorch, after Cheng et al., "Wide & Deep Learning for
Recommender Systems" (2016), https://arxiv.org/abs/1606.07792.

The wide part is a linear model over the preprocessed features (it memorises what each feature
value does on its own); the deep part is a small MLP that generalises to combinations. Their
logits are summed and trained jointly. ``WideAndDeepClassifier`` wraps the network in the
scikit-learn estimator API so it can be tuned, stacked and saved like the other candidates.
"""
from __future__ import annotations

import numpy as np
import torch
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.utils.validation import check_array, check_is_fitted
from torch import nn


class WideAndDeep(nn.Module):
    """Sum of a linear (wide) and an MLP (deep) logit."""

    def __init__(self, n_features: int, hidden_units: int, depth: int, dropout: float):
        super().__init__()
        self.wide = nn.Linear(n_features, 1)
        layers: list[nn.Module] = []
        width = n_features
        for _ in range(depth):
            layers += [nn.Linear(width, hidden_units), nn.ReLU(), nn.Dropout(dropout)]
            width = hidden_units
        layers.append(nn.Linear(width, 1))
        self.deep = nn.Sequential(*layers)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return (self.wide(x) + self.deep(x)).squeeze(-1)


class WideAndDeepClassifier(ClassifierMixin, BaseEstimator):
    """Binary classifier trained with Adam on a class-weighted binary cross-entropy."""

    def __init__(self, hidden_units: int = 32, depth: int = 2, dropout: float = 0.1, learning_rate: float = 0.01,
                 weight_decay: float = 1e-4, epochs: int = 30, batch_size: int = 256, random_state: int = 0):
        self.hidden_units = hidden_units
        self.depth = depth
        self.dropout = dropout
        self.learning_rate = learning_rate
        self.weight_decay = weight_decay
        self.epochs = epochs
        self.batch_size = batch_size
        self.random_state = random_state

    def fit(self, X: np.ndarray, y: np.ndarray) -> "WideAndDeepClassifier":
        features = torch.from_numpy(check_array(X, dtype=np.float32))
        labels_array = np.asarray(y)
        self.classes_ = np.unique(labels_array)
        if len(self.classes_) != 2:
            raise ValueError("WideAndDeepClassifier is a binary classifier")
        labels = torch.from_numpy((labels_array == self.classes_[1]).astype(np.float32))
        generator = torch.Generator().manual_seed(self.random_state)
        torch.manual_seed(self.random_state)
        network = WideAndDeep(features.shape[1], self.hidden_units, self.depth, self.dropout)
        optimizer = torch.optim.Adam(network.parameters(), lr=self.learning_rate, weight_decay=self.weight_decay)
        positives = float(labels.sum())
        criterion = nn.BCEWithLogitsLoss(pos_weight=torch.tensor((len(labels) - positives) / max(positives, 1.0)))
        network.train()
        for _ in range(self.epochs):
            for batch in torch.randperm(len(labels), generator=generator).split(self.batch_size):
                optimizer.zero_grad()
                loss = criterion(network(features[batch]), labels[batch])
                loss.backward()
                optimizer.step()
        self.network_ = network.eval()
        return self

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        check_is_fitted(self, "network_")
        with torch.no_grad():
            positive = torch.sigmoid(self.network_(torch.from_numpy(check_array(X, dtype=np.float32)))).numpy()
        return np.column_stack([1 - positive, positive])

    def predict(self, X: np.ndarray) -> np.ndarray:
        return self.classes_[(self.predict_proba(X)[:, 1] >= 0.5).astype(int)]
