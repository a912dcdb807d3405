"""Feature drift: compares current feature distributions with a reference sample.

Numeric columns get the population stability index (PSI) and a two-sample Kolmogorov-Smirnov
test; categorical columns get PSI over their categories. Without explicit column lists, the
types are inferred (identifier columns ending in ``_id`` are skipped).

    python -m <package>.drift --reference data/processed/train.csv --current new_batch.csv
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Tuple

import numpy as np
import pandas as pd
from scipy.stats import ks_2samp

EPSILON = 1e-4


def psi(expected: np.ndarray, actual: np.ndarray) -> float:
    """Population stability index between two vectors of bucket shares."""
    expected = np.clip(expected, EPSILON, None)
    actual = np.clip(actual, EPSILON, None)
    return float(np.sum((actual - expected) * np.log(actual / expected)))


def numeric_psi(reference: pd.Series, current: pd.Series, bins: int = 10) -> float:
    """PSI over the reference's quantile buckets."""
    reference, current = reference.dropna(), current.dropna()
    edges = np.unique(np.quantile(reference, np.linspace(0, 1, bins + 1)))
    edges[0], edges[-1] = -np.inf, np.inf
    expected = np.histogram(reference, edges)[0] / max(len(reference), 1)
    actual = np.histogram(current, edges)[0] / max(len(current), 1)
    return psi(expected, actual)


def categorical_psi(reference: pd.Series, current: pd.Series) -> float:
    """PSI over the union of categories seen in either sample."""
    expected = reference.value_counts(normalize=True)
    actual = current.value_counts(normalize=True)
    categories = expected.index.union(actual.index)
    return psi(expected.reindex(categories, fill_value=0).to_numpy(),
               actual.reindex(categories, fill_value=0).to_numpy())


def infer_columns(frame: pd.DataFrame, max_categories: int = 50) -> Tuple[List[str], List[str]]:
    """Numeric and low-cardinality categorical columns, without ``*_id`` identifiers."""
    columns = [c for c in frame.columns if not str(c).endswith("_id")]
    numeric = [c for c in columns if pd.api.types.is_numeric_dtype(frame[c])]
    categorical = [c for c in columns if c not in numeric and frame[c].nunique() <= max_categories]
    return numeric, categorical


def drift_report(
    reference: pd.DataFrame,
    current: pd.DataFrame,
    numeric: Optional[Sequence[str]] = None,
    categorical: Optional[Sequence[str]] = None,
    psi_threshold: float = 0.2,
    ks_alpha: float = 0.01,
) -> Dict[str, Any]:
    """Drift statistics per column and an overall flag."""
    if numeric is None or categorical is None:
        numeric, categorical = infer_columns(reference)
    features: Dict[str, Dict[str, Any]] = {}
    for column in numeric:
        test = ks_2samp(reference[column].dropna(), current[column].dropna())
        value = numeric_psi(reference[column], current[column])
        features[column] = {"psi": value, "ks_statistic": float(test.statistic), "ks_pvalue": float(test.pvalue),
                            "drifted": bool(value > psi_threshold or test.pvalue < ks_alpha)}
    for column in categorical:
        value = categorical_psi(reference[column], current[column])
        features[column] = {"psi": value, "drifted": bool(value > psi_threshold)}
    drifted = [name for name, stats in features.items() if stats["drifted"]]
    return {"drift_detected": bool(drifted), "drifted_features": drifted, "features": features,
            "reference_rows": len(reference), "current_rows": len(current)}


def main(argv: Optional[List[str]] = None) -> None:
    parser = argparse.ArgumentParser(description="Compare current records with a reference sample.")
    parser.add_argument("--reference", required=True, help="CSV the model was trained on")
    parser.add_argument("--current", required=True, help="CSV of recent records")
    parser.add_argument("--output", default="reports/drift.json")
    parser.add_argument("--psi-threshold", type=float, default=0.2)
    parser.add_argument("--ks-alpha", type=float, default=0.01)
    args = parser.parse_args(argv)
    report = drift_report(pd.read_csv(args.reference), pd.read_csv(args.current),
                          psi_threshold=args.psi_threshold, ks_alpha=args.ks_alpha)
    Path(args.output).parent.mkdir(parents=True, exist_ok=True)
    Path(args.output).write_text(json.dumps(report, indent=2))
    print(json.dumps({"drift_detected": report["drift_detected"], "drifted_features": report["drifted_features"]}))


if __name__ == "__main__":
    main()
