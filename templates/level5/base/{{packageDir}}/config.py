"""Experiment configurations: YAML files that may extend another one and change a few settings.

``configs/full.yaml`` spells out every setting; an ablation says ``extends: full.yaml`` and only
what it changes, so the difference between two runs is visible in one short file.
"""
from __future__ import annotations

import copy
from pathlib import Path
from typing import Any, Dict, List

import yaml

REQUIRED = {
    "name": None,
    "seed": None,
    "data": ["seed", "image_size", "n_pretrain", "n_probe", "probe_split", "cache_dir"],
    "model": ["block", "gate", "width", "blocks_per_stage", "projector", "projection_dim"],
    "augment": ["crop_scale", "flip", "color", "color_strength", "grayscale_p", "noise_std"],
    "train": ["epochs", "batch_size", "lr", "weight_decay", "warmup_epochs", "temperature", "grad_clip"],
    "probe": ["weight_decays", "max_iter", "knn_k"],
    "output": ["dir"],
}


def merge(base: Dict[str, Any], override: Dict[str, Any]) -> Dict[str, Any]:
    """``override`` laid over ``base``: nested sections are merged, everything else replaced."""
    merged = copy.deepcopy(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = merge(merged[key], value)
        else:
            merged[key] = copy.deepcopy(value)
    return merged


def _read(path: Path, chain: List[Path]) -> Dict[str, Any]:
    if path in chain:
        raise ValueError(f"{path}: 'extends' cycle through {' -> '.join(str(p) for p in chain)}")
    with open(path, encoding="utf-8") as f:
        config = yaml.safe_load(f) or {}
    if not isinstance(config, dict):
        raise ValueError(f"{path}: expected a mapping at the top level")
    parent = config.pop("extends", None)
    if parent is None:
        return config
    return merge(_read((path.parent / parent).resolve(), chain + [path]), config)


def check(config: Dict[str, Any], source: str = "config") -> Dict[str, Any]:
    """The config itself; a missing section or key is an error naming it."""
    for section, keys in REQUIRED.items():
        if section not in config:
            raise KeyError(f"{source}: missing section '{section}'")
        if keys and not isinstance(config[section], dict):
            raise KeyError(f"{source}: section '{section}' must be a mapping")
        for key in keys or []:
            if key not in config[section]:
                raise KeyError(f"{source}: missing key '{section}.{key}'")
    split = config["data"]["probe_split"]
    if abs(sum(split.values()) - 1.0) > 1e-6 or set(split) != {"train", "validation", "test"}:
        raise ValueError(f"{source}: data.probe_split must give train, validation and test fractions summing to 1")
    return config


def load_config(path: str | Path) -> Dict[str, Any]:
    """The configuration at ``path`` with everything it extends, checked."""
    path = Path(path).resolve()
    return check(_read(path, []), str(path))
