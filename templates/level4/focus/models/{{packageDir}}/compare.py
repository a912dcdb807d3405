"""Walk-forward comparison of the model families, ablations, and a quantised autoencoder.

    python -m <package>.pipeline --step compare      (after --step train; writes reports/compare.json)

The train step ranks the candidates on one validation window. Fraud changes over time, so here
every family is judged as it will be used: trained on the past and scored on the days after,
at several cut points (scikit-learn's ``TimeSeriesSplit`` over the days of the train and
validation splits, a walk-forward validation). Each family keeps the hyperparameters the train
step tuned for it (``models/model.json``), so the spread across folds measures stability, not luck
in the search.

The ablations say which parts of the model earn their keep, on the test days: the best family of
the walk-forward comparison without the anomaly scores, without the card-history features (held
constant), and the anomaly scores alone, which use no labels at all.

Finally the autoencoder is quantised to 8-bit integers (dynamic quantisation of its linear
layers): how much faster it scores the test days, and how far its scores move.
"""
from __future__ import annotations

import time
from typing import Any, Dict, List

import numpy as np
import pandas as pd
import torch
from scipy.stats import spearmanr
from sklearn.base import ClassifierMixin, clone
from sklearn.metrics import average_precision_score, roc_auc_score
from sklearn.model_selection import TimeSeriesSplit
from torch import nn

from .candidates import CANDIDATES, ENSEMBLES
from .data import TARGET
from .features import ACTIVITY_FEATURES, as_model_input
from .train import fit_detectors, load_metadata, load_model


def tuned_heads(params: Dict[str, Dict[str, Any]], config: Dict[str, Any]) -> Dict[str, ClassifierMixin]:
    """Every family with its tuned hyperparameters."""
    return {name: candidate.build(params[name], config) for name, candidate in CANDIDATES.items()}


def fold_scores(heads: Dict[str, ClassifierMixin], x_train: np.ndarray, y_train: np.ndarray,
                x_test: np.ndarray, config: Dict[str, Any]) -> Dict[str, np.ndarray]:
    """Probabilities of every family and ensemble on one fold. Soft voting is the mean of the
    families' probabilities (what refitting a VotingClassifier would give); the other ensembles
    are fitted."""
    fitted = {name: clone(head).fit(x_train, y_train) for name, head in heads.items()}
    scores = {name: model.predict_proba(x_test)[:, 1] for name, model in fitted.items()}
    for name, build in ENSEMBLES.items():
        if name == "soft_voting":
            scores[name] = np.mean([scores[family] for family in heads], axis=0)
        else:
            scores[name] = build(heads, config).fit(x_train, y_train).predict_proba(x_test)[:, 1]
    return scores


def walk_forward(history: pd.DataFrame, params: Dict[str, Dict[str, Any]], config: Dict[str, Any]) -> Dict[str, Any]:
    """Average precision of every model on each walk-forward fold, with mean and spread."""
    day = (history["timestamp"] - history["timestamp"].min()).dt.days.to_numpy()
    days = np.unique(day)
    scores: Dict[str, List[float]] = {}
    folds = []
    for train_days, test_days in TimeSeriesSplit(n_splits=config["compare"]["folds"]).split(days):
        past, future = history[np.isin(day, days[train_days])], history[np.isin(day, days[test_days])]
        if past[TARGET].nunique() < 2 or future[TARGET].nunique() < 2:
            continue
        stacked = fit_detectors(past, future, config)
        folds.append({"train_days": int(len(train_days)), "test_days": int(len(test_days)),
                      "test_frauds": int(future[TARGET].sum())})
        probabilities = fold_scores(tuned_heads(params, config), stacked.x_train, past[TARGET].to_numpy(),
                                    stacked.x_val, config)
        for name, probability in probabilities.items():
            scores.setdefault(name, []).append(float(average_precision_score(future[TARGET], probability)))
    families = {name: {"fold_ap": values, "mean_ap": float(np.mean(values)), "std_ap": float(np.std(values))}
                for name, values in scores.items()}
    return {"folds": folds, "families": dict(sorted(families.items(), key=lambda kv: -kv[1]["mean_ap"]))}


def ablations(splits: Dict[str, pd.DataFrame], family: str, params: Dict[str, Dict[str, Any]],
              config: Dict[str, Any]) -> Dict[str, Any]:
    """Test average precision of one tuned family with and without each part of the model."""
    train, test = splits["train"], splits["test"]
    y_train, y_test = train[TARGET].to_numpy(), test[TARGET].to_numpy()
    head = tuned_heads(params, config)[family]
    full = fit_detectors(train, test, config)
    without_history = fit_detectors(train.assign(**{c: 0 for c in ACTIVITY_FEATURES}),
                                    test.assign(**{c: 0 for c in ACTIVITY_FEATURES}), config)

    def ap(stacked_train: np.ndarray, stacked_test: np.ndarray) -> float:
        model = clone(head).fit(stacked_train, y_train)
        return float(average_precision_score(y_test, model.predict_proba(stacked_test)[:, 1]))

    return {
        "family": family,
        "full": ap(full.x_train, full.x_val),
        "without_anomaly_scores": ap(full.x_train[:, :-2], full.x_val[:, :-2]),
        "without_card_history": ap(without_history.x_train, without_history.x_val),
        "anomaly_scores_only": float(average_precision_score(y_test, full.x_val[:, -2:].mean(axis=1))),
        "fraud_rate": float(y_test.mean()),
    }


def _reconstruction_error(network: nn.Module, rows: torch.Tensor) -> np.ndarray:
    with torch.no_grad():
        return ((network(rows) - rows) ** 2).mean(dim=1).numpy()


def _best_seconds(function, repeats: int = 5) -> float:
    timings = []
    for _ in range(repeats):
        started = time.perf_counter()
        function()
        timings.append(time.perf_counter() - started)
    return min(timings)


def quantised_autoencoder(model: Any, test: pd.DataFrame) -> Dict[str, float]:
    """Scoring time and score agreement of the float and the int8 autoencoder on the test days."""
    network = model.named_steps["anomaly"].detectors_[1].network_
    quantised = torch.ao.quantization.quantize_dynamic(network, {nn.Linear}, dtype=torch.qint8)
    rows = torch.from_numpy(model.named_steps["features"].transform(as_model_input(test)).astype(np.float32))
    exact, approximate = _reconstruction_error(network, rows), _reconstruction_error(quantised, rows)
    y = test[TARGET].to_numpy()
    per_1k = 1000 / len(rows)
    return {
        "float_ms_per_1k_rows": 1000 * per_1k * _best_seconds(lambda: _reconstruction_error(network, rows)),
        "int8_ms_per_1k_rows": 1000 * per_1k * _best_seconds(lambda: _reconstruction_error(quantised, rows)),
        "score_spearman": float(spearmanr(exact, approximate).correlation),
        "fraud_auc_float": float(roc_auc_score(y, exact)),
        "fraud_auc_int8": float(roc_auc_score(y, approximate)),
    }


def compare(splits: Dict[str, pd.DataFrame], config: Dict[str, Any]) -> Dict[str, Any]:
    metadata = load_metadata(config["model"]["path"])
    history = pd.concat([splits["train"], splits["val"]], ignore_index=True)
    report = walk_forward(history, metadata["params"], config)
    report["served"] = metadata["model"]
    best_family = next(name for name in report["families"] if name in CANDIDATES)
    report["ablations"] = ablations(splits, best_family, metadata["params"], config)
    report["quantisation"] = quantised_autoencoder(load_model(config["model"]["path"]), splits["test"])
    return report
