"""Features: what the model sees, built from the schema's feature columns.

- numeric columns (and booleans as 0/1): median imputation, then standard scaling;
- categorical columns: a "missing" category, then one-hot encoding (categories unseen in training
  are ignored at prediction time);
- datetime columns: calendar parts (year, month, day of week, day of year), treated as numeric;
- text columns: TF-IDF over words;
- forecasting: the target's previous values (lags) and their rolling mean, computed in time order.

``derive`` is the first step of the model pipeline, so the service scores raw rows as they come in.
"""
from __future__ import annotations

from typing import List

import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.impute import SimpleImputer
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import FunctionTransformer, OneHotEncoder, StandardScaler

from .schema import TARGET, TASK, TIME_COLUMN, columns_of

NUMERIC = columns_of("numeric")
CATEGORICAL = columns_of("categorical")
BOOLEAN = columns_of("boolean")
DATETIME = columns_of("datetime") + ([TIME_COLUMN] if TIME_COLUMN else [])
TEXT = columns_of("text")
DATE_PARTS = ("year", "month", "dayofweek", "dayofyear")
LAGS = (1, 2, 3)
LAG_FEATURES = [f"{TARGET}_lag_{k}" for k in LAGS] + [f"{TARGET}_rolling_mean_3"] if TASK == "forecast" else []


def date_part_columns() -> List[str]:
    return [f"{column}_{part}" for column in DATETIME for part in DATE_PARTS]


def input_columns() -> List[str]:
    """The columns a row must have to be scored: the raw features, plus the lags for a forecast."""
    return NUMERIC + CATEGORICAL + BOOLEAN + DATETIME + TEXT + LAG_FEATURES


def add_lags(frame: pd.DataFrame) -> pd.DataFrame:
    """The target's previous values, in time order; the first rows have no history and are dropped."""
    if TASK != "forecast":
        return frame
    out = frame.sort_values(TIME_COLUMN, kind="stable").copy()
    for k in LAGS:
        out[f"{TARGET}_lag_{k}"] = out[TARGET].shift(k)
    out[f"{TARGET}_rolling_mean_3"] = out[TARGET].shift(1).rolling(3).mean()
    return out.dropna(subset=LAG_FEATURES).reset_index(drop=True)


def derive(frame: pd.DataFrame) -> pd.DataFrame:
    """Calendar parts of the dates and booleans as numbers; works on one row as well as on many."""
    out = pd.DataFrame(frame).copy()
    for column in DATETIME:
        dates = pd.to_datetime(out[column], errors="coerce")
        for part in DATE_PARTS:
            out[f"{column}_{part}"] = getattr(dates.dt, part).astype(float)
    for column in BOOLEAN:
        out[column] = out[column].map(lambda v: np.nan if pd.isna(v) else float(bool(v)))
    for column in NUMERIC + LAG_FEATURES:
        out[column] = pd.to_numeric(out[column], errors="coerce")
    for column in CATEGORICAL + TEXT:
        out[column] = out[column].map(lambda v: "missing" if pd.isna(v) else str(v))
    return out


def as_text(values):
    return pd.Series(values.ravel() if hasattr(values, "ravel") else values).fillna("").astype(str)


def build_preprocessor() -> ColumnTransformer:
    numeric = NUMERIC + BOOLEAN + date_part_columns() + LAG_FEATURES
    transformers = []
    if numeric:
        transformers.append(("numeric", make_pipeline(SimpleImputer(strategy="median", keep_empty_features=True),
                                                      StandardScaler()), numeric))
    if CATEGORICAL:
        transformers.append(("categorical", OneHotEncoder(handle_unknown="ignore"), CATEGORICAL))
    for i, column in enumerate(TEXT):
        transformers.append((f"text_{i}", make_pipeline(FunctionTransformer(as_text),
                                                        TfidfVectorizer(max_features=200)), column))
    return ColumnTransformer(transformers, sparse_threshold=0.0)


def build_features():
    """``derive`` then the column transformer: the model pipeline's first two steps."""
    return [("derive", FunctionTransformer(derive)), ("features", build_preprocessor())]
