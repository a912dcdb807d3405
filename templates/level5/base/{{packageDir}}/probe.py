"""Linear evaluation: how much of the class a frozen representation makes linearly readable.

The protocol of SimCLR (Chen et al., 2020, section 2.3) at small scale: the encoder is frozen,
features are standardised with the statistics of the probe's training split, and a multinomial
logistic regression is fitted by L-BFGS. Its L2 penalty is chosen by a grid search on the
validation split; the test split is scored once, with the chosen penalty. A cosine k-nearest-
neighbour classifier on the same features is reported next to it, as in many SSL papers.
"""
from __future__ import annotations

from typing import Any, Dict, Iterable, Tuple

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn


@torch.no_grad()
def extract_features(encoder: nn.Module, images: torch.Tensor, batch_size: int = 512) -> torch.Tensor:
    """h = f(x) for every image, with the encoder in evaluation mode (no augmentation)."""
    encoder.eval()
    return torch.cat([encoder(images[i:i + batch_size]) for i in range(0, len(images), batch_size)])


class LinearProbe:
    """Multinomial logistic regression on standardised features, fitted full-batch by L-BFGS."""

    def __init__(self, n_classes: int, weight_decay: float, max_iter: int = 200):
        self.n_classes, self.weight_decay, self.max_iter = n_classes, weight_decay, max_iter
        self.mean: torch.Tensor | None = None
        self.std: torch.Tensor | None = None
        self.linear: nn.Linear | None = None

    def _standardise(self, features: torch.Tensor) -> torch.Tensor:
        return (features - self.mean) / self.std

    def fit(self, features: torch.Tensor, labels: torch.Tensor) -> "LinearProbe":
        self.mean, self.std = features.mean(dim=0), features.std(dim=0).clamp(min=1e-6)
        x = self._standardise(features)
        self.linear = nn.Linear(x.shape[1], self.n_classes)
        # The problem is convex; starting at zero makes the fit independent of the global RNG.
        nn.init.zeros_(self.linear.weight)
        nn.init.zeros_(self.linear.bias)
        optimizer = torch.optim.LBFGS(self.linear.parameters(), lr=1.0, max_iter=self.max_iter,
                                      line_search_fn="strong_wolfe")

        def closure() -> torch.Tensor:
            optimizer.zero_grad()
            loss = F.cross_entropy(self.linear(x), labels) + self.weight_decay * self.linear.weight.pow(2).sum()
            loss.backward()
            return loss

        with torch.enable_grad():
            optimizer.step(closure)
        return self

    @torch.no_grad()
    def predict_logits(self, features: torch.Tensor) -> torch.Tensor:
        if self.linear is None:
            raise RuntimeError("fit the probe before predicting")
        return self.linear(self._standardise(features))

    def predict(self, features: torch.Tensor) -> torch.Tensor:
        return self.predict_logits(features).argmax(dim=1)

    def accuracy(self, features: torch.Tensor, labels: torch.Tensor) -> float:
        return float((self.predict(features) == labels).float().mean())


def grid_search_probe(train: Tuple[torch.Tensor, torch.Tensor], validation: Tuple[torch.Tensor, torch.Tensor],
                      weight_decays: Iterable[float], n_classes: int, max_iter: int) -> Tuple[LinearProbe, Dict[float, float]]:
    """The probe with the best validation accuracy over ``weight_decays`` (ties: the stronger penalty)."""
    scores: Dict[float, float] = {}
    best: LinearProbe | None = None
    for wd in sorted(weight_decays, reverse=True):
        probe = LinearProbe(n_classes, wd, max_iter).fit(*train)
        scores[wd] = probe.accuracy(*validation)
        if best is None or scores[wd] > scores[best.weight_decay]:
            best = probe
    if best is None:
        raise ValueError("weight_decays is empty")
    return best, scores


@torch.no_grad()
def knn_accuracy(train: Tuple[torch.Tensor, torch.Tensor], test: Tuple[torch.Tensor, torch.Tensor],
                 k: int, n_classes: int) -> float:
    """Majority vote (weighted by cosine similarity) of the k nearest training features."""
    train_x, train_y = F.normalize(train[0], dim=1), train[1]
    test_x, test_y = F.normalize(test[0], dim=1), test[1]
    similarity = test_x @ train_x.t()
    top, index = similarity.topk(min(k, len(train_x)), dim=1)
    votes = torch.zeros(len(test_x), n_classes).scatter_add_(1, train_y[index], top.clamp(min=0) + 1e-6)
    return float((votes.argmax(dim=1) == test_y).float().mean())


def linear_evaluation(encoder: nn.Module, splits: Dict[str, Tuple[np.ndarray, np.ndarray]],
                      probe_cfg: Dict[str, Any], n_classes: int) -> Dict[str, Any]:
    """Frozen features of the probe splits, the tuned linear probe and k-NN: the run's headline numbers."""
    features = {name: (extract_features(encoder, torch.from_numpy(splits[name][0])), torch.from_numpy(splits[name][1]))
                for name in ("train", "validation", "test")}
    probe, validation_scores = grid_search_probe(features["train"], features["validation"], probe_cfg["weight_decays"],
                                                 n_classes, probe_cfg["max_iter"])
    return {
        "probe_weight_decay": probe.weight_decay,
        "val_acc_by_weight_decay": {str(k): v for k, v in validation_scores.items()},
        "val_acc": validation_scores[probe.weight_decay],
        "test_acc": probe.accuracy(*features["test"]),
        "knn_test_acc": knn_accuracy(features["train"], features["test"], probe_cfg["knn_k"], n_classes),
    }
