"""A multilayer perceptron trained with the focal loss, for the rare fraud class.

Lin, Goyal, Girshick, He and Dollar, "Focal Loss for Dense Object Detection" (ICCV 2017,
https://arxiv.org/abs/1708.02002) down-weight the examples a model already gets right: the
binary cross-entropy of each example is multiplied by ``(1 - p_t) ** gamma``, where ``p_t`` is
the probability given to the true class, and the positive class is weighted by ``alpha``. With
hundreds of thousands of obvious legitimate payments and a few hundred frauds, that keeps the
easy negatives from swamping the gradient, the same problem the paper solved for object
detection. ``gamma = 0`` and ``alpha = 0.5`` give back (half) the plain cross-entropy, which the
tests check.

``FocalMLPClassifier`` wraps the network in the scikit-learn estimator API so that it can be
tuned, stacked and saved like the other candidates.
"""
from __future__ import annotations

import numpy as np
import torch
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.utils.validation import check_array, check_is_fitted
from torch import nn


def focal_loss(logits: torch.Tensor, targets: torch.Tensor, gamma: float = 2.0, alpha: float = 0.75) -> torch.Tensor:
    """Mean focal loss of binary logits against 0/1 targets."""
    cross_entropy = nn.functional.binary_cross_entropy_with_logits(logits, targets, reduction="none")
    probability = torch.sigmoid(logits)
    p_true = targets * probability + (1 - targets) * (1 - probability)
    weight = targets * alpha + (1 - targets) * (1 - alpha)
    # (1 - p_t) ** gamma has an infinite slope at p_t = 1 when gamma < 1; the floor keeps it finite.
    return (weight * (1 - p_true).clamp(min=1e-6) ** gamma * cross_entropy).mean()


class MLP(nn.Module):
    """Fully connected layers with ReLU and dropout, ending in one logit."""

    def __init__(self, n_features: int, hidden_units: int, depth: int, dropout: float):
        super().__init__()
        layers: list[nn.Module] = []
        width = n_features
        for _ in range(depth):
            layers += [nn.Linear(width, hidden_units), nn.ReLU(), nn.Dropout(dropout)]
            width = hidden_units
        layers.append(nn.Linear(width, 1))
        self.layers = nn.Sequential(*layers)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.layers(x).squeeze(-1)


class FocalMLPClassifier(ClassifierMixin, BaseEstimator):
    """Binary classifier: an MLP trained with Adam on the focal loss."""

    def __init__(self, hidden_units: int = 32, depth: int = 2, dropout: float = 0.1, learning_rate: float = 0.005,
                 weight_decay: float = 1e-4, gamma: float = 2.0, alpha: float = 0.75, epochs: int = 30,
                 batch_size: int = 256, random_state: int = 0):
        self.hidden_units = hidden_units
        self.depth = depth
        self.dropout = dropout
        self.learning_rate = learning_rate
        self.weight_decay = weight_decay
        self.gamma = gamma
        self.alpha = alpha
        self.epochs = epochs
        self.batch_size = batch_size
        self.random_state = random_state

    def fit(self, X: np.ndarray, y: np.ndarray) -> "FocalMLPClassifier":
        features = torch.from_numpy(check_array(X, dtype=np.float32))
        labels_array = np.asarray(y)
        self.classes_ = np.unique(labels_array)
        if len(self.classes_) != 2:
            raise ValueError("FocalMLPClassifier is a binary classifier")
        labels = torch.from_numpy((labels_array == self.classes_[1]).astype(np.float32))
        generator = torch.Generator().manual_seed(self.random_state)
        torch.manual_seed(self.random_state)
        network = MLP(features.shape[1], self.hidden_units, self.depth, self.dropout)
        optimizer = torch.optim.Adam(network.parameters(), lr=self.learning_rate, weight_decay=self.weight_decay)
        network.train()
        for _ in range(self.epochs):
            for batch in torch.randperm(len(labels), generator=generator).split(self.batch_size):
                optimizer.zero_grad()
                loss = focal_loss(network(features[batch]), labels[batch], self.gamma, self.alpha)
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
