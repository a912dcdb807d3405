"""Data validation: schemas, value rules, outlier flags and anomaly checks on daily settlement files.

Hard problems (a missing column, a wrong type, broken keys, unparseable amounts) stop the
pipeline; soft ones (outlying amounts or ages) are counted in the quality report so that they can
be watched over time. Daily files are also compared with each other: a file with far fewer rows,
a collapsed fraud rate or amounts on another scale is quarantined before it reaches the model.
"""
from __future__ import annotations

from typing import Dict, List

import numpy as np
import pandas as pd

SCHEMAS: Dict[str, Dict[str, str]] = {
    "customers": {"customer_id": "integer", "home_country": "text", "card_issued": "date", "age": "number"},
    "merchants": {"merchant_id": "integer", "category": "text", "merchant_country": "text"},
    "transactions": {"transaction_id": "text", "customer_id": "integer", "merchant_id": "integer", "timestamp": "date",
                     "amount": "text", "currency": "text", "channel": "text", "is_fraud": "integer"},
}
CURRENCIES = {"EUR", "GBP", "USD"}
CHANNELS = {"pos", "online", "atm", "card_present", "chip", "ecom", "e-commerce", "cash"}


def _is_text(series: pd.Series) -> bool:
    return series.isna().all() or pd.api.types.is_object_dtype(series) or pd.api.types.is_string_dtype(series)


