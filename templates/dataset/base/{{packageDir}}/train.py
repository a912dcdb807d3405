"""Model selection and fitting: two model families per task, tuned with Optuna on the validation
split (the test split is never seen here), then refitted on train and validation together."""
from __future__ import annotations

import logging
from typing import Any, Dict, List, Tuple

import numpy as np
import optuna
import pandas as pd
from sklearn.ensemble import HistGradientBoostingClassifier, HistGradientBoostingRegressor
from sklearn.linear_model import LogisticRegression, Ridge
from sklearn.metrics import average_precision_score, f1_score, mean_absolute_error
from sklearn.pipeline import Pipeline

from .features import build_features
from .schema import TARGET, TASK

log = logging.getLogger(__name__)
optuna.logging.set_verbosity(optuna.logging.WARNING)

FAMILIES = {
    "classification": ("logistic_regression", "gradient_boosting"),
    "regression": ("ridge", "gradient_boosting"),
    "forecast": ("ridge", "gradient_boosting"),
}


def make_model(family: str, params: Dict[str, Any], seed: int) -> Pipeline:
    """The feature steps and one estimator in one pipeline, so serving sees raw rows."""
    if family == "logistic_regression":
        estimator: Any = LogisticRegression(C=params.get("C", 1.0), class_weight="balanced", max_iter=2000)
    elif family == "ridge":
        estimator = Ridge(alpha=params.get("alpha", 1.0))
    elif family == "gradient_boosting":
        kind = HistGradientBoostingClassifier if TASK == "classification" else HistGradientBoostingRegressor
        estimator = kind(learning_rate=params.get("learning_rate", 0.1), max_depth=params.get("max_depth", 3),
                         max_iter=params.get("max_iter", 100), random_state=seed)
    else:
        raise ValueError(f"unknown model family '{family}' for {TASK} (one of {FAMILIES[TASK]})")
    return Pipeline(build_features() + [("model", estimator)])


def suggest(trial: optuna.Trial, family: str) -> Dict[str, Any]:
    if family == "logistic_regression":
        return {"C": trial.suggest_float("C", 1e-3, 10.0, log=True)}
    if family == "ridge":
        return {"alpha": trial.suggest_float("alpha", 1e-3, 100.0, log=True)}
    return {"learning_rate": trial.suggest_float("learning_rate", 0.03, 0.3, log=True),
            "max_depth": trial.suggest_int("max_depth", 2, 6),
            "max_iter": trial.suggest_int("max_iter", 30, 200)}


def validation_score(model: Pipeline, frame: pd.DataFrame, features: List[str]) -> float:
    """Higher is better: average precision (binary), macro F1 (several classes), minus MAE otherwise."""
    y = frame[TARGET]
    if TASK == "classification":
        if len(model.classes_) == 2:
            return float(average_precision_score(y == model.classes_[1], model.predict_proba(frame[features])[:, 1]))
        return float(f1_score(y, model.predict(frame[features]), average="macro"))
    return -float(mean_absolute_error(y, model.predict(frame[features])))


def tune(train: pd.DataFrame, validation: pd.DataFrame, features: List[str], trials: int, seed: int
         ) -> Tuple[str, Dict[str, Any], float]:
    """The best family and hyperparameters on validation, and their validation score."""

    def objective(trial: optuna.Trial) -> float:
        family = trial.suggest_categorical("family", list(FAMILIES[TASK]))
        model = make_model(family, suggest(trial, family), seed).fit(train[features], train[TARGET])
        return validation_score(model, validation, features)

    study = optuna.create_study(direction="maximize", sampler=optuna.samplers.TPESampler(seed=seed))
    study.optimize(objective, n_trials=trials)
    params = dict(study.best_params)
    family = params.pop("family")
    log.info("best on validation: %s %s (score %.4f)", family, params, study.best_value)
    return family, params, float(study.best_value)


def decision_threshold(model: Pipeline, validation: pd.DataFrame, features: List[str]) -> float | None:
    """For a binary classifier, the probability threshold with the best F1 on the validation split
    (never on test: the test split only measures). None for other tasks."""
    if TASK != "classification" or len(model.classes_) != 2:
        return None
    positive = validation[TARGET] == model.classes_[1]
    scores = model.predict_proba(validation[features])[:, 1]
    candidates = np.unique(np.quantile(scores, np.linspace(0.0, 1.0, 101)))
    f1 = [f1_score(positive, scores >= t, zero_division=0) for t in candidates]
    return float(candidates[int(np.argmax(f1))])


def fit_final(train: pd.DataFrame, validation: pd.DataFrame, features: List[str], family: str,
              params: Dict[str, Any], seed: int) -> Pipeline:
    both = pd.concat([train, validation])
    return make_model(family, params, seed).fit(both[features], both[TARGET])
