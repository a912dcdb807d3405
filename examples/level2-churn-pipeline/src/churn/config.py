"""Typed access to ``configs/config.yaml``."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

DEFAULT_CONFIG = Path("configs/config.yaml")


@dataclass(frozen=True)
class Paths:
    raw_dir: Path
    processed_dir: Path
    model_dir: Path
    reports_dir: Path


@dataclass(frozen=True)
class SplitConfig:
    test_size: float
    val_size: float
    seed: int


@dataclass(frozen=True)
class BusinessConfig:
    offer_cost: float
    churn_loss: float
    offer_acceptance: float


@dataclass(frozen=True)
class Config:
    paths: Paths
    snapshot_date: str
    target: str
    split: SplitConfig
    k_best: int
    imbalance_strategy: str
    smote_k_neighbors: int
    baseline_params: dict[str, Any]
    lgbm_params: dict[str, Any]
    n_trials: int
    timeout_seconds: int
    business: BusinessConfig
    raw: dict[str, Any] = field(repr=False, default_factory=dict)


def load_config(path: str | Path = DEFAULT_CONFIG) -> Config:
    with open(path, encoding="utf-8") as fh:
        raw = yaml.safe_load(fh)

    strategy = raw["imbalance"]["strategy"]
    if strategy not in {"class_weight", "smote"}:
        raise ValueError(f"unknown imbalance strategy: {strategy!r}")

    split = SplitConfig(**raw["split"])
    if not 0 < split.test_size < 1 or not 0 < split.val_size < 1:
        raise ValueError("split sizes must be between 0 and 1")

    return Config(
        paths=Paths(**{k: Path(v) for k, v in raw["paths"].items()}),
        snapshot_date=str(raw["data"]["snapshot_date"]),
        target=raw["data"]["target"],
        split=split,
        k_best=int(raw["features"]["k_best"]),
        imbalance_strategy=strategy,
        smote_k_neighbors=int(raw["imbalance"].get("smote_k_neighbors", 5)),
        baseline_params=dict(raw["models"]["baseline"]),
        lgbm_params=dict(raw["models"]["lightgbm"]),
        n_trials=int(raw["tuning"]["n_trials"]),
        timeout_seconds=int(raw["tuning"].get("timeout_seconds", 600)),
        business=BusinessConfig(**raw["business"]),
        raw=raw,
    )
