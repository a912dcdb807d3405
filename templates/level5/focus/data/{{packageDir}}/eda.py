"""A data report of an ingested corpus: what was accepted, what was quarantined and why, per rig.

    python -m <package>.eda --processed data/processed --out reports/data

Writes ``summary.json`` (per-rig statistics, rejection reasons, exposure correlation) and three
figures: brightness per rig, a grid of accepted samples, and rejections per rig and reason.
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any, Dict

import matplotlib

matplotlib.use("Agg")  # files only, no display needed
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402


def summarise(images: pd.DataFrame, quarantine: pd.DataFrame) -> Dict[str, Any]:
    per_source = images.groupby("source")[["brightness", "contrast", "exposure_ms"]].describe().round(4)
    reasons = quarantine[quarantine["image_id"].fillna("") != ""]
    return {
        "accepted_per_source": images["source"].value_counts().sort_index().to_dict(),
        "rejected_by_reason": reasons["reason"].value_counts().sort_index().to_dict(),
        "brightness_exposure_corr": float(images[["brightness", "exposure_ms"]].corr().iloc[0, 1]),
        "distinct_devices": int(images["device"].nunique()),
        "per_source": {f"{source}/{column}/{stat}": value for source, row in per_source.iterrows()
                       for (column, stat), value in row.items()},
    }


def plot_report(corpus: np.ndarray, images: pd.DataFrame, quarantine: pd.DataFrame, out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    fig, ax = plt.subplots(figsize=(6, 3.5))
    for source, group in images.groupby("source"):
        ax.hist(group["brightness"], bins=30, alpha=0.5, label=source)
    ax.set_xlabel("mean brightness")
    ax.set_ylabel("images")
    ax.legend()
    paths.append(out / "brightness_by_source.png")
    fig.savefig(paths[-1], dpi=120, bbox_inches="tight")
    plt.close(fig)

    n = min(32, len(corpus))
    fig, axes = plt.subplots(4, 8, figsize=(8, 4.2))
    for i, ax in enumerate(axes.flat):
        ax.axis("off")
        if i < n:
            ax.imshow(np.transpose(corpus[i], (1, 2, 0)))
    paths.append(out / "samples.png")
    fig.savefig(paths[-1], dpi=120, bbox_inches="tight")
    plt.close(fig)

    rejected = quarantine[quarantine["image_id"].fillna("") != ""].copy()
    rejected["source"] = rejected["shard"].str.split("/").str[0]
    counts = pd.crosstab(rejected["source"], rejected["reason"]) if len(rejected) else pd.DataFrame()
    fig, ax = plt.subplots(figsize=(6, 3.5))
    if len(counts):
        counts.plot.bar(ax=ax, stacked=True)
    ax.set_ylabel("quarantined images")
    paths.append(out / "quarantine_by_source.png")
    fig.savefig(paths[-1], dpi=120, bbox_inches="tight")
    plt.close(fig)
    return paths


def report(processed: Path, out: Path) -> Dict[str, Any]:
    images = pd.read_csv(processed / "images.csv")
    quarantine = pd.read_csv(processed / "quarantine.csv", keep_default_na=False)
    with np.load(processed / "pretrain.npz") as stored:
        corpus = stored["images"]
    summary = summarise(images, quarantine)
    summary["figures"] = [str(p) for p in plot_report(corpus, images, quarantine, out)]
    (out / "summary.json").write_text(json.dumps(summary, indent=2))
    return summary


def main() -> None:
    parser = argparse.ArgumentParser(description="Summarise and plot an ingested corpus.")
    parser.add_argument("--processed", default="data/processed")
    parser.add_argument("--out", default="reports/data")
    args = parser.parse_args()
    report(Path(args.processed), Path(args.out))


if __name__ == "__main__":
    main()
