"""Transaction features.

Two kinds of inputs:

* request features   - derived from the transaction itself (amount, time, geography)
* card features      - point-in-time aggregates over the card's history. Offline they
                       are computed here with pandas; online they are read from the
                       Feast online store (see feature_repo/) and must mean the same thing.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

CARD_FEATURES = [
    "card_txn_count_1h",
    "card_txn_count_24h",
    "card_amount_sum_24h",
    "card_amount_mean_30d",
    "card_amount_std_30d",
    "card_seconds_since_last",
]
REQUEST_FEATURES = ["log_amount", "hour_of_day", "is_night", "is_foreign", "is_online", "mcc_risk"]
DERIVED_FEATURES = ["amount_zscore", "amount_share_24h"]
FEATURE_COLUMNS = REQUEST_FEATURES + CARD_FEATURES + DERIVED_FEATURES

NEW_CARD_GAP_SECONDS = 30 * 86400.0


def card_window_features(tx: pd.DataFrame, closed: str = "left") -> pd.DataFrame:
    """Rolling per-card aggregates, aligned with ``tx.index``.

    ``closed="left"`` excludes the transaction itself (training rows: no leakage);
    ``closed="right"`` includes it (snapshot exported to the online store).
    """
    ordered = tx.sort_values(["card_id", "ts"], kind="mergesort")
    grouped = ordered.groupby("card_id")

    def rolling(window: str, how: str) -> np.ndarray:
        r = grouped.rolling(window, on="ts", closed=closed)["amount"]
        return getattr(r, how)().to_numpy()

    out = pd.DataFrame(index=ordered.index)
    out["card_txn_count_1h"] = np.nan_to_num(rolling("1h", "count"))
    out["card_txn_count_24h"] = np.nan_to_num(rolling("24h", "count"))
    out["card_amount_sum_24h"] = np.nan_to_num(rolling("24h", "sum"))
    out["card_amount_mean_30d"] = rolling("30D", "mean")
    out["card_amount_std_30d"] = np.nan_to_num(rolling("30D", "std"))
    if closed == "left":
        gap = grouped["ts"].diff().dt.total_seconds()
        out["card_seconds_since_last"] = gap.fillna(NEW_CARD_GAP_SECONDS).to_numpy()
    else:
        out["card_last_txn_epoch"] = (ordered["ts"].astype("int64") // 10**9).to_numpy()
    return out.loc[tx.index]


class FraudFeaturizer:
    """Turns transactions + card features into the model matrix.

    The only fitted state is the merchant-category risk (a smoothed target encoding),
    so the object is tiny and is shipped inside the model artifact.
    """

    def __init__(self, mcc_prior_strength: float = 200.0):
        self.mcc_prior_strength = mcc_prior_strength

    def fit(self, df: pd.DataFrame) -> "FraudFeaturizer":
        self.global_rate_ = float(df["is_fraud"].mean())
        stats = df.groupby("merchant_category")["is_fraud"].agg(["sum", "count"])
        m = self.mcc_prior_strength
        self.mcc_risk_ = ((stats["sum"] + m * self.global_rate_) / (stats["count"] + m)).to_dict()
        return self

    def transform(self, df: pd.DataFrame) -> pd.DataFrame:
        if not hasattr(self, "mcc_risk_"):
            raise RuntimeError("FraudFeaturizer must be fitted first")
        ts = pd.to_datetime(df["ts"])
        amount = df["amount"].astype(float)
        card = df.reindex(columns=CARD_FEATURES)

        mean_30d = card["card_amount_mean_30d"].fillna(amount)
        X = pd.DataFrame(index=df.index)
        X["log_amount"] = np.log1p(amount.clip(lower=0))
        X["hour_of_day"] = ts.dt.hour
        X["is_night"] = ts.dt.hour.isin([0, 1, 2, 3, 4, 5]).astype(int)
        X["is_foreign"] = (df["country"] != df["card_country"]).astype(int)
        X["is_online"] = (df["channel"] == "online").astype(int)
        X["mcc_risk"] = df["merchant_category"].map(self.mcc_risk_).fillna(self.global_rate_)
        X["card_txn_count_1h"] = card["card_txn_count_1h"].fillna(0)
        X["card_txn_count_24h"] = card["card_txn_count_24h"].fillna(0)
        X["card_amount_sum_24h"] = card["card_amount_sum_24h"].fillna(0)
        X["card_amount_mean_30d"] = mean_30d
        X["card_amount_std_30d"] = card["card_amount_std_30d"].fillna(0)
        X["card_seconds_since_last"] = card["card_seconds_since_last"].fillna(NEW_CARD_GAP_SECONDS)
        X["amount_zscore"] = (amount - mean_30d) / (X["card_amount_std_30d"] + 1.0)
        X["amount_share_24h"] = amount / (X["card_amount_sum_24h"] + amount)
        return X[FEATURE_COLUMNS].astype(float)
