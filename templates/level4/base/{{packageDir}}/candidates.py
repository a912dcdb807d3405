"""Candidate models for the supervised head of the fraud model: how each is built from its
hyperparameters and the space it is tuned in.

Every candidate sees the preprocessed payment features plus the two anomaly scores, and handles
the rare fraud class with balanced class weights.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Dict

import optuna
from sklearn.base import ClassifierMixin
from sklearn.ensemble import HistGradientBoostingClassifier, VotingClassifier
from sklearn.linear_model import LogisticRegression

Params = Dict[str, Any]


@dataclass(frozen=True)
class Candidate:
    """``space`` samples hyperparameters from an Optuna trial; ``build`` makes the unfitted model."""

    space: Callable[[optuna.Trial], Params]
    build: Callable[[Params, Dict[str, Any]], ClassifierMixin]


def voting_space(trial: optuna.Trial) -> Params:
    return {
        "learning_rate": trial.suggest_float("learning_rate", 0.03, 0.3, log=True),
        "max_leaf_nodes": trial.suggest_int("max_leaf_nodes", 8, 32, log=True),
        "min_samples_leaf": trial.suggest_int("min_samples_leaf", 10, 60),
        "l2_regularization": trial.suggest_float("l2_regularization", 1e-3, 1.0, log=True),
        "C": trial.suggest_float("C", 1e-2, 10.0, log=True),
        "boosting_weight": trial.suggest_float("boosting_weight", 0.5, 0.9),
    }


def build_voting(params: Params, config: Dict[str, Any]) -> ClassifierMixin:
    """Soft voting of gradient boosting (interactions such as "small online payments, then a big
    one") and a logistic regression (smooth, hard to overfit with a few hundred frauds)."""
    boosting = {key: params[key] for key in ("learning_rate", "max_leaf_nodes", "min_samples_leaf", "l2_regularization")}
    weight = params["boosting_weight"]
    return VotingClassifier(
        estimators=[
            ("boosting", HistGradientBoostingClassifier(max_iter=config["model"]["max_iter"], class_weight="balanced",
                                                        random_state=config["seed"], **boosting)),
            ("logistic", LogisticRegression(C=params["C"], class_weight="balanced", max_iter=2000)),
        ],
        voting="soft",
        weights=[weight, 1 - weight],
    )


CANDIDATES: Dict[str, Candidate] = {"voting_ensemble": Candidate(voting_space, build_voting)}

# Ensembles built from the tuned candidates (a dict of unfitted models); each is compared with them.
ENSEMBLES: Dict[str, Callable[[Dict[str, ClassifierMixin], Dict[str, Any]], ClassifierMixin]] = {}
