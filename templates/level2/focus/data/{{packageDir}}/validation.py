"""Data checks that run before training: schema, gaps, ranges, duplicates, and anomalous charges.
Each check returns the problems it found; an empty list means the data may be used."""
from __future__ import annotations

import numpy as np
import pandas as pd

from .data import TARGET

EXPECTED = {"customer_id": "iu", "contract": "O", "internet_service": "O", "tenure_months": "fiu",
            "monthly_charges": "fiu", "support_calls": "iu", "data_gb": "fiu", TARGET: "iu"}
RANGES = {"tenure_months": (0, 120), "monthly_charges": (0, 500), "support_calls": (0, 50), "data_gb": (0, 2000)}
MAX_MISSING = {"tenure_months": 0.10, "monthly_charges": 0.02}


def check_schema(df: pd.DataFrame) -> list[str]:
    problems = [f"missing column {c}" for c in EXPECTED if c not in df.columns]
    problems += [f"{c} has dtype {df[c].dtype}" for c, kinds in EXPECTED.items()
                 if c in df.columns and df[c].dtype.kind not in kinds]
    return problems


def check_missing(df: pd.DataFrame) -> list[str]:
    share = df.isna().mean()
    return [f"{c} is {share[c]:.1%} missing" for c in df.columns if share[c] > MAX_MISSING.get(c, 0.0)]


def check_ranges(df: pd.DataFrame) -> list[str]:
    problems = []
    for column, (low, high) in RANGES.items():
        values = df[column].dropna()
        outside = int(((values < low) | (values > high)).sum())
        if outside:
            problems.append(f"{outside} values of {column} outside [{low}, {high}]")
    return problems


def check_duplicates(df: pd.DataFrame) -> list[str]:
    duplicated = int(df["customer_id"].duplicated().sum())
    return [f"{duplicated} duplicated customer ids"] if duplicated else []


def charge_anomalies(df: pd.DataFrame, z_threshold: float = 4.0) -> pd.Series:
    """Charges far from what customers with the same internet service pay: a robust z-score
    (median and MAD) per service, plus IQR fences as a second opinion."""
    charges = df["monthly_charges"]
    grouped = charges.groupby(df["internet_service"])
    median = grouped.transform("median")
    mad = grouped.transform(lambda s: (s - s.median()).abs().median()).replace(0, np.nan)
    robust_z = 0.6745 * (charges - median) / mad
    q1, q3 = grouped.transform(lambda s: s.quantile(0.25)), grouped.transform(lambda s: s.quantile(0.75))
    fences = (charges < q1 - 3 * (q3 - q1)) | (charges > q3 + 3 * (q3 - q1))
    return (robust_z.abs() > z_threshold) | fences


def validate(df: pd.DataFrame) -> list[str]:
    """Every problem found; the pipeline stops on any."""
    problems = check_schema(df)
    if problems:
        return problems
    problems += check_missing(df) + check_ranges(df) + check_duplicates(df)
    anomalies = int(charge_anomalies(df).sum())
    if anomalies > 0.01 * len(df):
        problems.append(f"{anomalies} anomalous monthly charges (over 1% of customers)")
    return problems
