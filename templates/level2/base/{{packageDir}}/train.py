"""Splits, tunes and fits: stratified train/validation/test splits, class weighting for the minority
of churners, and an optuna search scored on validation PR AUC."""
from __future__ import annotations

import logging
from typing import Any

import optuna
import pandas as pd
from sklearn.base import ClassifierMixin
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score, roc_auc_score
from sklearn.model_selection import train_test_split
from sklearn.pipeline import Pipeline

from .features import build_preprocessor

log = logging.getLogger(__name__)
optuna.logging.set_verbosity(optuna.logging.WARNING)

METRICS = {"average_precision": average_precision_score, "roc_auc": roc_auc_score}


def split(df: pd.DataFrame, target: str, test_size: float, validation_size: float, seed: int):
    """Train, validation and test frames, each with the same churn rate (stratified)."""
    rest, test = train_test_split(df, test_size=test_size, stratify=df[target], random_state=seed)
    train, validation = train_test_split(rest, test_size=validation_size, stratify=rest[target], random_state=seed)
    return train, validation, test


def make_model(family: str, params: dict[str, Any], class_weight: str | None, seed: int) -> Pipeline:
    """The preprocessing and one classifier in one pipeline, so serving sees raw rows."""
    if family == "logistic_regression":
        classifier: ClassifierMixin = LogisticRegression(C=params.get("C", 1.0), class_weight=class_weight, max_iter=2000)
    elif family == "gradient_boosting":
        classifier = HistGradientBoostingClassifier(
            learning_rate=params.get("learning_rate", 0.1), max_depth=params.get("max_depth", 3),
            max_iter=params.get("max_iter", 150), class_weight=class_weight, random_state=seed)
    else:
        raise ValueError(f"unknown model family '{family}' (logistic_regression or gradient_boosting)")
    return Pipeline([("features", build_preprocessor()), ("classifier", classifier)])


def suggest(trial: optuna.Trial, family: str) -> dict[str, Any]:
    """The search space of each family."""
    if family == "logistic_regression":
        return {"C": trial.suggest_float("C", 1e-3, 10.0, log=True)}
    return {"learning_rate": trial.suggest_float("learning_rate", 0.02, 0.3, log=True),
            "max_depth": trial.suggest_int("max_depth", 2, 6),
            "max_iter": trial.suggest_int("max_iter", 50, 300)}


def tune(train: pd.DataFrame, validation: pd.DataFrame, features: list[str], target: str, config: dict) -> dict[str, Any]:
    """Best hyperparameters on the validation split; the test split is never seen here."""
    family, class_weight, seed = config["model"]["family"], config["model"]["class_weight"], config["seed"]
    score = METRICS[config["tuning"]["metric"]]

    def objective(trial: optuna.Trial) -> float:
        model = make_model(family, suggest(trial, family), class_weight, seed)
        model.fit(train[features], train[target])
        return score(validation[target], model.predict_proba(validation[features])[:, 1])

    study = optuna.create_study(direction="maximize", sampler=optuna.samplers.TPESampler(seed=seed))
    study.optimize(objective, n_trials=config["tuning"]["trials"])
    log.info("best validation %s %.3f with %s", config["tuning"]["metric"], study.best_value, study.best_params)
    return study.best_params


def fit_final(train: pd.DataFrame, validation: pd.DataFrame, features: list[str], target: str,
              params: dict[str, Any], config: dict) -> Pipeline:
    """Refits the tuned model on train and validation together for the final evaluation on test."""
    both = pd.concat([train, validation])
    model = make_model(config["model"]["family"], params, config["model"]["class_weight"], config["seed"])
    return model.fit(both[features], both[target])
