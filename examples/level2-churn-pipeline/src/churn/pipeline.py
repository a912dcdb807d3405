"""Prefect flow that runs the whole churn pipeline end to end.

    python -m churn.pipeline --config configs/config.yaml
"""
from __future__ import annotations

import argparse
import logging

import pandas as pd
from prefect import flow, get_run_logger, task

from . import data, evaluate, train
from .config import Config, load_config


@task(retries=2, retry_delay_seconds=10)
def load_and_merge(cfg: Config) -> pd.DataFrame:
    frames = data.load_raw(cfg.paths.raw_dir)
    df = data.build_dataset(frames, cfg.snapshot_date)
    cfg.paths.processed_dir.mkdir(parents=True, exist_ok=True)
    df.to_csv(cfg.paths.processed_dir / "customers_features.csv", index=False)
    return df


@task
def split(cfg: Config, df: pd.DataFrame):
    s = cfg.split
    return data.split_data(df, cfg.target, s.test_size, s.val_size, s.seed)


@task
def fit_models(cfg: Config, train_df: pd.DataFrame, val_df: pd.DataFrame) -> dict:
    X_train, y_train = data.xy(train_df, cfg.target)
    X_val, y_val = data.xy(val_df, cfg.target)
    result = train.train_models(cfg, X_train, y_train, X_val, y_val)
    train.save_artifacts(cfg, result)
    return result


@task
def evaluate_models(cfg: Config, result: dict, val_df: pd.DataFrame, test_df: pd.DataFrame) -> dict:
    X_val, y_val = data.xy(val_df, cfg.target)
    X_test, y_test = data.xy(test_df, cfg.target)
    return evaluate.evaluate(result["models"], X_val, y_val, X_test, y_test,
                             cfg.business, cfg.paths.reports_dir)


@flow(name="churn-training")
def churn_flow(config_path: str = "configs/config.yaml") -> dict:
    logger = get_run_logger()
    cfg = load_config(config_path)
    df = load_and_merge(cfg)
    train_df, val_df, test_df = split(cfg, df)
    logger.info("split sizes: train=%d val=%d test=%d", len(train_df), len(val_df), len(test_df))
    result = fit_models(cfg, train_df, val_df)
    report = evaluate_models(cfg, result, val_df, test_df)
    for name, metrics in report.items():
        logger.info("%s: %s", name, metrics)
    return report


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    parser = argparse.ArgumentParser(description="Train and evaluate the churn model")
    parser.add_argument("--config", default="configs/config.yaml")
    args = parser.parse_args()
    churn_flow(args.config)