KIND_CHECKS = {
    "integer": pd.api.types.is_integer_dtype,
    "number": pd.api.types.is_numeric_dtype,
    "text": lambda s: _is_text(s) or pd.api.types.is_numeric_dtype(s),
    "date": lambda s: pd.api.types.is_datetime64_any_dtype(s) or _is_text(s),
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


def transaction_problems(frame: pd.DataFrame) -> List[str]:
    """Value rules of one settlement file (before cleaning: duplicates and refunds are expected)."""
    problems = schema_problems(frame, "transactions")
    if problems:
        return problems
    if frame[["transaction_id", "customer_id", "merchant_id"]].isna().any().any():
        problems.append("transactions: missing keys")
    conflicting = frame.drop_duplicates()["transaction_id"].duplicated()
    if conflicting.any():
        problems.append(f"transactions: {int(conflicting.sum())} transaction ids with conflicting rows")
    if not frame["is_fraud"].isin([0, 1]).all():
        problems.append("transactions: is_fraud must be 0 or 1")
    amounts = pd.to_numeric(frame["amount"].astype(str).str.strip().str.replace(",", ".", regex=False), errors="coerce")
    if amounts.isna().mean() > 0.001:
        problems.append(f"transactions: {amounts.isna().mean():.1%} of amounts cannot be parsed")
    currencies = set(frame["currency"].astype(str).str.strip().str.upper())
    if currencies - CURRENCIES:
        problems.append(f"transactions: unknown currencies {sorted(currencies - CURRENCIES)}")
    channels = set(frame["channel"].astype(str).str.strip().str.lower())
    if channels - CHANNELS:
        problems.append(f"transactions: unknown channels {sorted(channels - CHANNELS)}")
    unparsed = pd.to_datetime(frame["timestamp"], errors="coerce").isna().mean()
    if unparsed > 0.01:
        problems.append(f"transactions: {unparsed:.0%} of timestamps cannot be parsed")
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


def daily_stats(frame: pd.DataFrame, file: str) -> Dict[str, object]:
    """What the anomaly checks compare between daily files."""
    amounts = pd.to_numeric(frame["amount"].astype(str).str.replace(",", ".", regex=False), errors="coerce")
    return {"file": file, "rows": len(frame), "frauds": int(frame["is_fraud"].sum()),
            "median_amount": float(amounts[amounts > 0].median()) if (amounts > 0).any() else float("nan")}


def daily_anomalies(daily: pd.DataFrame, threshold: float) -> Dict[str, List[str]]:
    """Files whose volume, fraud rate or amount scale is anomalous against the other days.

    ``daily`` has one row per file (``daily_stats``). Volume and the log of the median amount are
    compared by robust z-score; the fraud rate by its binomial z-score against the pooled rate of
    the other days. A truncated upload shows up as volume, amounts sent in cents as amount scale,
    lost fraud flags as a collapsed fraud rate. A fraud rate far *above* the other days is a fraud
    wave, which is news for the model, not a broken file, so it is never quarantined.
    """
    if len(daily) < 5:
        return {}
    anomalies: Dict[str, List[str]] = {}
    volume = robust_zscores(daily["rows"].astype(float))
    scale = robust_zscores(np.log(daily["median_amount"].astype(float)))
    for index, row in daily.iterrows():
        others = daily.drop(index)
        pooled = others["frauds"].sum() / max(others["rows"].sum(), 1)
        rate = row["frauds"] / max(row["rows"], 1)
        rate_z = (rate - pooled) / np.sqrt(max(pooled * (1 - pooled), 1e-9) / max(row["rows"], 1))
        reasons = []
        if abs(volume[index]) > threshold:
            reasons.append(f"anomalous volume: {row['rows']} rows (robust z-score {volume[index]:.1f})")
        if abs(scale[index]) > threshold:
            reasons.append(f"anomalous amount scale: median {row['median_amount']:.2f} (robust z-score {scale[index]:.1f})")
        if rate_z < -threshold:
            reasons.append(f"collapsed fraud rate {rate:.4f} vs {pooled:.4f} (z-score {rate_z:.1f})")
        if reasons:
            anomalies[str(row["file"])] = reasons
    return anomalies


def quality_report(customers: pd.DataFrame, merchants: pd.DataFrame, transactions: pd.DataFrame) -> Dict[str, object]:
    """Hard problems of the cleaned tables and soft quality indicators."""
    problems = schema_problems(customers, "customers") + schema_problems(merchants, "merchants")
    unknown_customers = ~transactions["customer_id"].isin(customers["customer_id"])
    unknown_merchants = ~transactions["merchant_id"].isin(merchants["merchant_id"])
    if unknown_customers.any() or unknown_merchants.any():
        problems.append(f"transactions: {int(unknown_customers.sum())} unknown customers, "
                        f"{int(unknown_merchants.sum())} unknown merchants")
    keys = {"customers": (customers, "customer_id"), "merchants": (merchants, "merchant_id"),
            "transactions": (transactions, "transaction_id")}
    for table, (frame, key) in keys.items():
        if frame[key].duplicated().any():
            problems.append(f"{table}: duplicated {key}")
    if (transactions["amount_eur"] <= 0).any():
        problems.append("transactions: non-positive amounts after cleaning")
    category = transactions["merchant_id"].map(merchants.drop_duplicates("merchant_id").set_index("merchant_id")["category"])
    per_category = np.log(transactions["amount_eur"].where(transactions["amount_eur"] > 0)).groupby(category).transform(iqr_outliers)
    return {
        "problems": problems,
        "rows": {"customers": len(customers), "merchants": len(merchants), "transactions": len(transactions)},
        "missing_share": {
            "customers": customers.isna().mean().round(4).to_dict(),
            "merchants": merchants.isna().mean().round(4).to_dict(),
        },
        "outliers": {
            "amount_iqr_by_category": int(per_category.sum()),
            "age_zscore": int((robust_zscores(customers["age"].dropna()).abs() > 3.5).sum()),
        },
        "unknown_category_share": float((merchants["category"] == "unknown").mean()),
        "fraud_rate": float(transactions["is_fraud"].mean()) if len(transactions) else float("nan"),
    }


def require_valid(report: Dict[str, object]) -> None:
    """Stops the pipeline on hard problems."""
    if report["problems"]:
        raise DataValidationError("; ".join(report["problems"]))
