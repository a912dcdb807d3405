"""Evaluation on the test split, with the metrics that fit the task and a naive baseline to beat:
the majority class (classification), the training mean (regression), the previous value (forecast)."""
from __future__ import annotations

from typing import Any, Dict, Optional

import numpy as np
import pandas as pd
from sklearn.metrics import (accuracy_score, average_precision_score, balanced_accuracy_score, f1_score,
                             mean_absolute_error, mean_squared_error, precision_score, r2_score, recall_score,
                             roc_auc_score)


def _safe(metric, *args, **kwargs) -> Optional[float]:
    """None where a metric is undefined (e.g. ROC AUC when the test split holds one class only)."""
    try:
        return float(metric(*args, **kwargs))
    except ValueError:
        return None


def classification(model: Any, test: pd.DataFrame, features: list, target: str, train_target: pd.Series,
                   threshold: Optional[float]) -> Dict[str, Any]:
    y = test[target].to_numpy()
    proba = model.predict_proba(test[features])
    classes = model.classes_
    if len(classes) == 2 and threshold is not None:
        predicted = np.where(proba[:, 1] >= threshold, classes[1], classes[0])
    else:
        predicted = classes[np.argmax(proba, axis=1)]
    majority = train_target.mode().iloc[0]
    metrics: Dict[str, Any] = {
        "accuracy": float(accuracy_score(y, predicted)),
        "balanced_accuracy": float(balanced_accuracy_score(y, predicted)),
        "f1_macro": float(f1_score(y, predicted, average="macro")),
        "baseline_accuracy": float(np.mean(y == majority)),
    }
    if len(classes) == 2:
        positive = y == classes[1]
        metrics.update({
            "positive_class": classes[1].item() if isinstance(classes[1], np.generic) else classes[1],
            "threshold": threshold,
            "precision": float(precision_score(positive, predicted == classes[1], zero_division=0)),
            "recall": float(recall_score(positive, predicted == classes[1], zero_division=0)),
            "roc_auc": _safe(roc_auc_score, positive, proba[:, 1]),
            "average_precision": _safe(average_precision_score, positive, proba[:, 1]),
        })
    return metrics


def regression(model: Any, test: pd.DataFrame, features: list, target: str, baseline: np.ndarray) -> Dict[str, Any]:
    y = test[target].to_numpy(dtype=float)
    predicted = model.predict(test[features])
    return {
        "mae": float(mean_absolute_error(y, predicted)),
        "rmse": float(np.sqrt(mean_squared_error(y, predicted))),
        "r2": _safe(r2_score, y, predicted),
        "baseline_mae": float(mean_absolute_error(y, baseline)),
    }


def forecast(model: Any, test: pd.DataFrame, features: list, target: str, naive_column: str) -> Dict[str, Any]:
    metrics = regression(model, test, features, target, test[naive_column].to_numpy(dtype=float))
    y = test[target].to_numpy(dtype=float)
    predicted = model.predict(test[features])
    denominator = np.abs(y) + np.abs(predicted)
    smape = np.where(denominator == 0, 0.0, 2 * np.abs(predicted - y) / np.where(denominator == 0, 1, denominator))
    metrics["smape"] = float(np.mean(smape))
    metrics["baseline"] = "previous value"
    return metrics
