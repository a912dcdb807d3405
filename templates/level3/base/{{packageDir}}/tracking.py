"""Run tracking and model versioning: MLflow when it is installed, else a local JSON run log.

With MLflow, a run logs its parameters and metrics and registers the model (when
``registered_model`` is set). Without it, each run is written to ``local_dir`` with the SHA-256
of the model file, so every deployed model stays traceable to the run that produced it.

    python -m <package>.tracking --model models/model.joblib --metrics reports/metrics.json
"""
from __future__ import annotations

import argparse
import hashlib
import json
import logging
import time
import uuid
from pathlib import Path
from typing import Any, Dict, List, Optional

import joblib

logger = logging.getLogger(__name__)

DEFAULTS = {"experiment": "default", "tracking_uri": "sqlite:///mlflow.db", "registered_model": None,
            "local_dir": "reports/runs"}


def flatten(params: Dict[str, Any], prefix: str = "") -> Dict[str, Any]:
    """Nested parameters as dotted keys, as MLflow expects them."""
    flat: Dict[str, Any] = {}
    for key, value in params.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(flatten(value, f"{name}."))
        else:
            flat[name] = value
    return flat


def file_digest(path: str | Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def log_run(params: Dict[str, Any], metrics: Dict[str, float], model_path: str | Path,
            settings: Optional[Dict[str, Any]] = None) -> str:
    """Records one training run; returns its id (the MLflow run id or the local run name)."""
    settings = {**DEFAULTS, **(settings or {})}
    try:
        import mlflow
        import mlflow.sklearn
    except ImportError:
        return _log_local(settings["local_dir"], params, metrics, model_path)
    mlflow.set_tracking_uri(settings["tracking_uri"])
    mlflow.set_experiment(settings["experiment"])
    with mlflow.start_run() as run:
        mlflow.log_params(flatten(params))
        mlflow.log_metrics(metrics)
        mlflow.set_tag("model_sha256", file_digest(model_path))
        mlflow.sklearn.log_model(joblib.load(model_path), "model", registered_model_name=settings["registered_model"])
        logger.info("logged MLflow run %s", run.info.run_id)
        return run.info.run_id


def _log_local(local_dir: str, params: Dict[str, Any], metrics: Dict[str, float], model_path: str | Path) -> str:
    runs = Path(local_dir)
    runs.mkdir(parents=True, exist_ok=True)
    run_id = f"run-{time.strftime('%Y%m%d-%H%M%S')}-{uuid.uuid4().hex[:6]}"
    record = {"run_id": run_id, "params": flatten(params), "metrics": metrics,
              "model_path": str(model_path), "model_sha256": file_digest(model_path)}
    (runs / f"{run_id}.json").write_text(json.dumps(record, indent=2, default=str))
    logger.info("MLflow is not installed; logged run %s to %s", run_id, runs)
    return run_id


def _read_json(path: Optional[str]) -> Dict[str, Any]:
    return json.loads(Path(path).read_text()) if path else {}


def main(argv: Optional[List[str]] = None) -> None:
    parser = argparse.ArgumentParser(description="Log a trained model and its metrics as a run.")
    parser.add_argument("--model", default="models/model.joblib")
    parser.add_argument("--metrics", help="JSON file of numeric metrics")
    parser.add_argument("--params", help="JSON file of parameters")
    parser.add_argument("--experiment", default=DEFAULTS["experiment"])
    parser.add_argument("--registered-model", default=None, help="register the model under this name")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO)
    metrics = {k: float(v) for k, v in _read_json(args.metrics).items() if isinstance(v, (int, float))}
    settings = {"experiment": args.experiment, "registered_model": args.registered_model}
    print(log_run(_read_json(args.params), metrics, args.model, settings))


if __name__ == "__main__":
    main()
