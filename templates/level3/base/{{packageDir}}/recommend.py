"""Ranking items for users with the click-propensity model, with a popularity fallback.

Every (user, item) candidate is scored at position 1, so the ranking reflects the user and the
item rather than where the item happened to be shown in the logs (position bias). When the
model is missing or keeps failing, a circuit breaker serves the most popular items instead.
"""
from __future__ import annotations

import json
import logging
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Tuple, TypeVar

import pandas as pd

from .data import TARGET
from .features import RAW_FEATURES

logger = logging.getLogger(__name__)
T = TypeVar("T")
ITEM_COLUMNS = ["item_id", "category", "price", "rating"]


class CircuitBreaker:
    """After ``max_failures`` consecutive errors the breaker opens and calls go straight to the
    fallback; after ``reset_seconds`` one trial call is let through again (half-open)."""

    def __init__(self, max_failures: int = 3, reset_seconds: float = 30.0, clock: Callable[[], float] = time.monotonic):
        self.max_failures = max_failures
        self.reset_seconds = reset_seconds
        self._clock = clock
        self._failures = 0
        self._opened_at: Optional[float] = None
        self._lock = threading.Lock()

    @property
    def state(self) -> str:
        if self._opened_at is None:
            return "closed"
        return "half-open" if self._clock() - self._opened_at >= self.reset_seconds else "open"

    def call(self, action: Callable[[], T], fallback: Callable[[], T]) -> Tuple[T, bool]:
        """Returns ``(result, used_fallback)``."""
        if self.state == "open":
            return fallback(), True
        try:
            result = action()
        except Exception:  # any failure of the dependency trips the breaker
            logger.exception("ranking failed; serving the fallback")
            with self._lock:
                self._failures += 1
                if self._failures >= self.max_failures or self._opened_at is not None:
                    self._opened_at = self._clock()
            return fallback(), True
        with self._lock:
            self._failures, self._opened_at = 0, None
        return result, False


def popular_items(impressions: pd.DataFrame, prior: float = 20.0) -> List[int]:
    """Item ids by smoothed click-through rate, best first."""
    overall = impressions[TARGET].mean()
    stats = impressions.groupby("item_id")[TARGET].agg(["sum", "count"])
    smoothed = (stats["sum"] + prior * overall) / (stats["count"] + prior)
    return [int(i) for i in smoothed.sort_values(ascending=False).index]


def records(frame: pd.DataFrame) -> List[Dict[str, Any]]:
    """Rows as JSON-ready dicts (missing values become None)."""
    return frame.astype(object).where(frame.notna(), None).to_dict(orient="records")


def candidates(users: pd.DataFrame, items: pd.DataFrame, at: pd.Timestamp) -> pd.DataFrame:
    """Every (user, item) pair as a model input row, shown at ``at`` in position 1."""
    pairs = users.merge(items, how="cross")
    pairs["timestamp"] = at
    pairs["position"] = 1
    return pairs


def rank(model: Any, users: pd.DataFrame, items: pd.DataFrame, k: int, at: pd.Timestamp) -> pd.DataFrame:
    """The top ``k`` items per user: user_id, rank, item details and score."""
    pairs = candidates(users, items, at)
    pairs["score"] = model.predict_proba(pairs[RAW_FEATURES])[:, 1]
    top = pairs.sort_values(["user_id", "score"], ascending=[True, False]).groupby("user_id").head(k)
    top["rank"] = top.groupby("user_id").cumcount() + 1
    return top[["user_id", "rank", *ITEM_COLUMNS, "score"]].reset_index(drop=True)


@dataclass
class Recommender:
    """Real-time recommendations for one user from the catalogue, with a fallback ranking."""

    users: pd.DataFrame
    items: pd.DataFrame
    popular: List[int]
    breaker: CircuitBreaker

    @classmethod
    def from_files(cls, catalog_dir: str | Path, popular_path: str | Path) -> "Recommender":
        catalog = Path(catalog_dir)
        users = pd.read_csv(catalog / "users.csv").set_index("user_id", drop=False)
        items = pd.read_csv(catalog / "items.csv")
        popular = json.loads(Path(popular_path).read_text()) if Path(popular_path).exists() else list(items["item_id"])
        return cls(users, items, popular, CircuitBreaker())

    def knows(self, user_id: int) -> bool:
        return user_id in self.users.index

    def fallback(self, k: int) -> List[Dict[str, Any]]:
        """The ``k`` most popular items of the catalogue."""
        catalogue = self.items.set_index("item_id")
        chosen = [item for item in self.popular if item in catalogue.index][:k]
        return records(catalogue.loc[chosen].reset_index()[ITEM_COLUMNS].assign(score=None))

    def recommend(self, model: Any, user_id: int, k: int,
                  at: Optional[pd.Timestamp] = None) -> Tuple[List[Dict[str, Any]], str]:
        """Up to ``k`` items for a known user and where they came from (``model`` or ``fallback``)."""
        if model is None:
            return self.fallback(k), "fallback"
        user = self.users.loc[[user_id]]
        when = at if at is not None else pd.Timestamp.now()
        ranked, used_fallback = self.breaker.call(
            lambda: records(rank(model, user, self.items, k, when)[[*ITEM_COLUMNS, "score"]]),
            lambda: self.fallback(k),
        )
        return ranked, "fallback" if used_fallback else "model"
