"""Offline ranking evaluation on the held-out test window.

DVC stage ``evaluate``:  python -m recommender.evaluate
"""
from __future__ import annotations

import argparse
import json
import logging

import joblib
import numpy as np
import pandas as pd
from sklearn.metrics import roc_auc_score

from .config import load_config
from .features import FeatureBuilder
from .logging_utils import configure_logging

log = logging.getLogger(__name__)


def precision_at_k(ranked_labels: np.ndarray, k: int) -> float:
    return float(np.sum(ranked_labels[:k]) / k)


def recall_at_k(ranked_labels: np.ndarray, k: int) -> float:
    total = np.sum(ranked_labels)
    return float(np.sum(ranked_labels[:k]) / total) if total else 0.0


def ndcg_at_k(ranked_labels: np.ndarray, k: int) -> float:
    gains = ranked_labels[:k] / np.log2(np.arange(2, min(k, len(ranked_labels)) + 2))
    ideal = np.sort(ranked_labels)[::-1][:k]
    ideal_dcg = np.sum(ideal / np.log2(np.arange(2, len(ideal) + 2)))
    return float(np.sum(gains) / ideal_dcg) if ideal_dcg > 0 else 0.0


def ranking_metrics(df: pd.DataFrame, score_col: str, k: int) -> dict[str, float]:
    """Mean precision/recall/NDCG@k over users with at least one click."""
    rows = []
    for _, group in df.groupby("user_id"):
        if group["clicked"].sum() == 0:
            continue
        labels = group.sort_values(score_col, ascending=False)["clicked"].to_numpy()
        rows.append((precision_at_k(labels, k), recall_at_k(labels, k), ndcg_at_k(labels, k)))
    if not rows:
        return {f"precision@{k}": 0.0, f"recall@{k}": 0.0, f"ndcg@{k}": 0.0, "users": 0}
    p, r, n = np.mean(rows, axis=0)
    return {f"precision@{k}": round(p, 4), f"recall@{k}": round(r, 4),
            f"ndcg@{k}": round(n, 4), "users": len(rows)}


def main(config_path: str | None = None) -> dict:
    cfg = load_config(config_path)
    processed = cfg.data.processed_dir
    history = pd.concat([pd.read_csv(processed / f"{s}.csv", parse_dates=["ts"])
                         for s in ("train", "val")])
    test = pd.read_csv(processed / "test.csv", parse_dates=["ts"])
    items = pd.read_csv(processed / "items.csv", parse_dates=["published_at"])
    model = joblib.load(cfg.train.artifacts_dir / "model.joblib")

    builder = FeatureBuilder(cfg.features.ctr_prior_strength,
                             cfg.features.affinity_prior_strength).fit(history, items)
    X_test = builder.transform(test)
    scored = test.assign(model_score=model.predict_proba(X_test)[:, 1],
                         popularity_score=X_test["item_log_clicks"].to_numpy())

    k = cfg.evaluate.k
    report = {
        "model": {"roc_auc": round(roc_auc_score(test["clicked"], scored["model_score"]), 4),
                  **ranking_metrics(scored, "model_score", k)},
        "popularity_baseline": {
            "roc_auc": round(roc_auc_score(test["clicked"], scored["popularity_score"]), 4),
            **ranking_metrics(scored, "popularity_score", k)},
        "test_ctr": round(float(test["clicked"].mean()), 4),
    }
    cfg.evaluate.metrics_path.parent.mkdir(parents=True, exist_ok=True)
    cfg.evaluate.metrics_path.write_text(json.dumps(report, indent=2))
    log.info("evaluation done", extra=report["model"])
    return report


if __name__ == "__main__":
    configure_logging()
    parser = argparse.ArgumentParser()
    parser.add_argument("--config", default=None)
    main(parser.parse_args().config)
