"""Checks that run on every delivery before an image may reach pre-training.

Shard-level checks (schema, value range) reject a whole shard; image-level checks (missing
pixels, blank frames, exposure anomalies, duplicates) reject single images with a reason; the
drift check compares a shard with the corpus accepted so far. Every check returns what it
found, so the ingestion job can quarantine with reasons instead of failing silently.
"""
from __future__ import annotations

import hashlib
from typing import Dict, List

import numpy as np
import pandas as pd
from scipy.stats import ks_2samp

METADATA_COLUMNS = {"image_id": "O", "source": "O", "captured_at": "M", "exposure_ms": "f", "index_in_shard": "iu"}
MAX_MISSING = {"exposure_ms": 0.10, "captured_at": 0.05}


def check_shard_schema(images: np.ndarray, image_size: int) -> List[str]:
    """A shard must be (N, 3, S, S) floating-point pixels with N > 0."""
    if images.ndim != 4 or images.shape[1:] != (3, image_size, image_size):
        return [f"images have shape {images.shape}, expected (N, 3, {image_size}, {image_size})"]
    if images.dtype.kind != "f":
        return [f"images have dtype {images.dtype}, expected floating point"]
    return [] if len(images) else ["the shard is empty"]


def check_value_range(images: np.ndarray) -> List[str]:
    finite = images[np.isfinite(images)]
    outside = int(((finite < 0) | (finite > 1)).sum())
    return [f"{outside} pixel values outside [0, 1]"] if outside else []


def check_metadata_schema(meta: pd.DataFrame) -> List[str]:
    problems = [f"missing column {c}" for c in METADATA_COLUMNS if c not in meta.columns]
    problems += [f"{c} has dtype {meta[c].dtype}" for c, kinds in METADATA_COLUMNS.items()
                 if c in meta.columns and meta[c].dtype.kind not in kinds]
    return problems


def check_missing(meta: pd.DataFrame) -> List[str]:
    share = meta.isna().mean()
    return [f"{c} is {share[c]:.1%} missing" for c, limit in MAX_MISSING.items() if c in share and share[c] > limit]


def check_unique_ids(meta: pd.DataFrame) -> List[str]:
    repeated = int(meta["image_id"].duplicated().sum())
    return [f"{repeated} repeated image ids"] if repeated else []


def image_stats(images: np.ndarray) -> pd.DataFrame:
    """Per-image statistics the anomaly and drift checks use, and a content hash for duplicates."""
    nan_fraction = np.isnan(images).mean(axis=(1, 2, 3))
    clean = np.nan_to_num(images, nan=0.0)
    gray = clean.mean(axis=1)
    return pd.DataFrame({
        "brightness": gray.mean(axis=(1, 2)),
        "contrast": gray.std(axis=(1, 2)),
        "saturated": (clean >= 0.99).mean(axis=(1, 2, 3)),
        "nan_fraction": nan_fraction,
        "content_hash": [hashlib.sha1(np.ascontiguousarray(img).tobytes()).hexdigest() for img in images],
    })


def robust_z(values: pd.Series, groups: pd.Series) -> pd.Series:
    """(x - median) / (1.4826 MAD) within each group: a z-score that outliers cannot inflate."""
    grouped = values.groupby(groups)
    median = grouped.transform("median")
    mad = grouped.transform(lambda s: (s - s.median()).abs().median()).replace(0, np.nan)
    return ((values - median) / (1.4826 * mad)).fillna(0.0)


def iqr_outliers(values: pd.Series, groups: pd.Series, k: float = 3.0) -> pd.Series:
    """Tukey's fences at ``k`` interquartile ranges, within each group."""
    grouped = values.groupby(groups)
    q1, q3 = grouped.transform(lambda s: s.quantile(0.25)), grouped.transform(lambda s: s.quantile(0.75))
    return (values < q1 - k * (q3 - q1)) | (values > q3 + k * (q3 - q1))


def anomaly_reasons(stats: pd.DataFrame, z_threshold: float = 5.0) -> pd.Series:
    """Why each image must not be used ('' when it may): missing pixels, a blank frame, an
    exposure anomaly for its rig (robust z-score and IQR fences must agree), or saturation."""
    reasons = pd.Series("", index=stats.index, dtype=object)
    exposure_z = robust_z(stats["brightness"], stats["source"])
    exposure_outlier = (exposure_z.abs() > z_threshold) & iqr_outliers(stats["brightness"], stats["source"])
    rules = [
        ("missing pixels", stats["nan_fraction"] > 0),
        ("blank frame", stats["contrast"] < 0.02),
        ("exposure anomaly", exposure_outlier),
        ("saturated", stats["saturated"] > 0.5),
    ]
    for reason, flagged in rules:
        reasons[flagged & (reasons == "")] = reason
    return reasons


def duplicate_reasons(stats: pd.DataFrame, seen_hashes: set) -> pd.Series:
    """'duplicate' for images already accepted earlier, or repeated within the batch."""
    repeated = stats["content_hash"].duplicated() | stats["content_hash"].isin(seen_hashes)
    return pd.Series(np.where(repeated, "duplicate", ""), index=stats.index, dtype=object)


def drift(reference: np.ndarray, batch: np.ndarray, alpha: float = 0.001) -> Dict[str, float]:
    """Two-sample Kolmogorov-Smirnov test of a statistic (brightness) of a new shard against the
    corpus accepted so far. With a Bonferroni-style small alpha, only real shifts are flagged."""
    if len(reference) < 20 or len(batch) < 20:
        return {"ks_statistic": 0.0, "p_value": 1.0, "drifted": False}
    result = ks_2samp(reference, batch)
    return {"ks_statistic": float(result.statistic), "p_value": float(result.pvalue),
            "drifted": bool(result.pvalue < alpha)}
