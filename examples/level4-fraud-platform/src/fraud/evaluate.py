"""Evaluation on the held-out window and champion/challenger promotion.

DVC stage ``evaluate``:  python -m fraud.evaluate
"""
from __future__ import annotations

import argparse
import json
import logging
from pathlib import Path

import joblib
import numpy as np
import pandas as pd
from sklearn.metrics import average_precision_score, roc_auc_score

from .config import load_config

log = logging.getLogger(__name__)


def operating_point(y, score, amount, review_cost: float, max_review_rate: float) -> dict:
    """Metrics at the threshold that sends ``max_review_rate`` of traffic to review."""
    y, score, amount = np.asarray(y), np.asarray(score), np.asarray(amount, dtype=float)
    threshold = float(np.quantile(score, 1.0 - max_review_rate))
    flagged = score >= threshold
    caught = flagged & (y == 1)
    fraud_amount = amount[y == 1].sum()
    return {
        "threshold": threshold,
        "review_rate": float(flagged.mean()),
        "precision": float(caught.sum() / max(flagged.sum(), 1)),
        "recall": float(caught.sum() / max((y == 1).sum(), 1)),
        "fraud_amount_caught_share": float(amount[caught].sum() / fraud_amount) if fraud_amount else 0.0,
        "net_savings": float(amount[caught].sum() - review_cost * flagged.sum()),
    }


def evaluate_bundle(bundle: dict, df: pd.DataFrame, review_cost: float,
                    max_review_rate: float) -> dict:
    X = bundle["featurizer"].transform(df)
    y = df["is_fraud"].to_numpy()
    ensemble = bundle["ensemble"]
    components = ensemble.component_scores(X)
    report = {name: {"pr_auc": float(average_precision_score(y, s)),
                     "roc_auc": float(roc_auc_score(y, s))}
              for name, s in components.items()}
    score = ensemble.predict_proba(X)[:, 1]
    report["ensemble"] = {
        "pr_auc": float(average_precision_score(y, score)),
        "roc_auc": float(roc_auc_score(y, score)),
        **operating_point(y, score, df["amount"], review_cost, max_review_rate),
    }
    report["n_rows"], report["fraud_rate"] = int(len(df)), float(y.mean())
    return report


def should_promote(candidate: dict, champion: dict | None, min_gain: float) -> bool:
    if champion is None:
        return True
    gain = candidate["ensemble"]["pr_auc"] - champion["ensemble"]["pr_auc"]
    not_worse_at_op = (candidate["ensemble"]["net_savings"]
                       >= 0.98 * champion["ensemble"]["net_savings"])
    return gain >= min_gain and not_worse_at_op


def promote(cfg: dict, run_id: str, alias: str = "challenger") -> str:
    """Point the registry alias at the model version created by ``run_id``."""
    from mlflow.tracking import MlflowClient

    client = MlflowClient(tracking_uri=cfg["mlflow"]["tracking_uri"])
    name = cfg["mlflow"]["registered_model"]
    versions = client.search_model_versions(f"name='{name}' and run_id='{run_id}'")
    if not versions:
        raise LookupError(f"no registered version of {name} for run {run_id}")
    version = max(versions, key=lambda v: int(v.version)).version
    client.set_registered_model_alias(name, alias, version)
    log.info("%s version %s is now '%s'", name, version, alias)
    return version


def main(config_path: str | None = None, bundle_path: str | None = None) -> dict:
    cfg = load_config(config_path)
    bundle = joblib.load(bundle_path or Path(cfg["train"]["artifacts_dir"]) / "bundle.joblib")
    test = pd.read_parquet(Path(cfg["data"]["processed_dir"]) / "test.parquet")
    report = evaluate_bundle(bundle, test, cfg["evaluate"]["review_cost"],
                             cfg["evaluate"]["max_review_rate"])
    out = Path("reports/evaluation.json")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2))
    log.info("test PR-AUC %.4f, recall@review %.3f", report["ensemble"]["pr_auc"],
             report["ensemble"]["recall"])
    return report


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    parser = argparse.ArgumentParser()
    parser.add_argument("--config")
    parser.add_argument("--bundle")
    args = parser.parse_args()
    main(args.config, args.bundle)
