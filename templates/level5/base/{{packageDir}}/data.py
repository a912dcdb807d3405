"""Procedurally generated images with a latent class: the data set the experiments run on.

Each image shows one shape (the class: disk, square, triangle, ring, cross or crescent) on a noisy,
shaded background. Everything else is a nuisance drawn independently of the class: position,
size, rotation, the colour of the shape and of the background, the direction of the shading and
the noise. A representation is good for this data when it keeps the shape and discards the rest,
which is exactly what the linear probe measures. Colour being random but shared by the two
views of one image is what makes colour distortion matter (the ``ablation_no_color`` config).

Nothing is downloaded: the same seed always gives the same images, so the data set is cached
under ``data.cache_dir`` only to save the generation time.
"""
from __future__ import annotations

import hashlib
import json
import uuid
from pathlib import Path
from typing import Any, Dict, Tuple

import numpy as np
import torch
from torch.utils.data import Dataset

CLASSES = ("disk", "square", "triangle", "ring", "cross", "crescent")
SPLITS = ("pretrain", "train", "validation", "test")


def _shape_mask(kind: int, u: np.ndarray, v: np.ndarray) -> np.ndarray:
    """Membership of the points (u, v) in shape ``kind``, in the shape's own unit coordinates."""
    r = np.sqrt(u**2 + v**2)
    if kind == 0:  # disk
        return r <= 1.0
    if kind == 1:  # square
        return np.maximum(np.abs(u), np.abs(v)) <= 0.82
    if kind == 2:  # equilateral triangle: three half-planes
        inside = np.ones_like(u, dtype=bool)
        for angle in (np.pi / 2, np.pi / 2 + 2 * np.pi / 3, np.pi / 2 + 4 * np.pi / 3):
            inside &= u * np.cos(angle) + v * np.sin(angle) >= -0.55
        return inside
    if kind == 3:  # ring
        return (r <= 1.0) & (r >= 0.58)
    if kind == 4:  # cross
        return ((np.abs(u) <= 0.32) & (np.abs(v) <= 1.0)) | ((np.abs(v) <= 0.32) & (np.abs(u) <= 1.0))
    if kind == 5:  # crescent: a disk minus a shifted disk
        return (r <= 1.0) & (np.sqrt((u - 0.55) ** 2 + v**2) > 0.8)
    raise ValueError(f"unknown shape {kind}")


def _random_color(rng: np.random.Generator) -> np.ndarray:
    """A saturated colour of random hue (HSV with s, v high, converted to RGB)."""
    hue, saturation, value = rng.uniform(0, 1), rng.uniform(0.55, 1.0), rng.uniform(0.6, 1.0)
    k = (np.array([5.0, 3.0, 1.0]) + hue * 6.0) % 6.0
    return value - value * saturation * np.clip(np.minimum(k, 4.0 - k), 0.0, 1.0)


def render(label: int, size: int, rng: np.random.Generator) -> np.ndarray:
    """One (3, size, size) float32 image in [0, 1] of shape ``label`` with random nuisances."""
    ys, xs = np.mgrid[0:size, 0:size].astype(np.float64)
    xs, ys = (xs + 0.5) / size * 2 - 1, (ys + 0.5) / size * 2 - 1  # pixel centres in [-1, 1]
    radius = rng.uniform(0.45, 0.7)
    cx, cy = rng.uniform(-1 + radius, 1 - radius, size=2)
    angle = rng.uniform(0, 2 * np.pi)
    dx, dy = (xs - cx) / radius, (ys - cy) / radius
    u = dx * np.cos(angle) + dy * np.sin(angle)
    v = -dx * np.sin(angle) + dy * np.cos(angle)
    mask = _shape_mask(label, u, v).astype(np.float64)

    background = rng.uniform(0.1, 0.5) * (0.5 + 0.5 * _random_color(rng))
    shade_dir = rng.normal(size=2)
    shade = 0.15 * (xs * shade_dir[0] + ys * shade_dir[1]) / (np.linalg.norm(shade_dir) + 1e-9)
    image = background[:, None, None] + shade[None]
    image = image * (1 - mask[None]) + _random_color(rng)[:, None, None] * mask[None]
    image = image + rng.normal(0.0, 0.04, size=image.shape)
    return np.clip(image, 0.0, 1.0).astype(np.float32)


