"""Data validation: schemas, value rules, outlier flags and anomaly checks on daily exports.

Hard problems (a missing column, a wrong type, broken keys) stop the pipeline; soft ones
(outlying prices or ages) are counted in the quality report so they can be watched over time.
"""
from __future__ import annotations

from typing import Dict, List

import numpy as np
import pandas as pd

SCHEMAS: Dict[str, Dict[str, str]] = {
    "users": {"user_id": "integer", "signup_date": "date", "age": "number", "country": "text", "device": "text",
              "interest": "text", "avg_order_value": "number"},
    "items": {"item_id": "integer", "category": "text", "brand": "text", "price": "number", "rating": "number"},
    "impressions": {"impression_id": "integer", "user_id": "integer", "item_id": "integer", "timestamp": "date",
                    "position": "integer", "clicked": "integer"},
}


def _is_text(series: pd.Series) -> bool:
    return series.isna().all() or pd.api.types.is_object_dtype(series) or pd.api.types.is_string_dtype(series)


KIND_CHECKS = {
    "integer": pd.api.types.is_integer_dtype,
    "number": pd.api.types.is_numeric_dtype,
    "text": _is_text,
    "date": lambda series: pd.api.types.is_datetime64_any_dtype(series) or _is_text(series),
}


class DataValidationError(ValueError):
    """Raised when a table breaks a hard rule."""


def schema_problems(frame: pd.DataFrame, table: str) -> List[str]:
    """Missing columns and columns of the wrong kind."""
    problems = []
    for column, kind in SCHEMAS[table].items():
        if column not in frame.columns:
            problems.append(f"{table}: missing column {column}")
        elif not KIND_CHECKS[kind](frame[column]):
            problems.append(f"{table}: column {column} should be {kind}, is {frame[column].dtype}")
    return problems


def impression_problems(frame: pd.DataFrame) -> List[str]:
    """Value rules of an impression-log export."""
    problems = schema_problems(frame, "impressions")
    if problems:
        return problems
    if frame[["impression_id", "user_id", "item_id"]].isna().any().any():
        problems.append("impressions: missing keys")
    conflicting = frame.drop_duplicates()["impression_id"].duplicated()
    if conflicting.any():
        problems.append(f"impressions: {int(conflicting.sum())} impression ids with conflicting rows")
    if not frame["clicked"].isin([0, 1]).all():
        problems.append("impressions: clicked must be 0 or 1")
    if not frame["position"].between(1, 50).all():
        problems.append("impressions: position outside 1-50")
    unparsed = pd.to_datetime(frame["timestamp"], errors="coerce").isna().mean()
    if unparsed > 0.01:
        problems.append(f"impressions: {unparsed:.0%} of timestamps cannot be parsed")
    return problems


def robust_zscores(values: pd.Series) -> pd.Series:
    """Distance from the median in units of the (scaled) median absolute deviation."""
    median = values.median()
    mad = 1.4826 * (values - median).abs().median()
    return (values - median) / (mad if mad > 0 else max(values.std(), 1e-9))


def iqr_outliers(values: pd.Series, k: float = 3.0) -> pd.Series:
    """True where a value lies more than ``k`` interquartile ranges outside the quartiles."""
    q1, q3 = values.quantile(0.25), values.quantile(0.75)
    spread = q3 - q1
    return ~values.between(q1 - k * spread, q3 + k * spread) & values.notna()


def daily_anomalies(daily: pd.DataFrame, threshold: float) -> Dict[str, List[str]]:
    """Export files whose volume or click-through rate is anomalous against the other days.

    ``daily`` has one row per file with ``file``, ``rows`` and ``clicks``. Volume is compared by
    robust z-score; the click-through rate by its binomial z-score against the pooled rate of
    the other days. A logging outage shows up as a day with few rows or almost no clicks.
    """
    if len(daily) < 5:
        return {}
    anomalies: Dict[str, List[str]] = {}
    volume = robust_zscores(daily["rows"].astype(float))
    for index, row in daily.iterrows():
        others = daily.drop(index)
        pooled = others["clicks"].sum() / max(others["rows"].sum(), 1)
        ctr = row["clicks"] / max(row["rows"], 1)
        ctr_z = (ctr - pooled) / np.sqrt(max(pooled * (1 - pooled), 1e-9) / max(row["rows"], 1))
        reasons = anomalies.setdefault(row["file"], [])
        if abs(volume[index]) > threshold:
            reasons.append(f"anomalous volume {row['rows']} rows (robust z-score {volume[index]:.1f})")
        if abs(ctr_z) > threshold:
            reasons.append(f"anomalous click-through rate {ctr:.3f} vs {pooled:.3f} (z-score {ctr_z:.1f})")
        if not reasons:
            del anomalies[row["file"]]
    return anomalies


def quality_report(users: pd.DataFrame, items: pd.DataFrame, impressions: pd.DataFrame) -> Dict[str, object]:
    """Hard problems of the cleaned tables and soft quality indicators."""
    problems = schema_problems(users, "users") + schema_problems(items, "items")
    unknown_users = ~impressions["user_id"].isin(users["user_id"])
    unknown_items = ~impressions["item_id"].isin(items["item_id"])
    if unknown_users.any() or unknown_items.any():
        problems.append(f"impressions: {int(unknown_users.sum())} unknown users, "
                        f"{int(unknown_items.sum())} unknown items")
    keys = {"users": (users, "user_id"), "items": (items, "item_id"), "impressions": (impressions, "impression_id")}
    for table, (frame, key) in keys.items():
        if frame[key].duplicated().any():
            problems.append(f"{table}: duplicated {key}")
    return {
        "problems": problems,
        "rows": {"users": len(users), "items": len(items), "impressions": len(impressions)},
        "missing_share": {
            "users": users.isna().mean().round(4).to_dict(),
            "items": items.isna().mean().round(4).to_dict(),
        },
        "outliers": {
            "price_iqr": int(iqr_outliers(items["price"]).sum()),
            "avg_order_value_iqr": int(iqr_outliers(users["avg_order_value"]).sum()),
            "age_zscore": int((robust_zscores(users["age"].dropna()).abs() > 3.5).sum()),
        },
        "click_rate": float(impressions["clicked"].mean()) if len(impressions) else float("nan"),
    }


def require_valid(report: Dict[str, object]) -> None:
    """Stops the pipeline on hard problems."""
    if report["problems"]:
        raise DataValidationError("; ".join(report["problems"]))

