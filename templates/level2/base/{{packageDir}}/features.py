"""Feature engineering: derived ratios and buckets, then a ColumnTransformer that imputes, scales and
one-hot encodes, fitted on the training split only (inside the model pipeline)."""
from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

NUMERIC = ["tenure_months", "monthly_charges", "support_calls", "data_gb", "charges_per_tenure_month", "calls_per_year"]
CATEGORICAL = ["contract", "internet_service", "tenure_bucket"]
BOOLEAN = ["senior"]


def add_features(df: pd.DataFrame) -> pd.DataFrame:
    """Derived columns that carry churn signal the raw ones hide."""
    out = df.copy()
    tenure = out["tenure_months"].clip(lower=1)
    out["charges_per_tenure_month"] = out["monthly_charges"] / tenure
    out["calls_per_year"] = 12 * out["support_calls"] / tenure
    out["tenure_bucket"] = pd.cut(out["tenure_months"], bins=[0, 6, 12, 24, 48, np.inf],
                                  labels=["0-6", "6-12", "12-24", "24-48", "48+"]).astype(str)
    out["senior"] = out["senior"].astype(int)
    return out


def feature_columns() -> list[str]:
    return NUMERIC + CATEGORICAL + BOOLEAN


def build_preprocessor() -> ColumnTransformer:
    return ColumnTransformer([
        ("numeric", make_pipeline(SimpleImputer(strategy="median"), StandardScaler()), NUMERIC),
        ("categorical", OneHotEncoder(handle_unknown="ignore"), CATEGORICAL),
        ("boolean", "passthrough", BOOLEAN),
    ])
