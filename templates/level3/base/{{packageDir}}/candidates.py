"""Candidate models: how each is built from its hyperparameters and the space they are tuned in."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Dict

import optuna
from sklearn.base import ClassifierMixin
from sklearn.ensemble import HistGradientBoostingClassifier

Params = Dict[str, Any]


@dataclass(frozen=True)
class Candidate:
    """``space`` samples hyperparameters from an Optuna trial; ``build`` makes the unfitted model."""

    space: Callable[[optuna.Trial], Params]
    build: Callable[[Params, Dict[str, Any]], ClassifierMixin]


def hist_gb_space(trial: optuna.Trial) -> Params:
    return {
        "learning_rate": trial.suggest_float("learning_rate", 0.02, 0.3, log=True),
        "max_leaf_nodes": trial.suggest_int("max_leaf_nodes", 8, 48, log=True),
        "min_samples_leaf": trial.suggest_int("min_samples_leaf", 10, 80),
        "l2_regularization": trial.suggest_float("l2_regularization", 1e-3, 1.0, log=True),
    }


def build_hist_gb(params: Params, config: Dict[str, Any]) -> ClassifierMixin:
    """Gradient boosting with balanced class weights: clicks are the rare class."""
    return HistGradientBoostingClassifier(
        max_iter=config["model"]["max_iter"], class_weight="balanced", random_state=config["seed"], **params
    )


CANDIDATES: Dict[str, Candidate] = {"hist_gradient_boosting": Candidate(hist_gb_space, build_hist_gb)}

# Ensembles built from the tuned candidates (a dict of unfitted models); each is compared with them.
ENSEMBLES: Dict[str, Callable[[Dict[str, ClassifierMixin], Dict[str, Any]], ClassifierMixin]] = {}
