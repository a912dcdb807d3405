"""Sanity checks on the landed manifest before anyone models it: schema, gaps, ranges, duplicates,
and anomalous fares. Each check returns the problems it found; an empty list means it passed."""
from __future__ import annotations

import numpy as np
import pandas as pd

SCHEMA = {
    "passenger_id": "int", "pclass": "int", "sex": "object", "age": "float", "siblings_spouses": "int",
    "parents_children": "int", "fare": "float", "embarked": "object", "survived": "int",
}
RANGES = {"pclass": (1, 3), "age": (0, 100), "fare": (0, 1000), "survived": (0, 1)}
MAX_MISSING = {"age": 0.3, "embarked": 0.02}


def check_schema(df: pd.DataFrame) -> list[str]:
    problems = [f"missing column {c}" for c in SCHEMA if c not in df.columns]
    for column, kind in SCHEMA.items():
        if column in df.columns and df[column].dtype.kind not in {"int": "iu", "float": "fiu", "object": "O"}[kind]:
            problems.append(f"{column} has dtype {df[column].dtype}, expected {kind}")
    return problems


def check_missing(df: pd.DataFrame) -> list[str]:
    allowed = {c: MAX_MISSING.get(c, 0.0) for c in df.columns}
    share = df.isna().mean()
    return [f"{c} is {share[c]:.0%} missing (at most {allowed[c]:.0%} allowed)" for c in df.columns if share[c] > allowed[c]]


def check_ranges(df: pd.DataFrame) -> list[str]:
    problems = []
    for column, (low, high) in RANGES.items():
        outside = df[column].dropna().pipe(lambda s: s[(s < low) | (s > high)])
        if len(outside):
            problems.append(f"{len(outside)} values of {column} outside [{low}, {high}]")
    return problems


def check_duplicates(df: pd.DataFrame) -> list[str]:
    duplicated = int(df["passenger_id"].duplicated().sum())
    return [f"{duplicated} duplicated passenger ids"] if duplicated else []


def fare_anomalies(df: pd.DataFrame, z_threshold: float = 4.0) -> pd.Series:
    """Flags fares that are extreme for their class: a robust z-score of log fare within the class,
    or outside the class's IQR fences. Extreme fares are usually data-entry errors or group tickets."""
    log_fare = np.log1p(df["fare"])
    grouped = log_fare.groupby(df["pclass"])
    median = grouped.transform("median")
    mad = grouped.transform(lambda s: (s - s.median()).abs().median()).replace(0, np.nan)
    robust_z = 0.6745 * (log_fare - median) / mad
    q1, q3 = grouped.transform(lambda s: s.quantile(0.25)), grouped.transform(lambda s: s.quantile(0.75))
    iqr = q3 - q1
    outside_fences = (log_fare < q1 - 3 * iqr) | (log_fare > q3 + 3 * iqr)
    return (robust_z.abs() > z_threshold) | outside_fences


def validate(df: pd.DataFrame) -> list[str]:
    """All problems, schema first; the notebook refuses data with any."""
    problems = check_schema(df)
    if problems:
        return problems
    problems = check_missing(df) + check_ranges(df) + check_duplicates(df)
    anomalies = int(fare_anomalies(df).sum())
    if anomalies > 0.01 * len(df):
        problems.append(f"{anomalies} anomalous fares (more than 1% of rows)")
    return problems
