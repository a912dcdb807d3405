"""Run tracking and model versioning: MLflow when it is installed, else a local JSON run log.

With MLflow, a run logs its parameters and metrics and registers the model (when
``registered_model`` is set), and every trial of a hyperparameter search is a nested run under
one parent run per search. Without it, each run is written to ``local_dir`` with the SHA-256 of
the model file, and the trials are appended to ``local_dir/trials.jsonl``, so every deployed
model stays traceable to the run and the search that produced it.

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


def log_trials(search: str, trials: List[Dict[str, Any]], metric: str, settings: Optional[Dict[str, Any]] = None) -> int:
    """Records every trial of one hyperparameter search (``number``, ``params``, ``value``)."""
    settings = {**DEFAULTS, **(settings or {})}
    if not trials:
        return 0
    try:
        import mlflow
    except ImportError:
        runs = Path(settings["local_dir"])
        runs.mkdir(parents=True, exist_ok=True)
        stamp = time.strftime("%Y-%m-%dT%H:%M:%S")
        with (runs / "trials.jsonl").open("a", encoding="utf-8") as handle:
            for trial in trials:
                handle.write(json.dumps({"search": search, "time": stamp, "trial": trial["number"],
                                         "params": trial["params"], metric: trial["value"]}, default=str) + "\n")
        return len(trials)
    mlflow.set_tracking_uri(settings["tracking_uri"])
    mlflow.set_experiment(settings["experiment"])
    with mlflow.start_run(run_name=f"search-{search}"):
        mlflow.set_tag("search", search)
        for trial in trials:
            with mlflow.start_run(run_name=f"{search}-trial-{trial['number']}", nested=True):
                mlflow.log_params(flatten(trial["params"]))
                mlflow.log_metric(metric, trial["value"])
        mlflow.log_metric(f"best_{metric}", max(trial["value"] for trial in trials))
    return len(trials)


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
