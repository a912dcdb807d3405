"""Scoring wrapper shared by the API and the nightly batch job."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import joblib
import numpy as np
import pandas as pd

from .features import FeatureBuilder


@dataclass
class Recommender:
    model: object
    builder: FeatureBuilder
    version: str = "unknown"

    @classmethod
    def load(cls, artifacts_dir: str | Path) -> "Recommender":
        artifacts_dir = Path(artifacts_dir)
        meta_path = artifacts_dir / "model_meta.json"
        meta = json.loads(meta_path.read_text()) if meta_path.exists() else {}
        return cls(
            model=joblib.load(artifacts_dir / "model.joblib"),
            builder=joblib.load(artifacts_dir / "feature_builder.joblib"),
            version=meta.get("version", "unknown"),
        )

    def score(self, user_ids, item_ids) -> np.ndarray:
        pairs = pd.DataFrame({"user_id": user_ids, "item_id": item_ids})
        return self.model.predict_proba(self.builder.transform(pairs))[:, 1]

    def recommend(self, user_id, k: int, candidate_pool: int, exclude=()) -> list[tuple]:
        """Top-k (item_id, score) among the ``candidate_pool`` most popular items."""
        exclude = set(exclude)
        candidates = [i for i in self.builder.popular_items(candidate_pool) if i not in exclude]
        if not candidates:
            return []
        scores = self.score([user_id] * len(candidates), candidates)
        top = np.argsort(-scores)[:k]
        return [(candidates[i], float(scores[i])) for i in top]

    def recommend_many(self, user_ids, k: int, candidate_pool: int) -> pd.DataFrame:
        """Vectorised version for batch scoring: one row per (user, rank)."""
        candidates = self.builder.popular_items(candidate_pool)
        users = np.repeat(np.asarray(user_ids), len(candidates))
        items = np.tile(np.asarray(candidates, dtype=object), len(user_ids))
        frame = pd.DataFrame({"user_id": users, "item_id": items, "score": self.score(users, items)})
        frame = frame.sort_values(["user_id", "score"], ascending=[True, False])
        frame["rank"] = frame.groupby("user_id").cumcount() + 1
        return frame[frame["rank"] <= k].reset_index(drop=True)
