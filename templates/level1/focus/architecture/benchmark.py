"""Measures what the notebook's model costs: training time and prediction throughput.

Run from the project root after the notebook has saved models/model.joblib (or with --train to fit a
fresh forest on the synthetic data). Results go to reports/benchmark.json and docs/scaling.md quotes them.
"""
from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import joblib
import pandas as pd
from sklearn.base import clone
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import RandomForestClassifier
from sklearn.impute import SimpleImputer
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import OneHotEncoder

from make_data import make_passengers

NUMERIC = ["pclass", "age", "siblings_spouses", "parents_children", "fare"]
CATEGORICAL = ["sex", "embarked"]


def default_model() -> Pipeline:
    """The notebook's random forest, for when no saved model exists yet."""
    prepare = ColumnTransformer([
        ("numeric", SimpleImputer(strategy="median"), NUMERIC),
        ("categorical", make_pipeline(SimpleImputer(strategy="most_frequent"), OneHotEncoder(handle_unknown="ignore")), CATEGORICAL),
    ])
    return Pipeline([("prepare", prepare), ("model", RandomForestClassifier(n_estimators=200, max_depth=6, random_state=42))])


def measure(model: Pipeline, data: pd.DataFrame, repeats: int = 3) -> dict:
    """Median training time over `repeats` fits, and rows per second for batch and single-row prediction."""
    X, y = data[NUMERIC + CATEGORICAL], data["survived"]
    fit_times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fitted = clone(model).fit(X, y)
        fit_times.append(time.perf_counter() - start)
    start = time.perf_counter()
    fitted.predict_proba(X)
    batch_seconds = time.perf_counter() - start
    single = X.head(50)
    start = time.perf_counter()
    for i in range(len(single)):
        fitted.predict_proba(single.iloc[[i]])
    single_seconds = time.perf_counter() - start
    return {
        "rows": len(X),
        "train_time_seconds": sorted(fit_times)[len(fit_times) // 2],
        "batch_predictions_per_second": len(X) / batch_seconds,
        "single_row_latency_ms": 1000 * single_seconds / len(single),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20_000, help="synthetic rows to time on")
    parser.add_argument("--out", type=Path, default=Path("reports/benchmark.json"))
    args = parser.parse_args()
    saved = Path("models/model.joblib")
    model = joblib.load(saved) if saved.exists() else default_model()
    result = measure(model, make_passengers(n_rows=args.rows, seed=7))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2))
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
