"""Candidate models for the supervised head of the fraud model: how each is built from its
hyperparameters and the space it is tuned in.

Four families, each with its own Optuna search space and its own way of handling the rare fraud
class, and two ensembles of the tuned four: soft voting and stacking. Every candidate sees the
preprocessed payment features plus the two anomaly scores.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Dict

import optuna
from sklearn.base import ClassifierMixin
from sklearn.ensemble import HistGradientBoostingClassifier, RandomForestClassifier, StackingClassifier, VotingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold

from .networks import FocalMLPClassifier

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
        "n_estimators": trial.suggest_int("n_estimators", 50, 150, step=50),
        "max_depth": trial.suggest_int("max_depth", 4, 12),
        "min_samples_leaf": trial.suggest_int("min_samples_leaf", 2, 30, log=True),
        "max_features": trial.suggest_categorical("max_features", ["sqrt", 0.5]),
    }


def build_forest(params: Params, config: Dict[str, Any]) -> ClassifierMixin:
    return RandomForestClassifier(class_weight="balanced_subsample", random_state=config["seed"], n_jobs=1, **params)


def boosting_space(trial: optuna.Trial) -> Params:
    return {
        "learning_rate": trial.suggest_float("learning_rate", 0.03, 0.3, log=True),
        "max_leaf_nodes": trial.suggest_int("max_leaf_nodes", 8, 32, log=True),
        "min_samples_leaf": trial.suggest_int("min_samples_leaf", 10, 60),
        "l2_regularization": trial.suggest_float("l2_regularization", 1e-3, 1.0, log=True),
    }


def build_boosting(params: Params, config: Dict[str, Any]) -> ClassifierMixin:
    return HistGradientBoostingClassifier(max_iter=config["model"]["max_iter"], class_weight="balanced",
                                          random_state=config["seed"], **params)


def mlp_space(trial: optuna.Trial) -> Params:
    return {
        "hidden_units": trial.suggest_categorical("hidden_units", [16, 32, 64]),
        "depth": trial.suggest_int("depth", 1, 3),
        "dropout": trial.suggest_float("dropout", 0.0, 0.3),
        "learning_rate": trial.suggest_float("learning_rate", 1e-3, 2e-2, log=True),
        "gamma": trial.suggest_float("gamma", 0.0, 3.0),
        "alpha": trial.suggest_float("alpha", 0.5, 0.95),
    }


def build_mlp(params: Params, config: Dict[str, Any]) -> ClassifierMixin:
    return FocalMLPClassifier(epochs=config["model"]["mlp_epochs"], random_state=config["seed"], **params)


def build_voting(estimators: Dict[str, ClassifierMixin], config: Dict[str, Any]) -> ClassifierMixin:
    """The average of the tuned candidates' probabilities."""
    return VotingClassifier(estimators=list(estimators.items()), voting="soft")


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
    "gradient_boosting": Candidate(boosting_space, build_boosting),
    "focal_mlp": Candidate(mlp_space, build_mlp),
}

# Ensembles built from the tuned candidates (a dict of unfitted models); each is compared with them.
ENSEMBLES: Dict[str, Callable[[Dict[str, ClassifierMixin], Dict[str, Any]], ClassifierMixin]] = {
    "soft_voting": build_voting,
    "stacking": build_stack,
}
