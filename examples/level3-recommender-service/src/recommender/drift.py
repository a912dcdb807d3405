"""Feature-distribution drift between the training reference and recent traffic.

    python -m recommender.drift --current data/recent_interactions.csv

Exits with status 1 when any feature drifts, so the nightly job can alert.
"""
from __future__ import annotations

import argparse
import json
import logging
import sys

import joblib
import numpy as np
import pandas as pd
from scipy.stats import ks_2samp

from .config import load_config
from .features import FEATURE_COLUMNS
from .logging_utils import configure_logging

log = logging.getLogger(__name__)


def psi(reference: np.ndarray, current: np.ndarray, bins: int = 10, eps: float = 1e-4) -> float:
    """Population stability index with quantile bins taken from the reference."""
    reference = np.asarray(reference, dtype=float)
    current = np.asarray(current, dtype=float)
    edges = np.unique(np.quantile(reference, np.linspace(0, 1, bins + 1)))
    if len(edges) < 2:  # constant feature
        return 0.0 if np.allclose(current, reference[0]) else float("inf")
    edges[0], edges[-1] = -np.inf, np.inf
    ref_share = np.histogram(reference, edges)[0] / len(reference)
    cur_share = np.histogram(current, edges)[0] / len(current)
    ref_share = np.clip(ref_share, eps, None)
    cur_share = np.clip(cur_share, eps, None)
    return float(np.sum((cur_share - ref_share) * np.log(cur_share / ref_share)))


def drift_report(reference: pd.DataFrame, current: pd.DataFrame,
                 psi_threshold: float = 0.2, ks_pvalue: float = 0.01) -> dict:
    features = {}
    for col in FEATURE_COLUMNS:
        value = psi(reference[col], current[col])
        ks = ks_2samp(reference[col], current[col])
        features[col] = {
            "psi": round(value, 4),
            "ks_statistic": round(float(ks.statistic), 4),
            "ks_pvalue": float(ks.pvalue),
            "drifted": bool(value > psi_threshold and ks.pvalue < ks_pvalue),
        }
    drifted = [c for c, r in features.items() if r["drifted"]]
    return {"drifted_features": drifted, "drift_detected": bool(drifted), "features": features}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--config", default=None)
    parser.add_argument("--current", default=None, help="recent interactions CSV")
    args = parser.parse_args(argv)
    cfg = load_config(args.config)

    reference = pd.read_csv(cfg.train.artifacts_dir / "reference_features.csv")
    builder = joblib.load(cfg.train.artifacts_dir / "feature_builder.joblib")
    current_rows = pd.read_csv(args.current or cfg.data.processed_dir / "test.csv")
    current = builder.transform(current_rows)

    report = drift_report(reference, current, cfg.drift.psi_threshold, cfg.drift.ks_pvalue)
    cfg.drift.report_path.parent.mkdir(parents=True, exist_ok=True)
    cfg.drift.report_path.write_text(json.dumps(report, indent=2))
    level = logging.WARNING if report["drift_detected"] else logging.INFO
    log.log(level, "drift check", extra={"drifted_features": report["drifted_features"]})
    return 1 if report["drift_detected"] else 0


if __name__ == "__main__":
    configure_logging()
    sys.exit(main())
