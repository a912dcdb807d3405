"""Experiment configs: YAML files with single inheritance (``inherit: other.yaml``)."""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml


@dataclass
class ModelConfig:
    arch: str = "vit"            # "vit" or "resnet"
    block: str = "transformer"   # vit only: "transformer" or "gated"
    learn_gate: bool = True      # gated only: False fixes the gate at 0.5 (ablation)
    dim: int = 192
    depth: int = 6
    heads: int = 3
    patch_size: int = 4
    mlp_ratio: float = 4.0
    kernel_size: int = 3         # depthwise conv of the local branch
    dropout: float = 0.0
    resnet_depth: int = 18
    proj_hidden: int = 512
    proj_dim: int = 128


@dataclass
class SSLConfig:
    epochs: int = 400
    batch_size: int = 512
    lr: float = 1e-3
    weight_decay: float = 0.05
    warmup_epochs: int = 10
    temperature: float = 0.2
    grad_clip: float = 3.0


@dataclass
class AugmentConfig:
    crop_scale: tuple[float, float] = (0.2, 1.0)
    flip_p: float = 0.5
    jitter_p: float = 0.8
    jitter_strength: float = 0.5
    grayscale_p: float = 0.2


@dataclass
class DataConfig:
    dataset: str = "cifar10"     # "cifar10" or "fake" (smoke tests)
    root: str = "data"
    val_size: int = 5000
    num_workers: int = 4
    fake_size: int = 512


@dataclass
class ProbeConfig:
    epochs: int = 100
    batch_size: int = 1024
    lrs: list[float] = field(default_factory=lambda: [0.3, 0.1, 0.03, 0.01])
    weight_decay: float = 0.0


@dataclass
class ExperimentConfig:
    name: str = "unnamed"
    seed: int = 0
    output_dir: str = "runs"
    model: ModelConfig = field(default_factory=ModelConfig)
    ssl: SSLConfig = field(default_factory=SSLConfig)
    augment: AugmentConfig = field(default_factory=AugmentConfig)
    data: DataConfig = field(default_factory=DataConfig)
    probe: ProbeConfig = field(default_factory=ProbeConfig)


def _merge(base: dict, override: dict) -> dict:
    out = dict(base)
    for key, value in override.items():
        out[key] = _merge(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
    return out


def _read(path: Path) -> dict:
    raw = yaml.safe_load(path.read_text()) or {}
    parent = raw.pop("inherit", None)
    return _merge(_read(path.parent / parent), raw) if parent else raw


def _build(cls, values: dict[str, Any]):
    known = {f.name: f for f in dataclasses.fields(cls)}
    unknown = set(values) - set(known)
    if unknown:
        raise KeyError(f"unknown {cls.__name__} keys: {sorted(unknown)}")
    kwargs = {}
    for name, value in values.items():
        sub = known[name].type
        sub_cls = globals().get(sub) if isinstance(sub, str) else sub
        if dataclasses.is_dataclass(sub_cls) and isinstance(value, dict):
            value = _build(sub_cls, value)
        elif name == "crop_scale":
            value = tuple(value)
        kwargs[name] = value
    return cls(**kwargs)


def load_config(path: str | Path, **overrides) -> ExperimentConfig:
    """Load a config; keyword overrides use dotted keys, e.g. ``**{"ssl.epochs": 1}``."""
    raw = _read(Path(path))
    for dotted, value in overrides.items():
        node = raw
        *parents, leaf = dotted.split(".")
        for p in parents:
            node = node.setdefault(p, {})
        node[leaf] = value
    return _build(ExperimentConfig, raw)


def to_dict(cfg: ExperimentConfig) -> dict:
    return dataclasses.asdict(cfg)
