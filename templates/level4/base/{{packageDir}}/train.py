"""Training: anomaly detectors, tracked tuning of every candidate, and the decision threshold.

1. The preprocessing and the two anomaly detectors are fitted once on the training split (the
   detectors on legitimate payments only) and their scores are stacked onto the features.
2. Every candidate is tuned with Optuna (TPE) on validation average precision; every trial is
   logged (MLflow, or ``reports/runs/trials.jsonl``), so a search can be compared with the last.
3. The best candidate is refitted, and its decision threshold is the one that minimises the
   expected cost on validation: missed fraud costs its amount, every alert costs a review.
"""
from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, Tuple

import joblib
import numpy as np
import optuna
import pandas as pd
from sklearn.base import ClassifierMixin, clone
from sklearn.compose import ColumnTransformer
from sklearn.metrics import average_precision_score
from sklearn.pipeline import Pipeline

from . import tracking
from .anomaly import AnomalyScores
from .candidates import CANDIDATES, ENSEMBLES, Candidate, Params
from .data import TARGET
from .features import MODEL_FEATURES, as_model_input, build_preprocessor

logger = logging.getLogger(__name__)


@dataclass
class TrainResult:
    model: Pipeline
    name: str
    params: Dict[str, Params]
    leaderboard: pd.DataFrame
    threshold: float
    validation: Dict[str, float]


@dataclass
class Stacked:
    """The fitted preprocessing and detectors, and the matrices they produce for train and validation."""

    preprocessor: ColumnTransformer
    anomaly: AnomalyScores
    x_train: np.ndarray
    x_val: np.ndarray


def fit_detectors(train: pd.DataFrame, val: pd.DataFrame, config: Dict[str, Any]) -> Stacked:
    preprocessor = build_preprocessor().fit(as_model_input(train))
    anomaly = AnomalyScores(**config["anomaly"], random_state=config["seed"])
    x_train = anomaly.fit_transform(preprocessor.transform(as_model_input(train)), train[TARGET].to_numpy())
    x_val = anomaly.transform(preprocessor.transform(as_model_input(val)))
    return Stacked(preprocessor, anomaly, x_train, x_val)


def assemble(stacked: Stacked, head: ClassifierMixin) -> Pipeline:
    """The deployable model: payment features in, fraud probability out."""
    return Pipeline([("features", stacked.preprocessor), ("anomaly", stacked.anomaly), ("classify", head)])


def tune(name: str, candidate: Candidate, stacked: Stacked, y_train: np.ndarray, y_val: np.ndarray,
         config: Dict[str, Any]) -> Params:
    """Bayesian (TPE) search maximising validation average precision; every trial is tracked."""

    def objective(trial: optuna.Trial) -> float:
        model = candidate.build(candidate.space(trial), config).fit(stacked.x_train, y_train)
        return float(average_precision_score(y_val, model.predict_proba(stacked.x_val)[:, 1]))

    optuna.logging.set_verbosity(optuna.logging.WARNING)
    study = optuna.create_study(direction="maximize", study_name=name,
                                sampler=optuna.samplers.TPESampler(seed=config["seed"]))
    study.optimize(objective, n_trials=config["tuning"]["n_trials"], timeout=config["tuning"].get("timeout_seconds"))
    trials = [{"number": t.number, "params": t.params, "value": t.value} for t in study.trials if t.value is not None]
    tracking.log_trials(name, trials, "val_average_precision", config["tracking"])
    return candidate.space(optuna.trial.FixedTrial(study.best_params))


def expected_cost(y_true: np.ndarray, scores: np.ndarray, amounts: np.ndarray, threshold: float,
                  review_cost: float) -> float:
    """Fraud that gets through costs its amount; every alert costs an analyst's review."""
    alert = scores >= threshold
    return float(np.sum(amounts[(y_true == 1) & ~alert]) + review_cost * np.sum(alert))


def choose_threshold(y_true: np.ndarray, scores: np.ndarray, amounts: np.ndarray, review_cost: float) -> Tuple[float, float]:
    """The score threshold with the lowest expected cost, and that cost, searched exactly: every
    distinct score is a candidate (alerting on it and everything above), and so is alerting on nothing."""
    order = np.argsort(-scores, kind="stable")
    ranked = scores[order]
    caught = np.cumsum(np.where(y_true[order] == 1, amounts[order], 0.0))
    last_of_tie = np.r_[ranked[1:] != ranked[:-1], True]
    total = float(np.sum(amounts[y_true == 1]))
    costs = total - caught[last_of_tie] + review_cost * (np.flatnonzero(last_of_tie) + 1)
    thresholds = ranked[last_of_tie]
    best = int(np.argmin(costs))
    if total <= costs[best]:
        return float(np.nextafter(ranked[0], np.inf)), total
    return float(thresholds[best]), float(costs[best])


def train(splits: Dict[str, pd.DataFrame], config: Dict[str, Any]) -> TrainResult:
    """Tunes and fits every candidate and ensemble on train; the best validation AP wins."""
    train_set, val = splits["train"], splits["val"]
    y_train, y_val = train_set[TARGET].to_numpy(), val[TARGET].to_numpy()
    stacked = fit_detectors(train_set, val, config)
    tuned: Dict[str, Params] = {}
    heads: Dict[str, ClassifierMixin] = {}
    fitted: Dict[str, ClassifierMixin] = {}
    for name, candidate in CANDIDATES.items():
        tuned[name] = tune(name, candidate, stacked, y_train, y_val, config)
        heads[name] = candidate.build(tuned[name], config)
        fitted[name] = clone(heads[name]).fit(stacked.x_train, y_train)
        logger.info("tuned %s: %s", name, tuned[name])
    for name, build in ENSEMBLES.items():
        fitted[name] = build(heads, config).fit(stacked.x_train, y_train)
    scores = {name: model.predict_proba(stacked.x_val)[:, 1] for name, model in fitted.items()}
    leaderboard = pd.DataFrame(
        [{"model": name, "val_average_precision": float(average_precision_score(y_val, s))} for name, s in scores.items()]
    ).sort_values("val_average_precision", ascending=False, ignore_index=True)
    best = str(leaderboard.loc[0, "model"])
    logger.info("validation leaderboard:\n%s", leaderboard.to_string(index=False))
    review_cost = config["evaluation"]["review_cost"]
    threshold, cost = choose_threshold(y_val, scores[best], val["amount_eur"].to_numpy(), review_cost)
    validation = {"val_average_precision": float(leaderboard.loc[0, "val_average_precision"]),
                  "val_expected_cost": cost, "val_fraud_rate": float(y_val.mean())}
    return TrainResult(assemble(stacked, fitted[best]), best, tuned, leaderboard, threshold, validation)


def metadata_path(model_path: str | Path) -> Path:
    """The JSON file next to a model that records its threshold, name and parameters."""
    return Path(model_path).with_suffix(".json")


def save_model(result: TrainResult, path: str | Path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    joblib.dump(result.model, path)
    metadata = {"model": result.name, "threshold": result.threshold, "params": result.params,
                "features": MODEL_FEATURES, **result.validation}
    metadata_path(path).write_text(json.dumps(metadata, indent=2, default=str))
    return path


def load_model(path: str | Path) -> Pipeline:
    return joblib.load(path)


def load_metadata(path: str | Path) -> Dict[str, Any]:
    return json.loads(metadata_path(path).read_text())
