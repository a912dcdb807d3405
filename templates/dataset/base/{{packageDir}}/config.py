"""Loads the YAML configuration and checks it has what the pipeline reads."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Dict

import yaml

REQUIRED = {
    "seed": None,
    "data": ["path"],
    "split": ["test_size", "validation_size"],
    "tuning": ["trials"],
    "output": ["model", "metrics"],
}


def load_config(path: str | Path) -> Dict[str, Any]:
    """The configuration as a dict; a missing section or key is an error naming it."""
    with open(path, encoding="utf-8") as f:
        config = yaml.safe_load(f) or {}
    for section, keys in REQUIRED.items():
        if section not in config:
            raise KeyError(f"{path}: missing section '{section}'")
        for key in keys or []:
            if key not in config[section]:
                raise KeyError(f"{path}: missing key '{section}.{key}'")
    return config
