"""A stand-in for the capture rigs that deliver unlabeled images for pre-training.

Three rigs drop shards into ``incoming/<rig>/``: ``shard-NNNN.npz`` (an ``images`` array, float32,
decoded to [0, 1]) and ``shard-NNNN.csv`` (one metadata row per image). They behave like real
capture hardware does, which is what the ingestion job has to survive:

- each rig has its own exposure gain and sensor noise (its entry in ``sources.csv``);
- sensor dropouts deliver blank frames, a failing rig over-exposes, transfers corrupt pixels (NaN);
- re-uploads repeat images already delivered, and repeat metadata rows;
- rig-c's sensor ages: in the last quarter of a delivery its images come out darker (drift);
- rig software writes the metadata inconsistently: rig names in varying case and spacing,
  exposures as ``"12.5ms"`` strings or missing, timestamps in two formats.

``simulate_drop`` is deterministic in its seed, so tests and the DVC pipeline get the same drop.
"""
from __future__ import annotations

import argparse
from pathlib import Path
from typing import Dict, List

import numpy as np
import pandas as pd

from .data import CLASSES, render

RIGS = pd.DataFrame([
    {"source": "rig-a", "device": "cmos-2mp", "gain": 1.00, "noise": 0.02, "exposure_min_ms": 8.0, "exposure_max_ms": 16.0},
    {"source": "rig-b", "device": "cmos-5mp", "gain": 0.85, "noise": 0.04, "exposure_min_ms": 10.0, "exposure_max_ms": 20.0},
    {"source": "rig-c", "device": "ccd-1mp", "gain": 1.10, "noise": 0.06, "exposure_min_ms": 20.0, "exposure_max_ms": 40.0},
])

# Rates of the problems each delivery carries; the ingestion tests check they are all caught.
PROBLEMS = {"blank": 0.02, "overexposed": 0.02, "corrupt": 0.01, "reupload": 0.03}
# Gain of an ageing sensor, applied to a rig's shards in the last quarter of a delivery.
AGEING = {"rig-c": 0.7}


def _messy_source(name: str, rng: np.random.Generator) -> str:
    return [name, name.upper(), f" {name} ", name.replace("-", "_").title()][rng.integers(4)]


def _messy_exposure(ms: float, rng: np.random.Generator) -> str:
    roll = rng.uniform()
    if roll < 0.03:
        return ""
    return f"{ms:.1f}ms" if roll < 0.5 else f"{ms:.2f}"


def _timestamp(minute: int, rng: np.random.Generator) -> str:
    moment = pd.Timestamp("2026-03-01 08:00:00") + pd.Timedelta(minutes=minute)
    return moment.strftime("%Y-%m-%dT%H:%M:%S") if rng.uniform() < 0.7 else moment.strftime("%d/%m/%Y %H:%M")


def simulate_shard(rig: Dict, shard_id: str, n: int, image_size: int, rng: np.random.Generator,
                   previous: List[np.ndarray]) -> tuple[np.ndarray, pd.DataFrame]:
    """One shard of ``n`` images from ``rig`` with its metadata, problems planted at PROBLEMS' rates."""
    images = np.stack([render(int(rng.integers(len(CLASSES))), image_size, rng) for _ in range(n)])
    images = np.clip(images * rig["gain"] + rng.normal(0, rig["noise"], images.shape), 0, 1).astype(np.float32)
    for i in range(n):
        roll = rng.uniform()
        if roll < PROBLEMS["blank"]:
            images[i] = rng.uniform(0, 0.05)
        elif roll < PROBLEMS["blank"] + PROBLEMS["overexposed"]:
            images[i] = np.clip(images[i] * 4.0 + 0.5, 0, 1)
        elif roll < PROBLEMS["blank"] + PROBLEMS["overexposed"] + PROBLEMS["corrupt"]:
            images[i, :, : image_size // 2] = np.nan
        elif roll < sum(PROBLEMS.values()) and previous:
            images[i] = previous[int(rng.integers(len(previous)))]
    rows = [{"image_id": f"{shard_id}-{i:04d}", "source": _messy_source(rig["source"], rng),
             "captured_at": _timestamp(int(rng.integers(0, 60 * 24 * 30)), rng),
             "exposure": _messy_exposure(float(rng.uniform(rig["exposure_min_ms"], rig["exposure_max_ms"])), rng),
             "index_in_shard": i} for i in range(n)]
    metadata = pd.DataFrame(rows)
    repeated = metadata.sample(frac=0.02, random_state=int(rng.integers(1 << 31)))  # re-sent metadata rows
    return images, pd.concat([metadata, repeated], ignore_index=True)


def simulate_drop(incoming: Path, n_shards: int, shard_size: int, image_size: int, seed: int) -> List[Path]:
    """Writes ``n_shards`` shards spread over the rigs, plus ``sources.csv``; returns the shard files."""
    rng = np.random.default_rng(seed)
    incoming.mkdir(parents=True, exist_ok=True)
    RIGS.to_csv(incoming / "sources.csv", index=False)
    previous: List[np.ndarray] = []
    written = []
    for k in range(n_shards):
        rig = RIGS.iloc[k % len(RIGS)].to_dict()
        if k >= n_shards - n_shards // 4 and rig["source"] in AGEING:
            rig["gain"] *= AGEING[rig["source"]]
        images, metadata = simulate_shard(rig, f"{rig['source']}-{k:04d}", shard_size, image_size, rng, previous)
        previous.extend(images[: max(1, shard_size // 8)])
        folder = incoming / rig["source"]
        folder.mkdir(exist_ok=True)
        np.savez_compressed(folder / f"shard-{k:04d}.npz", images=images)
        metadata.to_csv(folder / f"shard-{k:04d}.csv", index=False)
        written.append(folder / f"shard-{k:04d}.npz")
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description="Simulate a delivery of image shards from the capture rigs.")
    parser.add_argument("--incoming", default="data/incoming")
    parser.add_argument("--shards", type=int, default=12)
    parser.add_argument("--shard-size", type=int, default=400)
    parser.add_argument("--image-size", type=int, default=20)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    simulate_drop(Path(args.incoming), args.shards, args.shard_size, args.image_size, args.seed)


if __name__ == "__main__":
    main()
