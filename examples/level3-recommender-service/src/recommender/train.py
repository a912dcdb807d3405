"""Train the click model and register it in MLflow.

DVC stage ``train``:  python -m recommender.train

Features for a labelled impression are always computed from the history
*before* it: the train window is split into a history part and a label part,
and validation rows use the whole train window as history.
"""
from __future__ import annotations

import argparse
import json
import logging
import os
from datetime import datetime, timezone

import joblib
import mlflow
import mlflow.sklearn
import pandas as pd
from mlflow.models import infer_signature
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import log_loss, roc_auc_score
from sklearn.model_selection import ParameterSampler

from .config import Settings, load_config
from .features import FeatureBuilder
from .logging_utils import configure_logging

log = logging.getLogger(__name__)


def build_xy(history: pd.DataFrame, rows: pd.DataFrame, items: pd.DataFrame, cfg: Settings):
    builder = FeatureBuilder(cfg.features.ctr_prior_strength,
                             cfg.features.affinity_prior_strength).fit(history, items)
    return builder.transform(rows), rows["clicked"].to_numpy(), builder


def split_history_labels(train: pd.DataFrame, label_days: int):
    cutoff = train["ts"].max().normalize() + pd.Timedelta(days=1) - pd.Timedelta(days=label_days)
    return train[train["ts"] < cutoff], train[train["ts"] >= cutoff]


def make_model(cfg: Settings, **params) -> HistGradientBoostingClassifier:
    return HistGradientBoostingClassifier(**{**cfg.train.model_params, **params},
                                          random_state=cfg.seed)


def random_search(cfg: Settings, X_tr, y_tr, X_va, y_va) -> tuple[dict, float]:
    sampler = ParameterSampler(cfg.train.search_space, n_iter=cfg.train.n_iter,
                               random_state=cfg.seed)
    best_params, best_auc = {}, -1.0
    for i, params in enumerate(sampler):
        with mlflow.start_run(run_name=f"trial-{i:02d}", nested=True):
            model = make_model(cfg, **params).fit(X_tr, y_tr)
            proba = model.predict_proba(X_va)[:, 1]
            auc = roc_auc_score(y_va, proba)
            mlflow.log_params(params)
            mlflow.log_metric("val_auc", auc)
            mlflow.log_metric("val_logloss", log_loss(y_va, proba))
        log.info("trial finished", extra={"trial": i, "params": params, "val_auc": round(auc, 4)})
        if auc > best_auc:
            best_params, best_auc = params, auc
    return best_params, best_auc


def main(config_path: str | None = None) -> None:
    cfg = load_config(config_path)
    processed = cfg.data.processed_dir
    train = pd.read_csv(processed / "train.csv", parse_dates=["ts"])
    val = pd.read_csv(processed / "val.csv", parse_dates=["ts"])
    test = pd.read_csv(processed / "test.csv", parse_dates=["ts"])
    items = pd.read_csv(processed / "items.csv", parse_dates=["published_at"])

    history, label_rows = split_history_labels(train, cfg.train.label_days)
    X_tr, y_tr, _ = build_xy(history, label_rows, items, cfg)
    X_va, y_va, _ = build_xy(train, val, items, cfg)
    log.info("training data ready", extra={"train_rows": len(X_tr), "val_rows": len(X_va)})

    mlflow.set_tracking_uri(os.environ.get("MLFLOW_TRACKING_URI", cfg.mlflow.tracking_uri))
    mlflow.set_experiment(cfg.mlflow.experiment)
    with mlflow.start_run(run_name="train") as run:
        mlflow.log_params({"seed": cfg.seed, "label_days": cfg.train.label_days,
                           "n_iter": cfg.train.n_iter,
                           "ctr_prior_strength": cfg.features.ctr_prior_strength})
        best_params, best_auc = random_search(cfg, X_tr, y_tr, X_va, y_va)
        mlflow.log_params({f"best_{k}": v for k, v in best_params.items()})
        mlflow.log_metric("val_auc", best_auc)

        # final model sees both labelled windows
        model = make_model(cfg, **best_params).fit(pd.concat([X_tr, X_va]),
                                                   pd.concat([pd.Series(y_tr), pd.Series(y_va)]))
        # the serving builder uses every interaction we have
        serving_builder = FeatureBuilder(cfg.features.ctr_prior_strength,
                                         cfg.features.affinity_prior_strength)
        serving_builder.fit(pd.concat([train, val, test]), items)

        out = cfg.train.artifacts_dir
        out.mkdir(parents=True, exist_ok=True)
        joblib.dump(model, out / "model.joblib")
        joblib.dump(serving_builder, out / "feature_builder.joblib")
        # drift reference: recent traffic seen through the same builder that serves
        recent = pd.concat([val, test])
        serving_builder.transform(recent.sample(min(len(recent), 5000), random_state=cfg.seed)) \
            .to_csv(out / "reference_features.csv", index=False)
        (out / "popular_items.json").write_text(json.dumps(serving_builder.popular_items(200)))
        meta = {"version": run.info.run_id[:8], "val_auc": round(best_auc, 4),
                "params": best_params, "trained_at": datetime.now(timezone.utc).isoformat()}
        (out / "model_meta.json").write_text(json.dumps(meta, indent=2, default=str))

        mlflow.sklearn.log_model(
            model,
            artifact_path="model",
            registered_model_name=cfg.train.registered_model_name,
            signature=infer_signature(X_va.head(100), model.predict_proba(X_va.head(100))[:, 1]),
        )
        mlflow.log_artifacts(str(out), artifact_path="serving")
    log.info("model registered", extra={"run_id": run.info.run_id, "val_auc": round(best_auc, 4)})


if __name__ == "__main__":
    configure_logging()
    parser = argparse.ArgumentParser()
    parser.add_argument("--config", default=None)
    main(parser.parse_args().config)
