"""Features for (user, item) pairs, computed from an interaction history.

The ``FeatureBuilder`` is fitted on the training window only and then used
unchanged for validation, test, the API and the nightly batch job, so that
offline and online features are computed by the same code.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

FEATURE_COLUMNS = [
    "item_ctr",
    "item_log_impressions",
    "item_log_clicks",
    "item_age_days",
    "item_duration_min",
    "item_is_new",
    "user_ctr",
    "user_log_impressions",
    "user_category_affinity",
    "user_mean_watch_min",
]


class FeatureBuilder:
    def __init__(self, ctr_prior_strength: float = 20.0, affinity_prior_strength: float = 5.0):
        self.ctr_prior_strength = ctr_prior_strength
        self.affinity_prior_strength = affinity_prior_strength

    # ------------------------------------------------------------------ fit
    def fit(self, history: pd.DataFrame, items: pd.DataFrame) -> "FeatureBuilder":
        history = history.merge(items[["item_id", "category"]], on="item_id", how="left")
        self.global_ctr_ = float(history["clicked"].mean())
        self.reference_time_ = history["ts"].max()
        m = self.ctr_prior_strength

        item = history.groupby("item_id")["clicked"].agg(impressions="size", clicks="sum")
        item["ctr"] = (item["clicks"] + m * self.global_ctr_) / (item["impressions"] + m)
        self.item_stats_ = item

        user = history.groupby("user_id").agg(
            impressions=("clicked", "size"),
            clicks=("clicked", "sum"),
            mean_watch_sec=("watch_seconds", "mean"),
        )
        user["ctr"] = (user["clicks"] + m * self.global_ctr_) / (user["impressions"] + m)
        self.user_stats_ = user

        # P(category | user clicked), shrunk towards the global category mix
        clicks = history[history["clicked"] == 1]
        global_mix = clicks["category"].value_counts(normalize=True)
        counts = clicks.groupby(["user_id", "category"]).size().unstack(fill_value=0)
        counts = counts.reindex(columns=global_mix.index, fill_value=0)
        a = self.affinity_prior_strength
        affinity = (counts + a * global_mix).div(counts.sum(axis=1) + a, axis=0)
        self.affinity_ = affinity.stack().rename("affinity")
        self.global_mix_ = global_mix

        self.items_ = items.set_index("item_id")[["category", "duration_min", "published_at"]]
        self.popular_items_ = item.sort_values(["clicks", "ctr"], ascending=False).index.tolist()
        return self

    # ------------------------------------------------------------ transform
    def transform(self, pairs: pd.DataFrame) -> pd.DataFrame:
        """``pairs`` needs ``user_id`` and ``item_id`` columns; returns FEATURE_COLUMNS."""
        self._check_fitted()
        df = pairs[["user_id", "item_id"]].copy()
        df = df.join(self.items_, on="item_id")
        df = df.join(self.item_stats_.add_prefix("item_"), on="item_id")
        df = df.join(self.user_stats_.add_prefix("user_"), on="user_id")

        keys = pd.MultiIndex.from_arrays([df["user_id"], df["category"]])
        affinity = self.affinity_.reindex(keys).to_numpy()
        fallback = self.global_mix_.reindex(df["category"]).fillna(0.0).to_numpy()

        out = pd.DataFrame(index=df.index)
        out["item_ctr"] = df["item_ctr"].fillna(self.global_ctr_)
        out["item_log_impressions"] = np.log1p(df["item_impressions"].fillna(0))
        out["item_log_clicks"] = np.log1p(df["item_clicks"].fillna(0))
        age = (self.reference_time_ - df["published_at"]).dt.total_seconds() / 86400
        out["item_age_days"] = age.fillna(age.median() if age.notna().any() else 0.0)
        out["item_duration_min"] = df["duration_min"].fillna(0.0)
        out["item_is_new"] = df["item_impressions"].isna().astype(int)
        out["user_ctr"] = df["user_ctr"].fillna(self.global_ctr_)
        out["user_log_impressions"] = np.log1p(df["user_impressions"].fillna(0))
        out["user_category_affinity"] = np.where(np.isnan(affinity), fallback, affinity)
        out["user_mean_watch_min"] = (df["user_mean_watch_sec"] / 60).fillna(0.0)
        return out[FEATURE_COLUMNS]

    def popular_items(self, k: int) -> list:
        self._check_fitted()
        return self.popular_items_[:k]

    def _check_fitted(self) -> None:
        if not hasattr(self, "item_stats_"):
            raise RuntimeError("FeatureBuilder is not fitted")
