"""Training: Optuna-tuned LightGBM + IsolationForest + autoencoder, blended.

Every Optuna trial is a nested MLflow run, so the whole search is browsable in
the MLflow UI. The blended model is logged as a pyfunc and registered.

DVC stage ``train``:  python -m fraud.train
Airflow task ``retrain`` calls :func:`run_training`.
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import random
from datetime import datetime, timezone
from pathlib import Path

import joblib
import mlflow
import mlflow.pyfunc
import mlflow.pytorch
import numpy as np
import optuna
import pandas as pd
import torch
from lightgbm import LGBMClassifier
from sklearn.ensemble import IsolationForest
from sklearn.metrics import average_precision_score

from .config import load_config
from .features import FraudFeaturizer
from .models import AutoencoderDetector, FraudEnsemble

log = logging.getLogger(__name__)


def set_seed(seed: int) -> None:
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


class FraudPyfunc(mlflow.pyfunc.PythonModel):
    """MLflow wrapper: raw transactions (+ card features) in, fraud scores out."""

    def load_context(self, context):
        self.bundle = joblib.load(context.artifacts["bundle"])

    def predict(self, context, model_input: pd.DataFrame, params=None):
        X = self.bundle["featurizer"].transform(model_input)
        return self.bundle["ensemble"].predict_proba(X)[:, 1]


def tune_gbm(cfg: dict, X_tr, y_tr, X_va, y_va) -> tuple[LGBMClassifier, dict, float]:
    base = cfg["train"]["lightgbm"]
    pos_weight = float((y_tr == 0).sum() / max((y_tr == 1).sum(), 1))

    def objective(trial: optuna.Trial) -> float:
        params = {
            **base,
            "num_leaves": trial.suggest_int("num_leaves", 8, 128, log=True),
            "learning_rate": trial.suggest_float("learning_rate", 0.01, 0.2, log=True),
            "min_child_samples": trial.suggest_int("min_child_samples", 10, 200, log=True),
            "subsample": trial.suggest_float("subsample", 0.5, 1.0),
            "subsample_freq": 1,
            "colsample_bytree": trial.suggest_float("colsample_bytree", 0.4, 1.0),
            "reg_lambda": trial.suggest_float("reg_lambda", 1e-3, 30.0, log=True),
            "scale_pos_weight": trial.suggest_float("scale_pos_weight", 1.0, pos_weight, log=True),
        }
        with mlflow.start_run(run_name=f"optuna-trial-{trial.number}", nested=True):
            model = LGBMClassifier(**params, random_state=cfg["seed"], verbose=-1).fit(X_tr, y_tr)
            pr_auc = average_precision_score(y_va, model.predict_proba(X_va)[:, 1])
            mlflow.log_params(params)
            mlflow.log_metric("val_pr_auc", pr_auc)
        return pr_auc

    optuna.logging.set_verbosity(optuna.logging.WARNING)
    study = optuna.create_study(direction="maximize", study_name="fraud-lgbm",
                                sampler=optuna.samplers.TPESampler(seed=cfg["seed"]))
    study.optimize(objective, n_trials=cfg["train"]["optuna"]["n_trials"],
                   timeout=cfg["train"]["optuna"]["timeout_seconds"])
    best = {**base, **study.best_params, "subsample_freq": 1}
    model = LGBMClassifier(**best, random_state=cfg["seed"], verbose=-1).fit(X_tr, y_tr)
    return model, best, study.best_value


def fit_ensemble(cfg: dict, train: pd.DataFrame, val: pd.DataFrame):
    """Fit every component; returns (featurizer, ensemble, metrics dict)."""
    tcfg = cfg["train"]
    featurizer = FraudFeaturizer(cfg["features"]["mcc_prior_strength"]).fit(train)
    X_tr, y_tr = featurizer.transform(train), train["is_fraud"].to_numpy()
    X_va, y_va = featurizer.transform(val), val["is_fraud"].to_numpy()
    legit_tr, legit_va = X_tr[y_tr == 0], X_va[y_va == 0]

    gbm, gbm_params, gbm_val_pr_auc = tune_gbm(cfg, X_tr, y_tr, X_va, y_va)

    iforest = IsolationForest(**tcfg["isolation_forest"], random_state=cfg["seed"]).fit(legit_tr)
    autoencoder = AutoencoderDetector(**tcfg["autoencoder"], seed=cfg["seed"]).fit(legit_tr, legit_va)
    if tcfg.get("quantize_autoencoder", True):
        autoencoder = autoencoder.quantize()

    ensemble = FraudEnsemble(gbm, iforest, autoencoder).calibrate(legit_tr)
    components = ensemble.component_scores(X_va)
    by_weights = {tuple(w): average_precision_score(y_va, ensemble.blend(components, w))
                  for w in tcfg["ensemble_weight_grid"]}
    best_weights = max(by_weights, key=by_weights.get)
    ensemble = ensemble.with_weights(best_weights)

    metrics = {
        "val_pr_auc_gbm": gbm_val_pr_auc,
        "val_pr_auc_isolation_forest": average_precision_score(y_va, components["isolation_forest"]),
        "val_pr_auc_autoencoder": average_precision_score(y_va, components["autoencoder"]),
        "val_pr_auc_ensemble": by_weights[best_weights],
        "autoencoder_epochs": len(autoencoder.history_),
    }
    return featurizer, ensemble, {"metrics": metrics, "gbm_params": gbm_params,
                                  "weights": best_weights, "X_val": X_va}


def run_training(cfg: dict, artifacts_dir: str | Path | None = None) -> dict:
    set_seed(cfg["seed"])
    processed = Path(cfg["data"]["processed_dir"])
    train = pd.read_parquet(processed / "train.parquet")
    val = pd.read_parquet(processed / "val.parquet")
    out = Path(artifacts_dir or cfg["train"]["artifacts_dir"])
    out.mkdir(parents=True, exist_ok=True)

    mlflow.set_tracking_uri(os.environ.get("MLFLOW_TRACKING_URI", cfg["mlflow"]["tracking_uri"]))
    mlflow.set_experiment(cfg["mlflow"]["experiment"])
    with mlflow.start_run(run_name=f"retrain-{datetime.now(timezone.utc):%Y%m%d-%H%M}") as run:
        mlflow.log_params({"seed": cfg["seed"], "train_rows": len(train), "val_rows": len(val),
                           "train_fraud_rate": round(float(train["is_fraud"].mean()), 5)})
        featurizer, ensemble, info = fit_ensemble(cfg, train, val)
        mlflow.log_params({f"gbm_{k}": v for k, v in info["gbm_params"].items()})
        mlflow.log_params({"ensemble_weights": info["weights"],
                           "autoencoder_quantized": cfg["train"].get("quantize_autoencoder", True)})
        mlflow.log_metrics(info["metrics"])

        bundle = {"featurizer": featurizer, "ensemble": ensemble, "version": run.info.run_id[:12]}
        joblib.dump(bundle, out / "bundle.joblib")
        info["X_val"].to_parquet(out / "reference_features.parquet", index=False)
        (out / "metadata.json").write_text(json.dumps({
            "run_id": run.info.run_id, "version": bundle["version"], "weights": info["weights"],
            "metrics": info["metrics"], "trained_at": datetime.now(timezone.utc).isoformat(),
        }, indent=2))

        mlflow.pytorch.log_model(ensemble.autoencoder.model_, artifact_path="autoencoder")
        mlflow.pyfunc.log_model(
            artifact_path="fraud_ensemble",
            python_model=FraudPyfunc(),
            artifacts={"bundle": str(out / "bundle.joblib")},
            registered_model_name=cfg["mlflow"]["registered_model"],
        )
        mlflow.log_artifacts(str(out), artifact_path="serving")
        log.info("training run %s: %s", run.info.run_id, info["metrics"])
        return {"run_id": run.info.run_id, "artifacts_dir": str(out), "metrics": info["metrics"]}


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    parser = argparse.ArgumentParser()
    parser.add_argument("--config")
    parser.add_argument("--artifacts-dir")
    args = parser.parse_args()
    run_training(load_config(args.config), args.artifacts_dir)
