"""Batch scoring: score a CSV of feature records with the serving model and write a CSV.

The input is read in chunks, so tables larger than memory can be scored. Every input column
is kept; ``prediction`` (and ``probability`` when the model has ``predict_proba``) are added.

    python -m <package>.batch --input data/to_score.csv --output reports/scored.csv
"""
from __future__ import annotations

import argparse
import logging
import os
from pathlib import Path
from typing import Any, List, Optional

import joblib
import numpy as np
import pandas as pd

logger = logging.getLogger(__name__)


def load_model(model_path: Optional[str] = None) -> Any:
    """Loads the joblib model from ``model_path``, ``MODEL_PATH`` or ``models/model.joblib``."""
    path = Path(model_path or os.environ.get("MODEL_PATH", "models/model.joblib"))
    if not path.is_file():
        raise FileNotFoundError(f"no model at {path}: train one first or pass --model")
    return joblib.load(path)


def score_frame(model: Any, frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with ``prediction`` and, for classifiers with probabilities, ``probability`` added
    (P(positive class) for binary models, the predicted class's probability otherwise)."""
    features = frame
    expected = getattr(model, "feature_names_in_", None)
    if expected is not None:
        missing = [column for column in expected if column not in frame.columns]
        if missing:
            raise ValueError(f"input lacks feature(s): {', '.join(map(str, missing))}")
        features = frame[list(expected)]
    scored = frame.copy()
    scored["prediction"] = model.predict(features)
    if hasattr(model, "predict_proba"):
        proba = np.asarray(model.predict_proba(features))
        scored["probability"] = proba[:, 1] if proba.shape[1] == 2 else proba.max(axis=1)
    return scored


def score_file(input_path: str, output_path: str, model_path: Optional[str] = None, chunksize: int = 50_000) -> int:
    """Scores ``input_path`` chunk by chunk into ``output_path``; returns the number of rows."""
    model = load_model(model_path)
    output = Path(output_path)
    output.parent.mkdir(parents=True, exist_ok=True)
    rows = 0
    for i, chunk in enumerate(pd.read_csv(input_path, chunksize=chunksize)):
        scored = score_frame(model, chunk)
        scored.to_csv(output, mode="w" if i == 0 else "a", header=i == 0, index=False)
        rows += len(scored)
    logger.info("scored %d rows from %s into %s", rows, input_path, output)
    return rows


def main(argv: Optional[List[str]] = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--input", required=True, help="CSV of feature records")
    parser.add_argument("--output", required=True, help="where to write the scored CSV")
    parser.add_argument("--model", default=None, help="joblib model (default: $MODEL_PATH or models/model.joblib)")
    parser.add_argument("--chunksize", type=int, default=50_000, help="rows scored at a time")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    score_file(args.input, args.output, args.model, args.chunksize)


if __name__ == "__main__":
    main()