def make_images(n: int, size: int, seed: int) -> Tuple[np.ndarray, np.ndarray]:
    """``n`` images with balanced labels (cycled, then shuffled), deterministic in ``seed``."""
    if size % 4:
        raise ValueError(f"image_size must be divisible by 4 (the encoder halves it twice), got {size}")
    rng = np.random.default_rng(seed)
    labels = rng.permutation(np.arange(n) % len(CLASSES)).astype(np.int64)
    images = np.stack([render(int(label), size, rng) for label in labels]) if n else np.zeros((0, 3, size, size), np.float32)
    return images, labels


def split_sizes(data_cfg: Dict[str, Any]) -> Dict[str, int]:
    """How many images each split gets: the unlabeled pre-training pool and the probe splits."""
    n_probe = data_cfg["n_probe"]
    fractions = data_cfg["probe_split"]
    train = int(round(n_probe * fractions["train"]))
    validation = int(round(n_probe * fractions["validation"]))
    return {"pretrain": data_cfg["n_pretrain"], "train": train, "validation": validation,
            "test": n_probe - train - validation}


def make_splits(data_cfg: Dict[str, Any], seed: int) -> Dict[str, Tuple[np.ndarray, np.ndarray]]:
    """The four splits, each generated from its own seed so that they can never share an image
    and growing one split never changes another. The pre-training labels exist (the generator
    needs a class to draw) but the training loop never reads them."""
    sizes = split_sizes(data_cfg)
    return {name: make_images(sizes[name], data_cfg["image_size"], seed * 1000 + offset)
            for offset, name in enumerate(SPLITS)}


def _cache_key(data_cfg: Dict[str, Any], seed: int) -> str:
    settings = {k: data_cfg[k] for k in ("image_size", "n_pretrain", "n_probe", "probe_split")}
    return hashlib.sha256(json.dumps({"data": settings, "seed": seed}, sort_keys=True).encode()).hexdigest()[:16]


def load_splits(data_cfg: Dict[str, Any], seed: int) -> Dict[str, Tuple[np.ndarray, np.ndarray]]:
    """The splits, from the cache when this exact data configuration was generated before.

    With ``data.pretrain_corpus`` (an ``.npz`` with an ``images`` array, as an ingestion job
    writes it) the pre-training images come from that file instead; the probe splits stay
    generated, so results remain comparable across corpora.
    """
    cache = Path(data_cfg["cache_dir"]) / f"shapes-{_cache_key(data_cfg, seed)}.npz"
    if cache.exists():
        with np.load(cache) as stored:
            splits = {name: (stored[f"{name}_x"], stored[f"{name}_y"]) for name in SPLITS}
    else:
        splits = make_splits(data_cfg, seed)
        cache.parent.mkdir(parents=True, exist_ok=True)
        # a name of its own: parallel workers (an array job) may generate the same cache at once
        temp = cache.with_name(f"{cache.stem}.{uuid.uuid4().hex}.tmp.npz")
        np.savez_compressed(temp, **{f"{name}_{part}": arr for name, (x, y) in splits.items()
                                     for part, arr in (("x", x), ("y", y))})
        temp.replace(cache)
    corpus = data_cfg.get("pretrain_corpus")
    if corpus:
        with np.load(corpus) as stored:
            images = stored["images"].astype(np.float32)
        expected = (3, data_cfg["image_size"], data_cfg["image_size"])
        if images.ndim != 4 or images.shape[1:] != expected:
            raise ValueError(f"{corpus}: images of shape {images.shape[1:]}, the config expects {expected}")
        splits["pretrain"] = (images, np.full(len(images), -1, dtype=np.int64))  # unlabeled
    return splits


class ShapesDataset(Dataset):
    """Images (and labels) as tensors; ``labelled=False`` hides the labels for pre-training."""

    def __init__(self, images: np.ndarray, labels: np.ndarray, labelled: bool = True):
        if len(images) != len(labels):
            raise ValueError("images and labels differ in length")
        self.images = torch.from_numpy(images)
        self.labels = torch.from_numpy(labels)
        self.labelled = labelled

    def __len__(self) -> int:
        return len(self.images)

    def __getitem__(self, index: int):
        if self.labelled:
            return self.images[index], self.labels[index]
        return self.images[index]
