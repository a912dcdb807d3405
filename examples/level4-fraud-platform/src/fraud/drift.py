"""Drift detection: population stability index per feature + score drift.

Used by the Airflow DAG to decide whether to retrain, and runnable by hand:

    python -m fraud.drift --current /data/exports/transactions_2024-06-01.csv
"""
from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

import joblib
import numpy as np
import pandas as pd
from scipy.stats import ks_2samp

from .config import load_config
from .data import add_card_features, load_transactions
from .features import FEATURE_COLUMNS

log = logging.getLogger(__name__)


def psi(expected, actual, n_bins: int = 10) -> float:
    expected, actual = np.asarray(expected, float), np.asarray(actual, float)
    cuts = np.unique(np.quantile(expected, np.linspace(0, 1, n_bins + 1))[1:-1])
    e = np.bincount(np.searchsorted(cuts, expected, side="right"), minlength=len(cuts) + 1)
    a = np.bincount(np.searchsorted(cuts, actual, side="right"), minlength=len(cuts) + 1)
    e = np.clip(e / e.sum(), 1e-4, None)
    a = np.clip(a / a.sum(), 1e-4, None)
    return float(np.sum((a - e) * np.log(a / e)))


def detect_drift(reference: pd.DataFrame, current: pd.DataFrame, psi_threshold: float = 0.25,
                 min_drifted_features: int = 2) -> dict:
    per_feature = {}
    for col in FEATURE_COLUMNS:
        per_feature[col] = {"psi": round(psi(reference[col], current[col]), 4),
                            "ks_pvalue": float(ks_2samp(reference[col], current[col]).pvalue)}
    drifted = sorted(c for c, v in per_feature.items() if v["psi"] > psi_threshold)
    return {"drift": len(drifted) >= min_drifted_features, "drifted_features": drifted,
            "features": per_feature, "n_reference": len(reference), "n_current": len(current)}


def check_drift(cfg: dict, current_path: str, history_path: str | None = None) -> dict:
    dcfg = cfg["drift"]
    bundle = joblib.load(Path(cfg["serving"]["champion_dir"]) / "bundle.joblib")
    reference = pd.read_parquet(dcfg["reference_path"])
    tx = load_transactions(current_path)
    if history_path:
        tx = pd.concat([load_transactions(history_path), tx], ignore_index=True)
    current = bundle["featurizer"].transform(add_card_features(tx))
    report = detect_drift(reference, current, dcfg["psi_threshold"], dcfg["min_drifted_features"])

    ref_scores = bundle["ensemble"].predict_proba(reference)[:, 1]
    cur_scores = bundle["ensemble"].predict_proba(current)[:, 1]
    report["score_psi"] = round(psi(ref_scores, cur_scores), 4)

    path = Path(dcfg["report_path"])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(report, indent=2))
    log.info("drift=%s drifted=%s score_psi=%.3f", report["drift"], report["drifted_features"],
             report["score_psi"])
    return report


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    parser = argparse.ArgumentParser()
    parser.add_argument("--config")
    parser.add_argument("--current", required=True)
    parser.add_argument("--history")
    args = parser.parse_args()
    result = check_drift(load_config(args.config), args.current, args.history)
    sys.exit(1 if result["drift"] else 0)
