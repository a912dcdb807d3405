"""Knowledge distillation: compress the chosen model into one fast gradient-boosting student.

The best offline model is usually the stack, which runs five models per request. The student
learns the stack's logit on the training impressions plus a transfer set of unlabeled
(user, item) candidates, the pairs the service will actually score. It replaces the stack for
serving only when it keeps ``distill.min_relative_ap`` of the stack's validation AP.
"""
from __future__ import annotations

import logging
import time
from dataclasses import replace
from typing import Any, Dict

import numpy as np
import pandas as pd
from scipy.special import expit, logit
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.ensemble import HistGradientBoostingRegressor
from sklearn.pipeline import Pipeline

from .features import RAW_FEATURES, build_preprocessor
from .recommend import candidates
from .train import TrainResult, validation_score

logger = logging.getLogger(__name__)


class DistilledClassifier(ClassifierMixin, BaseEstimator):
    """A regressor on the teacher's logit, exposed as a probabilistic classifier."""

    def __init__(self, max_iter: int = 200, learning_rate: float = 0.1, max_leaf_nodes: int = 31,
                 random_state: int = 0):
        self.max_iter = max_iter
        self.learning_rate = learning_rate
        self.max_leaf_nodes = max_leaf_nodes
        self.random_state = random_state

    def fit(self, X: np.ndarray, teacher_probability: np.ndarray) -> "DistilledClassifier":
        self.classes_ = np.array([0, 1])
        target = logit(np.clip(teacher_probability, 1e-4, 1 - 1e-4))
        self.regressor_ = HistGradientBoostingRegressor(
            max_iter=self.max_iter, learning_rate=self.learning_rate, max_leaf_nodes=self.max_leaf_nodes,
            random_state=self.random_state,
        ).fit(X, target)
        return self

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        positive = expit(self.regressor_.predict(X))
        return np.column_stack([1 - positive, positive])

    def predict(self, X: np.ndarray) -> np.ndarray:
        return (self.predict_proba(X)[:, 1] >= 0.5).astype(int)


def transfer_set(train: pd.DataFrame, users: pd.DataFrame, items: pd.DataFrame, size: int, seed: int) -> pd.DataFrame:
    """Random (user, item) candidates at the moments and positions seen in training."""
    rng = np.random.default_rng(seed)
    pairs = candidates(users.sample(size, replace=True, random_state=seed).reset_index(drop=True),
                       items, pd.Timestamp(0)).sample(size, random_state=seed).reset_index(drop=True)
    pairs["timestamp"] = rng.choice(train["timestamp"].to_numpy(), size)
    pairs["position"] = rng.choice(train["position"].to_numpy(), size)
    return pairs


def distill(teacher: Pipeline, inputs: pd.DataFrame, config: Dict[str, Any]) -> Pipeline:
    """A student pipeline fitted to the teacher's click probabilities on ``inputs``."""
    student = Pipeline([
        ("features", build_preprocessor()),
        ("model", DistilledClassifier(random_state=config["seed"])),
    ])
    return student.fit(inputs[RAW_FEATURES], teacher.predict_proba(inputs[RAW_FEATURES])[:, 1])


def ms_per_thousand_rows(model: Pipeline, frame: pd.DataFrame, repeats: int = 3) -> float:
    """Best-of-``repeats`` scoring time of ``frame`` in milliseconds per 1,000 rows."""
    timings = []
    for _ in range(repeats):
        started = time.perf_counter()
        model.predict_proba(frame[RAW_FEATURES])
        timings.append(time.perf_counter() - started)
    return 1e6 * min(timings) / len(frame)


def distill_if_close(result: TrainResult, splits: Dict[str, pd.DataFrame], users: pd.DataFrame, items: pd.DataFrame,
                     config: Dict[str, Any]) -> TrainResult:
    """Serves the student instead of the chosen model when it keeps enough validation AP."""
    settings = config["distill"]
    train, val = splits["train"], splits["val"]
    transfer = transfer_set(train, users, items, settings["transfer_size"], config["seed"])
    inputs = pd.concat([train, transfer], ignore_index=True)
    student = distill(result.model, inputs, config)
    teacher_ap, student_ap = validation_score(result.model, val), validation_score(student, val)
    logger.info("distillation: teacher AP %.3f at %.1f ms/1k rows, student AP %.3f at %.1f ms/1k rows",
                teacher_ap, ms_per_thousand_rows(result.model, val), student_ap, ms_per_thousand_rows(student, val))
    row = pd.DataFrame([{"model": f"distilled_{result.name}", "val_average_precision": student_ap}])
    leaderboard = pd.concat([result.leaderboard, row], ignore_index=True)
    if student_ap >= settings["min_relative_ap"] * teacher_ap:
        return replace(result, model=student, name=f"distilled_{result.name}", leaderboard=leaderboard)
    return replace(result, leaderboard=leaderboard)
