"""Candidate models: how each is built from its hyperparameters and the space it is tuned in.

Four model families, each with its own Optuna search space and class weighting for the rare
clicks, and a stacked ensemble of the tuned four.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Dict

import optuna
from sklearn.base import ClassifierMixin
from sklearn.ensemble import HistGradientBoostingClassifier, RandomForestClassifier, StackingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold

from .wide_deep import WideAndDeepClassifier

Params = Dict[str, Any]


@dataclass(frozen=True)
class Candidate:
    """``space`` samples hyperparameters from an Optuna trial; ``build`` makes the unfitted model."""

    space: Callable[[optuna.Trial], Params]
    build: Callable[[Params, Dict[str, Any]], ClassifierMixin]


def logistic_space(trial: optuna.Trial) -> Params:
    return {"C": trial.suggest_float("C", 1e-3, 10.0, log=True)}


def build_logistic(params: Params, config: Dict[str, Any]) -> ClassifierMixin:
    return LogisticRegression(class_weight="balanced", max_iter=2000, **params)


def forest_space(trial: optuna.Trial) -> Params:
    return {
        "n_estimators": trial.suggest_int("n_estimators", 50, 200, step=50),
        "max_depth": trial.suggest_int("max_depth", 3, 12),
        "min_samples_leaf": trial.suggest_int("min_samples_leaf", 5, 50, log=True),
        "max_features": trial.suggest_categorical("max_features", ["sqrt", 0.5]),
    }


def build_forest(params: Params, config: Dict[str, Any]) -> ClassifierMixin:
    return RandomForestClassifier(class_weight="balanced_subsample", random_state=config["seed"], n_jobs=1, **params)


def hist_gb_space(trial: optuna.Trial) -> Params:
    return {
        "learning_rate": trial.suggest_float("learning_rate", 0.02, 0.3, log=True),
        "max_leaf_nodes": trial.suggest_int("max_leaf_nodes", 8, 48, log=True),
        "min_samples_leaf": trial.suggest_int("min_samples_leaf", 10, 80),
        "l2_regularization": trial.suggest_float("l2_regularization", 1e-3, 1.0, log=True),
    }


def build_hist_gb(params: Params, config: Dict[str, Any]) -> ClassifierMixin:
    return HistGradientBoostingClassifier(
        max_iter=config["model"]["max_iter"], class_weight="balanced", random_state=config["seed"], **params
    )


def wide_deep_space(trial: optuna.Trial) -> Params:
    return {
        "hidden_units": trial.suggest_categorical("hidden_units", [16, 32, 64]),
        "depth": trial.suggest_int("depth", 1, 3),
        "dropout": trial.suggest_float("dropout", 0.0, 0.3),
        "learning_rate": trial.suggest_float("learning_rate", 1e-3, 3e-2, log=True),
        "weight_decay": trial.suggest_float("weight_decay", 1e-6, 1e-3, log=True),
    }


def build_wide_deep(params: Params, config: Dict[str, Any]) -> ClassifierMixin:
    return WideAndDeepClassifier(epochs=config["model"]["wide_deep_epochs"], random_state=config["seed"], **params)


def build_stack(estimators: Dict[str, ClassifierMixin], config: Dict[str, Any]) -> ClassifierMixin:
    """A logistic meta-learner over the out-of-fold probabilities of the tuned candidates."""
    folds = StratifiedKFold(config["model"]["stacking_folds"], shuffle=True, random_state=config["seed"])
    return StackingClassifier(
        estimators=list(estimators.items()),
        final_estimator=LogisticRegression(class_weight="balanced", max_iter=2000),
        cv=folds,
        stack_method="predict_proba",
    )


CANDIDATES: Dict[str, Candidate] = {
    "logistic_regression": Candidate(logistic_space, build_logistic),
    "random_forest": Candidate(forest_space, build_forest),
    "hist_gradient_boosting": Candidate(hist_gb_space, build_hist_gb),
    "wide_and_deep": Candidate(wide_deep_space, build_wide_deep),
}

# Ensembles built from the tuned candidates (a dict of unfitted models); each is compared with them.
ENSEMBLES: Dict[str, Callable[[Dict[str, ClassifierMixin], Dict[str, Any]], ClassifierMixin]] = {
    "stacking": build_stack,
}
