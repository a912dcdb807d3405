"""Training: tune every candidate with Optuna on the validation split, fit, compare and save the best."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict

import joblib
import optuna
import pandas as pd
from sklearn.base import ClassifierMixin, clone
from sklearn.metrics import average_precision_score
from sklearn.pipeline import Pipeline

from .candidates import CANDIDATES, ENSEMBLES, Candidate, Params
from .data import TARGET
from .features import RAW_FEATURES, build_preprocessor

logger = logging.getLogger(__name__)


@dataclass
class TrainResult:
    model: Pipeline
    name: str
    params: Dict[str, Params]
    leaderboard: pd.DataFrame


def with_features(estimator: ClassifierMixin) -> Pipeline:
    """The deployable model: raw records in, click probabilities out."""
    return Pipeline([("features", build_preprocessor()), ("model", estimator)])


def tune(candidate: Candidate, train: pd.DataFrame, val: pd.DataFrame, config: Dict[str, Any]) -> Params:
    """Bayesian (TPE) search maximising validation average precision."""
    preprocessor = build_preprocessor().fit(train[RAW_FEATURES])
    x_train, x_val = preprocessor.transform(train[RAW_FEATURES]), preprocessor.transform(val[RAW_FEATURES])

    def objective(trial: optuna.Trial) -> float:
        model = candidate.build(candidate.space(trial), config).fit(x_train, train[TARGET])
        return average_precision_score(val[TARGET], model.predict_proba(x_val)[:, 1])

    optuna.logging.set_verbosity(optuna.logging.WARNING)
    study = optuna.create_study(direction="maximize", sampler=optuna.samplers.TPESampler(seed=config["seed"]))
    study.optimize(objective, n_trials=config["tuning"]["n_trials"], timeout=config["tuning"].get("timeout_seconds"))
    return candidate.space(optuna.trial.FixedTrial(study.best_params))


def validation_score(model: Pipeline, val: pd.DataFrame) -> float:
    return float(average_precision_score(val[TARGET], model.predict_proba(val[RAW_FEATURES])[:, 1]))


def train(splits: Dict[str, pd.DataFrame], config: Dict[str, Any]) -> TrainResult:
    """Tunes and fits every candidate and ensemble on train; the best validation AP wins."""
    train_set, val = splits["train"], splits["val"]
    tuned: Dict[str, Params] = {}
    estimators: Dict[str, ClassifierMixin] = {}
    fitted: Dict[str, Pipeline] = {}
    for name, candidate in CANDIDATES.items():
        tuned[name] = tune(candidate, train_set, val, config)
        estimators[name] = candidate.build(tuned[name], config)
        fitted[name] = with_features(clone(estimators[name])).fit(train_set[RAW_FEATURES], train_set[TARGET])
        logger.info("tuned %s: %s", name, tuned[name])
    for name, build in ENSEMBLES.items():
        fitted[name] = with_features(build(estimators, config)).fit(train_set[RAW_FEATURES], train_set[TARGET])
    leaderboard = pd.DataFrame(
        [{"model": name, "val_average_precision": validation_score(model, val)} for name, model in fitted.items()]
    ).sort_values("val_average_precision", ascending=False, ignore_index=True)
    best = str(leaderboard.loc[0, "model"])
    logger.info("validation leaderboard:\n%s", leaderboard.to_string(index=False))
    return TrainResult(fitted[best], best, tuned, leaderboard)


def save_model(model: Pipeline, path: str | Path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    joblib.dump(model, path)
    return path


def load_model(path: str | Path) -> Pipeline:
    return joblib.load(path)

