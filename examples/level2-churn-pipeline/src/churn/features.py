"""Feature engineering and the sklearn preprocessing pipeline."""
from __future__ import annotations

from functools import partial

import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.feature_selection import SelectKBest, mutual_info_classif
from sklearn.impute import SimpleImputer
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import FunctionTransformer, OneHotEncoder, StandardScaler

TICKET_CATEGORIES = ["billing", "technical", "account", "cancellation"]

CATEGORICAL_FEATURES = ["plan", "contract", "region", "payment_method"]
NUMERIC_FEATURES = [
    "monthly_fee",
    "age",
    "tenure_days",
    "n_transactions",
    "total_spend",
    "n_failed_payments",
    "n_refunds",
    "failed_payment_ratio",
    "days_since_last_payment",
    "n_tickets",
    *[f"tickets_{c}" for c in TICKET_CATEGORIES],
    "mean_resolution_hours",
    "mean_satisfaction",
    "avg_sessions",
    "avg_minutes",
    "avg_features_used",
    "usage_trend",
    # derived in add_derived_features
    "spend_per_month",
    "minutes_per_session",
    "tickets_per_100_sessions",
]

# payments are only available for the last 6 months
PAYMENT_WINDOW_MONTHS = 6


def add_derived_features(df: pd.DataFrame) -> pd.DataFrame:
    """Ratios that the raw aggregates do not express directly."""
    df = df.copy()
    for cat in TICKET_CATEGORIES:
        if f"tickets_{cat}" not in df:
            df[f"tickets_{cat}"] = 0
    tenure_months = (df["tenure_days"] / 30.44).clip(lower=1, upper=PAYMENT_WINDOW_MONTHS)
    df["spend_per_month"] = df["total_spend"] / tenure_months
    df["minutes_per_session"] = df["avg_minutes"] / (df["avg_sessions"] + 1.0)
    df["tickets_per_100_sessions"] = 100 * df["n_tickets"] / (df["avg_sessions"] * 4 + 1.0)
    return df.replace([np.inf, -np.inf], np.nan)


def build_preprocessor() -> ColumnTransformer:
    numeric = Pipeline(
        [
            ("impute", SimpleImputer(strategy="median", add_indicator=True)),
            ("scale", StandardScaler()),
        ]
    )
    categorical = Pipeline(
        [
            ("impute", SimpleImputer(strategy="most_frequent")),
            ("onehot", OneHotEncoder(handle_unknown="ignore", sparse_output=False)),
        ]
    )
    return ColumnTransformer(
        [
            ("num", numeric, NUMERIC_FEATURES),
            ("cat", categorical, CATEGORICAL_FEATURES),
        ],
        remainder="drop",
        verbose_feature_names_out=False,
    )


def build_pipeline(estimator, k_best: int = 14, imbalance: str = "class_weight",
                   seed: int = 42, smote_k_neighbors: int = 5):
    """Full model pipeline: derived features -> preprocessing -> selection -> estimator.

    With ``imbalance="smote"`` an imblearn pipeline is returned so that
    oversampling only ever happens on the training folds.
    """
    steps = [
        ("derive", FunctionTransformer(add_derived_features)),
        ("preprocess", build_preprocessor()),
        ("select", SelectKBest(partial(mutual_info_classif, random_state=seed), k=k_best)),
    ]
    if imbalance == "smote":
        from imblearn.over_sampling import SMOTE
        from imblearn.pipeline import Pipeline as ImbPipeline

        steps.append(("smote", SMOTE(k_neighbors=smote_k_neighbors, random_state=seed)))
        steps.append(("model", estimator))
        return ImbPipeline(steps)
    if imbalance != "class_weight":
        raise ValueError(f"unknown imbalance strategy: {imbalance!r}")
    steps.append(("model", estimator))
    return Pipeline(steps)


def selected_features(pipeline) -> list[str]:
    """Names of the columns kept by SelectKBest in a fitted pipeline."""
    names = pipeline.named_steps["preprocess"].get_feature_names_out()
    mask = pipeline.named_steps["select"].get_support()
    return [str(n) for n, keep in zip(names, mask) if keep]
