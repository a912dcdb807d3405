"""Ingestion: from the rigs' drop folder to a versioned, validated pre-training corpus.

    python -m <package>.ingest --incoming data/incoming --out data/processed

For every shard, in a fixed order: read its metadata in chunks and clean it, join it with the
rig registry (``sources.csv``), check the shard (schema, range), compute per-image statistics,
quarantine images that fail a check (with the reason), drop duplicates of images already
accepted, test the shard for drift against what its rig delivered before, and update running
per-channel statistics (``StandardScaler.partial_fit``, one shard in memory at a time).

Outputs, written atomically: ``pretrain.npz`` (the accepted images, the corpus a config points
``data.pretrain_corpus`` at), ``images.csv`` (their metadata and statistics), ``quarantine.csv``
(every rejected image or shard and why) and ``manifest.json`` (per-shard SHA-256, counts, drift,
channel statistics, and a dataset version derived from all of it). The job is a pure function
of the drop folder: running it twice gives the same corpus, tables and manifest.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import logging
from pathlib import Path
from typing import Any, Dict, Iterator, List

import numpy as np
import pandas as pd
from sklearn.preprocessing import StandardScaler

from .validation import (anomaly_reasons, check_metadata_schema, check_missing, check_shard_schema,
                         check_unique_ids, check_value_range, drift, duplicate_reasons, image_stats)

log = logging.getLogger(__name__)


def discover_shards(incoming: Path) -> List[Path]:
    """Every ``<rig>/shard-*.npz`` with its metadata file, in a stable order."""
    shards = []
    for rig_dir in sorted(p for p in incoming.iterdir() if p.is_dir()):
        for path in sorted(rig_dir.iterdir()):
            if path.name.startswith("shard-") and path.suffix == ".npz":
                if not path.with_suffix(".csv").exists():
                    raise FileNotFoundError(f"{path}: no metadata file {path.with_suffix('.csv').name}")
                shards.append(path)
    return shards


def clean_metadata(raw: pd.DataFrame) -> pd.DataFrame:
    """Canonical rig names, exposures in milliseconds, parsed timestamps, one row per image."""
    meta = raw.copy()
    meta["source"] = meta["source"].astype(str).str.strip().str.lower().str.replace("_", "-", regex=False)
    exposure = meta["exposure"].astype(str).str.strip().str.lower().str.replace("ms", "", regex=False)
    meta["exposure_ms"] = pd.to_numeric(exposure.replace({"": np.nan, "nan": np.nan}), errors="coerce")
    iso = pd.to_datetime(meta["captured_at"], format="%Y-%m-%dT%H:%M:%S", errors="coerce")
    european = pd.to_datetime(meta["captured_at"], format="%d/%m/%Y %H:%M", errors="coerce")
    meta["captured_at"] = iso.fillna(european)
    meta["index_in_shard"] = meta["index_in_shard"].astype(np.int64)
    return meta.drop(columns=["exposure"]).drop_duplicates("image_id").reset_index(drop=True)


def read_metadata(path: Path, chunksize: int = 10_000) -> Iterator[pd.DataFrame]:
    """The metadata file in chunks, so that a large delivery never has to fit in memory at once."""
    for chunk in pd.read_csv(path, chunksize=chunksize, dtype={"exposure": str}, keep_default_na=False):
        yield clean_metadata(chunk)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _save_npz(path: Path, images: np.ndarray) -> None:
    with path.open("wb") as f:  # a file object: numpy would append ".npz" to a temporary name
        np.savez_compressed(f, images=images)


def _atomic_write(path: Path, write) -> None:
    temp = path.with_name(path.name + ".tmp")
    write(temp)
    temp.replace(path)


def ingest(incoming: Path, out_dir: Path, image_size: int) -> Dict[str, Any]:
    """Runs the whole ingestion and returns the manifest it wrote."""
    registry = pd.read_csv(incoming / "sources.csv")
    accepted_images: List[np.ndarray] = []
    accepted_rows: List[pd.DataFrame] = []
    quarantined: List[pd.DataFrame] = []
    seen_hashes: set = set()
    brightness_by_source: Dict[str, List[float]] = {}
    scaler = StandardScaler()
    shards_report = []
    for shard in discover_shards(incoming):
        with np.load(shard) as stored:
            images = stored["images"]
        meta = pd.concat(list(read_metadata(shard.with_suffix(".csv"))), ignore_index=True)
        meta = meta.drop_duplicates("image_id").sort_values("index_in_shard").reset_index(drop=True)
        shard_problems = (check_shard_schema(images, image_size) + check_value_range(images)
                          + check_metadata_schema(meta) + check_missing(meta) + check_unique_ids(meta))
        if not shard_problems and len(meta) != len(images):
            shard_problems.append(f"{len(meta)} metadata rows for {len(images)} images")
        entry: Dict[str, Any] = {"shard": str(shard.relative_to(incoming)), "sha256": sha256(shard),
                                 "metadata_sha256": sha256(shard.with_suffix(".csv")), "images": int(len(images))}
        if shard_problems:
            quarantined.append(pd.DataFrame({"shard": [entry["shard"]], "image_id": [""],
                                             "reason": ["; ".join(shard_problems)]}))
            shards_report.append({**entry, "accepted": 0, "rejected_shard": shard_problems})
            log.warning("quarantined %s: %s", shard, "; ".join(shard_problems))
            continue
        table = pd.concat([meta, image_stats(images)], axis=1).merge(registry, on="source", how="left")
        unknown = table["device"].isna()
        reasons = anomaly_reasons(table)
        reasons[unknown & (reasons == "")] = "unknown source"
        duplicates = duplicate_reasons(table, seen_hashes)
        reasons[(reasons == "") & (duplicates != "")] = "duplicate"
        keep = (reasons == "").to_numpy()

        kept = table[keep]
        source_drift = {}
        for source, group in kept.groupby("source"):
            reference = np.asarray(brightness_by_source.get(source, []))
            source_drift[source] = drift(reference, group["brightness"].to_numpy())
            brightness_by_source.setdefault(source, []).extend(group["brightness"].tolist())
        if keep.any():
            scaler.partial_fit(images[keep].mean(axis=(2, 3)))  # running per-channel mean and variance
        seen_hashes.update(kept["content_hash"])
        accepted_images.append(images[keep])
        accepted_rows.append(kept.assign(shard=entry["shard"]))
        rejected = table[~keep]
        quarantined.append(pd.DataFrame({"shard": entry["shard"], "image_id": rejected["image_id"],
                                         "reason": reasons[~keep]}))
        shards_report.append({**entry, "accepted": int(keep.sum()),
                              "rejected": reasons[~keep].value_counts().sort_index().to_dict(),
                              "drift": source_drift})
        log.info("%s: %d of %d images accepted", shard, keep.sum(), len(images))

    out_dir.mkdir(parents=True, exist_ok=True)
    corpus = np.concatenate(accepted_images) if accepted_images else np.zeros((0, 3, image_size, image_size), np.float32)
    rows = pd.concat(accepted_rows, ignore_index=True) if accepted_rows else pd.DataFrame()
    quarantine = pd.concat(quarantined, ignore_index=True) if quarantined else pd.DataFrame(
        columns=["shard", "image_id", "reason"])
    _atomic_write(out_dir / "pretrain.npz", lambda p: _save_npz(p, corpus))
    _atomic_write(out_dir / "images.csv", lambda p: rows.to_csv(p, index=False, date_format="%Y-%m-%dT%H:%M:%S"))
    _atomic_write(out_dir / "quarantine.csv", lambda p: quarantine.to_csv(p, index=False))
    manifest = {
        "images": int(len(corpus)), "quarantined": int((quarantine["image_id"] != "").sum()),
        "shards": shards_report,
        "channel_mean": scaler.mean_.round(6).tolist() if len(corpus) else None,
        "channel_std": np.sqrt(scaler.var_).round(6).tolist() if len(corpus) else None,
        "corpus_sha256": hashlib.sha256(np.ascontiguousarray(corpus).tobytes()).hexdigest(),
    }
    manifest["version"] = hashlib.sha256(json.dumps(manifest, sort_keys=True).encode()).hexdigest()[:12]
    _atomic_write(out_dir / "manifest.json", lambda p: p.write_text(json.dumps(manifest, indent=2, sort_keys=True)))
    return manifest


def main() -> None:
    parser = argparse.ArgumentParser(description="Validate the rigs' shards and build the pre-training corpus.")
    parser.add_argument("--incoming", default="data/incoming")
    parser.add_argument("--out", default="data/processed")
    parser.add_argument("--image-size", type=int, default=20)
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    manifest = ingest(Path(args.incoming), Path(args.out), args.image_size)
    log.info("corpus version %s: %d images, %d quarantined", manifest["version"], manifest["images"],
             manifest["quarantined"])


if __name__ == "__main__":
    main()
