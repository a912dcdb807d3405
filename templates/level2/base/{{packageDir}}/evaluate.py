"""Evaluation on the held-out test split: precision-recall and ROC, and what a retention campaign
driven by the model would be worth at the threshold chosen on the validation split (the test labels
never choose anything; they only measure)."""
from __future__ import annotations

import numpy as np
from sklearn.metrics import average_precision_score, precision_recall_curve, roc_auc_score, roc_curve


def campaign_value(y_true: np.ndarray, scores: np.ndarray, threshold: float, contact_cost: float,
                   retained_value: float, success_rate: float) -> float:
    """Net value of calling every customer scored at or above the threshold: each call costs
    contact_cost; each churner called is kept with probability success_rate, worth retained_value."""
    contacted = scores >= threshold
    churners_reached = int(np.sum(contacted & (y_true == 1)))
    return churners_reached * success_rate * retained_value - int(np.sum(contacted)) * contact_cost


def best_threshold(y_true: np.ndarray, scores: np.ndarray, business: dict) -> tuple[float, float]:
    """The threshold with the highest campaign value on these labels, and that value; the pipeline
    calls it on the validation split."""
    candidates = np.unique(np.round(scores, 3))
    values = [campaign_value(y_true, scores, t, business["contact_cost"], business["retained_value"],
                             business["success_rate"]) for t in candidates]
    best = int(np.argmax(values))
    return float(candidates[best]), float(values[best])


def evaluate(y_true: np.ndarray, scores: np.ndarray, business: dict, threshold: float) -> dict:
    """PR AUC, ROC AUC, the curves' summary points, and the business metric at ``threshold``
    (chosen beforehand on the validation split)."""
    y_true = np.asarray(y_true)
    precision, recall, _ = precision_recall_curve(y_true, scores)
    fpr, tpr, _ = roc_curve(y_true, scores)
    value = campaign_value(y_true, scores, threshold, business["contact_cost"], business["retained_value"],
                           business["success_rate"])
    call_everyone = campaign_value(y_true, scores, -np.inf, business["contact_cost"], business["retained_value"],
                                   business["success_rate"])
    return {
        "pr_auc": float(average_precision_score(y_true, scores)),
        "roc_auc": float(roc_auc_score(y_true, scores)),
        "churn_rate": float(y_true.mean()),
        "recall_at_precision_0.5": float(recall[precision >= 0.5].max()) if np.any(precision >= 0.5) else 0.0,
        "tpr_at_fpr_0.1": float(tpr[fpr <= 0.1].max()),
        "threshold": float(threshold),
        "campaign_value": float(value),
        "campaign_value_calling_everyone": float(call_everyone),
    }
