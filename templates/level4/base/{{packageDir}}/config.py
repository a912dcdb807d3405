"""Loading the YAML configuration that drives every step of the pipeline."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Dict

import yaml

DEFAULT_CONFIG = "configs/config.yaml"


def load_config(path: str | Path = DEFAULT_CONFIG) -> Dict[str, Any]:
    """Reads the configuration file into a dict."""
    with open(path, encoding="utf-8") as handle:
        config = yaml.safe_load(handle)
    if not isinstance(config, dict):
        raise ValueError(f"{path}: expected a mapping of settings")
    return config
