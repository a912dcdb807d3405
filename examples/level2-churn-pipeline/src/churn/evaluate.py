"""Evaluation: ranking metrics, curves and the business cost of a threshold."""
from __future__ import annotations

import json
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from sklearn.metrics import (  # noqa: E402
    average_precision_score,
    f1_score,
    precision_recall_curve,
    precision_score,
    recall_score,
    roc_auc_score,
    roc_curve,
)

from .config import BusinessConfig  # noqa: E402


def expected_retention_cost(y_true, y_score, threshold: float, business: BusinessConfig) -> float:
    """Expected cost of a retention campaign that contacts everyone above ``threshold``.

    * every contacted customer receives an offer costing ``offer_cost``
    * a contacted churner stays with probability ``offer_acceptance``
    * every churner who leaves costs ``churn_loss``
    """
    y_true = np.asarray(y_true).astype(bool)
    contacted = np.asarray(y_score) >= threshold
    n_offers = contacted.sum()
    churners_contacted = (contacted & y_true).sum()
    churners_missed = (~contacted & y_true).sum()
    lost = churners_missed + churners_contacted * (1 - business.offer_acceptance)
    return float(n_offers * business.offer_cost + lost * business.churn_loss)


def best_threshold_by_cost(y_true, y_score, business: BusinessConfig,
                           grid: np.ndarray | None = None) -> tuple[float, float]:
    grid = np.linspace(0.05, 0.95, 91) if grid is None else grid
    costs = [expected_retention_cost(y_true, y_score, t, business) for t in grid]
    i = int(np.argmin(costs))
    return float(grid[i]), float(costs[i])


def classification_metrics(y_true, y_score, threshold: float = 0.5) -> dict[str, float]:
    y_pred = (np.asarray(y_score) >= threshold).astype(int)
    return {
        "roc_auc": roc_auc_score(y_true, y_score),
        "average_precision": average_precision_score(y_true, y_score),
        "precision": precision_score(y_true, y_pred, zero_division=0),
        "recall": recall_score(y_true, y_pred, zero_division=0),
        "f1": f1_score(y_true, y_pred, zero_division=0),
    }


def plot_curves(y_true, scores: dict[str, np.ndarray], out_path: Path) -> None:
    fig, (ax_pr, ax_roc) = plt.subplots(1, 2, figsize=(11, 4.5))
    for name, y_score in scores.items():
        precision, recall, _ = precision_recall_curve(y_true, y_score)
        fpr, tpr, _ = roc_curve(y_true, y_score)
        ax_pr.plot(recall, precision,
                   label=f"{name} (AP={average_precision_score(y_true, y_score):.2f})")
        ax_roc.plot(fpr, tpr, label=f"{name} (AUC={roc_auc_score(y_true, y_score):.2f})")
    ax_pr.axhline(np.mean(y_true), ls="--", c="grey", label="churn rate")
    ax_pr.set(xlabel="recall", ylabel="precision", title="Precision-recall")
    ax_roc.plot([0, 1], [0, 1], ls="--", c="grey")
    ax_roc.set(xlabel="false positive rate", ylabel="true positive rate", title="ROC")
    ax_pr.legend(loc="upper right")
    ax_roc.legend(loc="lower right")
    fig.tight_layout()
    fig.savefig(out_path, dpi=120)
    plt.close(fig)


def evaluate(models: dict, X_val, y_val, X_test, y_test, business: BusinessConfig,
             reports_dir: Path) -> dict:
    """Evaluate every model on the test split.

    The decision threshold is chosen on the *validation* split by minimising
    the expected retention cost, then applied unchanged to the test split.
    """
    reports_dir.mkdir(parents=True, exist_ok=True)
    do_nothing_cost = float(np.sum(y_test) * business.churn_loss)
    report, test_scores = {}, {}
    for name, model in models.items():
        threshold, _ = best_threshold_by_cost(y_val, model.predict_proba(X_val)[:, 1], business)
        y_score = model.predict_proba(X_test)[:, 1]
        test_scores[name] = y_score
        cost = expected_retention_cost(y_test, y_score, threshold, business)
        report[name] = {
            **{k: round(float(v), 4) for k, v in classification_metrics(y_test, y_score, threshold).items()},
            "threshold": round(threshold, 2),
            "expected_cost": round(cost, 2),
            "savings_vs_no_campaign": round(do_nothing_cost - cost, 2),
        }
    plot_curves(y_test, test_scores, reports_dir / "pr_roc_curves.png")
    (reports_dir / "test_metrics.json").write_text(json.dumps(report, indent=2))
    return report
