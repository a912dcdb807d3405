"""Scoring shared by the API, the Kafka stream consumer and the batch job."""
from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import Protocol

import joblib
import numpy as np
import pandas as pd

from .features import CARD_FEATURES

log = logging.getLogger(__name__)

ONLINE_FEATURES = [f for f in CARD_FEATURES if f != "card_seconds_since_last"] + ["card_last_txn_epoch"]


class FeatureClient(Protocol):
    def get_card_features(self, card_id: str) -> dict:
        """Card features keyed by name; missing cards return an empty dict."""


class FeastFeatureClient:
    """Reads card features from the Feast online store (Redis in production)."""

    def __init__(self, repo_path: str | Path):
        from feast import FeatureStore

        self.store = FeatureStore(repo_path=str(repo_path))

    def get_card_features(self, card_id: str) -> dict:
        resp = self.store.get_online_features(
            features=[f"card_features:{name}" for name in ONLINE_FEATURES],
            entity_rows=[{"card_id": card_id}],
        ).to_dict()
        row = {name: resp[name][0] for name in ONLINE_FEATURES}
        last = row.pop("card_last_txn_epoch")
        row["card_seconds_since_last"] = time.time() - last if last is not None else None
        return row


class InMemoryFeatureClient:
    """Dictionary-backed client for local runs and tests."""

    def __init__(self, features: dict[str, dict] | None = None):
        self.features = features or {}

    def get_card_features(self, card_id: str) -> dict:
        return dict(self.features.get(card_id, {}))


class Scorer:
    def __init__(self, bundle: dict, review_threshold: float = 0.5, decline_threshold: float = 0.9):
        self.featurizer = bundle["featurizer"]
        self.ensemble = bundle["ensemble"]
        self.version = bundle.get("version", "unknown")
        self.review_threshold = review_threshold
        self.decline_threshold = decline_threshold

    @classmethod
    def load(cls, artifacts_dir: str | Path, **thresholds) -> "Scorer":
        return cls(joblib.load(Path(artifacts_dir) / "bundle.joblib"), **thresholds)

    def score_frame(self, df: pd.DataFrame) -> np.ndarray:
        return self.ensemble.predict_proba(self.featurizer.transform(df))[:, 1]

    def score_one(self, txn: dict, card_features: dict) -> float:
        row = {**txn, **{k: card_features.get(k) for k in CARD_FEATURES}}
        frame = pd.DataFrame([row]).astype({k: float for k in CARD_FEATURES})
        return float(self.score_frame(frame)[0])

    def decide(self, score: float) -> str:
        if score >= self.decline_threshold:
            return "decline"
        if score >= self.review_threshold:
            return "review"
        return "approve"


def rule_based_score(txn: dict) -> float:
    """Last-resort score used when no model can be evaluated."""
    risky = txn.get("channel") == "online" and txn.get("country") != txn.get("card_country")
    if risky and txn.get("amount", 0) > 500:
        return 0.95
    if risky or txn.get("amount", 0) > 2000:
        return 0.6
    return 0.05
