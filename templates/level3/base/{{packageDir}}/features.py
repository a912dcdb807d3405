"""Features: what the propensity model sees for one (user, item, moment) candidate.

The preprocessing is part of the saved model, so the API and the batch job send the same raw
columns the training data has (``RAW_FEATURES``) and nothing is computed twice.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import FunctionTransformer, OneHotEncoder, StandardScaler

RAW_FEATURES = [
    "timestamp", "position", "age", "country", "device", "interest", "signup_date",
    "avg_order_value", "category", "price", "rating",
]
NUMERIC = ["age", "tenure_days", "price", "rating", "log_price_ratio", "position", "hour"]
CATEGORICAL = ["country", "device", "category"]
FLAGS = ["interest_match", "is_evening", "is_weekend"]


def add_features(frame: pd.DataFrame) -> pd.DataFrame:
    """Derived columns: user tenure, time of day, interest match and price relative to the user's spend."""
    out = frame.copy()
    timestamp = pd.to_datetime(out["timestamp"], errors="coerce")
    signup = pd.to_datetime(out["signup_date"], errors="coerce")
    out["tenure_days"] = (timestamp - signup).dt.days.clip(lower=0)
    out["hour"] = timestamp.dt.hour
    out["is_evening"] = (out["hour"] >= 18).astype(int)
    out["is_weekend"] = (timestamp.dt.dayofweek >= 5).astype(int)
    match = out["interest"].astype("string") == out["category"].astype("string")
    out["interest_match"] = match.fillna(False).astype(int)
    ratio = pd.to_numeric(out["price"], errors="coerce") / pd.to_numeric(out["avg_order_value"], errors="coerce")
    out["log_price_ratio"] = np.log(ratio.where(ratio > 0))
    return out


def build_preprocessor() -> Pipeline:
    """Raw records -> derived features -> imputed, scaled and one-hot encoded matrix."""
    columns = ColumnTransformer([
        ("numeric", make_pipeline(SimpleImputer(strategy="median"), StandardScaler()), NUMERIC),
        ("categorical", make_pipeline(SimpleImputer(strategy="most_frequent"), OneHotEncoder(handle_unknown="ignore")),
         CATEGORICAL),
        ("flags", "passthrough", FLAGS),
    ], sparse_threshold=0)
    return Pipeline([("derive", FunctionTransformer(add_features)), ("columns", columns)])
