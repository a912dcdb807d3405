"""Config loading. Plain dicts on purpose: the same file is read by Airflow tasks,
the stream consumer and the API, and nobody wants three schema classes to drift apart."""
from __future__ import annotations

import copy
import os
from pathlib import Path
from typing import Any

import yaml

_REQUIRED_SECTIONS = ("data", "features", "train", "mlflow", "evaluate", "serving", "stream", "drift")


def load_config(path: str | os.PathLike | None = None, overrides: dict | None = None) -> dict[str, Any]:
    path = Path(path or os.environ.get("FRAUD_CONFIG", "configs/config.yaml"))
    with path.open(encoding="utf-8") as fh:
        cfg = yaml.safe_load(fh)
    missing = [s for s in _REQUIRED_SECTIONS if s not in cfg]
    if missing:
        raise KeyError(f"config {path} is missing sections: {missing}")
    if overrides:
        cfg = deep_merge(cfg, overrides)
    if cfg["serving"]["routing_mode"] not in ("shadow", "ab"):
        raise ValueError("serving.routing_mode must be 'shadow' or 'ab'")
    return cfg


def deep_merge(base: dict, other: dict) -> dict:
    out = copy.deepcopy(base)
    for key, value in other.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = deep_merge(out[key], value)
        else:
            out[key] = value
    return out
