"""Settings loaded from configs/config.yaml and validated with pydantic."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, Field


class DataSettings(BaseModel):
    raw_dir: Path
    processed_dir: Path
    interactions_file: str = "interactions.csv"
    items_file: str = "items.csv"
    users_file: str = "users.csv"


class SplitSettings(BaseModel):
    val_days: int = Field(gt=0)
    test_days: int = Field(gt=0)


class FeatureSettings(BaseModel):
    ctr_prior_strength: float = 20.0
    affinity_prior_strength: float = 5.0


class TrainSettings(BaseModel):
    label_days: int = Field(7, gt=0)
    n_iter: int = 20
    model_params: dict[str, Any] = {}
    search_space: dict[str, list[Any]] = {}
    artifacts_dir: Path = Path("artifacts")
    registered_model_name: str = "content-recommender"


class MlflowSettings(BaseModel):
    tracking_uri: str = "http://localhost:5000"
    experiment: str = "content-recommender"


class EvaluateSettings(BaseModel):
    k: int = 10
    metrics_path: Path = Path("metrics/evaluation.json")


class ServingSettings(BaseModel):
    top_k: int = 10
    candidate_pool: int = 300
    timeout_ms: int = 200
    breaker_failure_threshold: int = 5
    breaker_reset_seconds: float = 30.0


class BatchSettings(BaseModel):
    top_k: int = 20
    output_path: Path = Path("outputs/recommendations.csv")
    chunk_size: int = 500


class DriftSettings(BaseModel):
    psi_threshold: float = 0.2
    ks_pvalue: float = 0.01
    report_path: Path = Path("metrics/drift.json")


class Settings(BaseModel):
    seed: int = 17
    data: DataSettings
    split: SplitSettings
    features: FeatureSettings = FeatureSettings()
    train: TrainSettings = TrainSettings()
    mlflow: MlflowSettings = MlflowSettings()
    evaluate: EvaluateSettings = EvaluateSettings()
    serving: ServingSettings = ServingSettings()
    batch: BatchSettings = BatchSettings()
    drift: DriftSettings = DriftSettings()


def load_config(path: str | os.PathLike | None = None) -> Settings:
    """Load settings; ``RECOMMENDER_CONFIG`` selects the file when no path is given."""
    path = Path(path or os.environ.get("RECOMMENDER_CONFIG", "configs/config.yaml"))
    with path.open(encoding="utf-8") as fh:
        raw = yaml.safe_load(fh)
    return Settings.model_validate(raw)
