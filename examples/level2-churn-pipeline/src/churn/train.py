"""Model training: logistic-regression baseline and an Optuna-tuned LightGBM."""
from __future__ import annotations

import json
import logging
from pathlib import Path

import joblib
import optuna
from lightgbm import LGBMClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score

from .config import Config
from .features import build_pipeline

log = logging.getLogger(__name__)


def _class_weight(cfg: Config):
    # with SMOTE the classes are already balanced before the estimator sees them
    return "balanced" if cfg.imbalance_strategy == "class_weight" else None


def _pipeline(cfg: Config, estimator):
    return build_pipeline(
        estimator,
        k_best=cfg.k_best,
        imbalance=cfg.imbalance_strategy,
        seed=cfg.split.seed,
        smote_k_neighbors=cfg.smote_k_neighbors,
    )


def train_baseline(cfg: Config, X_train, y_train):
    model = LogisticRegression(class_weight=_class_weight(cfg), random_state=cfg.split.seed,
                               **cfg.baseline_params)
    return _pipeline(cfg, model).fit(X_train, y_train)


def make_lgbm(cfg: Config, **overrides) -> LGBMClassifier:
    params = {**cfg.lgbm_params, **overrides}
    return LGBMClassifier(class_weight=_class_weight(cfg), random_state=cfg.split.seed,
                          verbose=-1, **params)


def tune_lgbm(cfg: Config, X_train, y_train, X_val, y_val) -> optuna.Study:
    """Bayesian (TPE) search; every trial is scored on the validation split."""

    def objective(trial: optuna.Trial) -> float:
        params = {
            "n_estimators": trial.suggest_int("n_estimators", 50, 500, step=50),
            "learning_rate": trial.suggest_float("learning_rate", 0.01, 0.3, log=True),
            "num_leaves": trial.suggest_int("num_leaves", 4, 31),
            "min_child_samples": trial.suggest_int("min_child_samples", 5, 40),
            "reg_lambda": trial.suggest_float("reg_lambda", 1e-3, 10.0, log=True),
            "colsample_bytree": trial.suggest_float("colsample_bytree", 0.5, 1.0),
        }
        pipe = _pipeline(cfg, make_lgbm(cfg, **params)).fit(X_train, y_train)
        return average_precision_score(y_val, pipe.predict_proba(X_val)[:, 1])

    optuna.logging.set_verbosity(optuna.logging.WARNING)
    study = optuna.create_study(
        direction="maximize",
        sampler=optuna.samplers.TPESampler(seed=cfg.split.seed),
        study_name="churn-lgbm",
    )
    study.optimize(objective, n_trials=cfg.n_trials, timeout=cfg.timeout_seconds)
    log.info("best validation PR-AUC %.3f with %s", study.best_value, study.best_params)
    return study


def train_models(cfg: Config, X_train, y_train, X_val, y_val) -> dict:
    """Fit the baseline and the tuned LightGBM, pick the best on validation PR-AUC."""
    baseline = train_baseline(cfg, X_train, y_train)
    baseline_ap = average_precision_score(y_val, baseline.predict_proba(X_val)[:, 1])
    log.info("baseline validation PR-AUC %.3f", baseline_ap)

    study = tune_lgbm(cfg, X_train, y_train, X_val, y_val)
    lgbm = _pipeline(cfg, make_lgbm(cfg, **study.best_params)).fit(X_train, y_train)

    candidates = {"logreg_baseline": (baseline, baseline_ap), "lightgbm": (lgbm, study.best_value)}
    best_name = max(candidates, key=lambda k: candidates[k][1])
    return {
        "best_name": best_name,
        "best_model": candidates[best_name][0],
        "models": {name: model for name, (model, _) in candidates.items()},
        "val_average_precision": {name: round(score, 4) for name, (_, score) in candidates.items()},
        "best_params": study.best_params,
    }


def save_artifacts(cfg: Config, result: dict) -> Path:
    cfg.paths.model_dir.mkdir(parents=True, exist_ok=True)
    cfg.paths.reports_dir.mkdir(parents=True, exist_ok=True)
    model_path = cfg.paths.model_dir / "churn_model.joblib"
    joblib.dump(result["best_model"], model_path)
    summary = {
        "selected_model": result["best_name"],
        "val_average_precision": result["val_average_precision"],
        "lightgbm_best_params": result["best_params"],
    }
    (cfg.paths.reports_dir / "training_summary.json").write_text(json.dumps(summary, indent=2))
    log.info("saved %s to %s", result["best_name"], model_path)
    return model_path
