"""Champion/challenger routing: compare a retrained model with the serving one on live traffic.

Two joblib models with ``predict_proba``: the champion (``MODEL_PATH``, default
``models/model.joblib``) and the challenger (``CHALLENGER_PATH``, default
``models/challenger.joblib``). ``ROUTING_MODE`` decides what the challenger does:

- ``off``: only the champion scores;
- ``shadow``: the challenger scores every request too, but its answer is only recorded, never
  returned; the safe first step for a new model;
- ``ab``: a stable share of keys (``CHALLENGER_SHARE``, by a hash of the key, so a card always
  gets the same model) is served by the challenger; the A/B test that precedes a promotion.

Each model's decision threshold is read from the JSON file next to it (``model.json``), when there
is one. Both models' scores are counted per variant in Prometheus, and the recent pairs are kept,
so ``summary()`` (and ``GET /variants``) shows how often they disagree before anyone promotes the
challenger (``retrain.py`` does it when the challenger wins on labelled data).

Mount ``router`` on a FastAPI app (``app.include_router(champion.router)``) for ``/variants``.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import threading
from collections import deque
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Deque, Dict, List, Optional, Sequence, Tuple

import joblib
import numpy as np
import pandas as pd
from fastapi import APIRouter
from prometheus_client import Counter, Histogram

logger = logging.getLogger(__name__)

MODES = ("off", "shadow", "ab")
VARIANT_SCORES = Histogram("model_variant_score", "Scores by model variant and whether the score was served.",
                           ["variant", "served"], buckets=(0.01, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.9, 1.0))
VARIANT_DISAGREEMENTS = Counter("model_variant_disagreements_total",
                                "Requests where champion and challenger reached different decisions.")


class ModelSlot:
    """A joblib model and its threshold, loaded on first use and again when the file changes."""

    def __init__(self, path: str | Path, default_threshold: float = 0.5):
        self.path = Path(path)
        self.default_threshold = default_threshold
        self._lock = threading.Lock()
        self._key: Optional[Tuple[str, int]] = None
        self._model: Any = None
        self._threshold = default_threshold

    def get(self) -> Tuple[Any, float]:
        """(model, threshold), or (None, threshold) when the file does not exist."""
        if not self.path.is_file():
            return None, self.default_threshold
        key = (str(self.path.resolve()), self.path.stat().st_mtime_ns)
        with self._lock:
            if key != self._key:
                self._model = joblib.load(self.path)
                metadata = self.path.with_suffix(".json")
                self._threshold = (float(json.loads(metadata.read_text()).get("threshold", self.default_threshold))
                                   if metadata.exists() else self.default_threshold)
                self._key = key
                logger.info("loaded %s (threshold %.4f)", self.path, self._threshold)
            return self._model, self._threshold


@dataclass
class Routed:
    """The served answer for one row, and the shadow answer when there is one."""

    variant: str
    score: float
    decision: bool
    shadow_score: Optional[float] = None


def bucket(key: Any) -> float:
    """A stable number in [0, 1) for a routing key."""
    digest = hashlib.sha256(str(key).encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


class ChampionChallenger:
    """Scores rows with the champion and, depending on the mode, with the challenger."""

    def __init__(self, champion: ModelSlot, challenger: ModelSlot, mode: str = "off", share: float = 0.1,
                 window: int = 10_000):
        if mode not in MODES:
            raise ValueError(f"routing mode must be one of {', '.join(MODES)}, not {mode!r}")
        if not 0 <= share <= 1:
            raise ValueError(f"challenger share must be between 0 and 1, not {share}")
        self.champion, self.challenger = champion, challenger
        self.mode, self.share = mode, share
        self._pairs: Deque[Tuple[float, float, bool, bool]] = deque(maxlen=window)
        self._served = {"champion": 0, "challenger": 0}
        self._lock = threading.Lock()

    @classmethod
    def from_environment(cls) -> "ChampionChallenger":
        return cls(ModelSlot(os.environ.get("MODEL_PATH", "models/model.joblib")),
                   ModelSlot(os.environ.get("CHALLENGER_PATH", "models/challenger.joblib")),
                   os.environ.get("ROUTING_MODE", "off"), float(os.environ.get("CHALLENGER_SHARE", "0.1")))

    def assign(self, key: Any) -> str:
        """The variant that serves ``key``: the challenger only in ``ab`` mode, for its share of keys."""
        return "challenger" if self.mode == "ab" and bucket(key) < self.share else "champion"

    @staticmethod
    def _scores(model: Any, frame: pd.DataFrame) -> np.ndarray:
        columns = getattr(model, "feature_names_in_", None)
        return np.asarray(model.predict_proba(frame[list(columns)] if columns is not None else frame))[:, 1]

    def score(self, frame: pd.DataFrame, keys: Sequence[Any]) -> List[Routed]:
        """One answer per row; raises LookupError when the champion is missing."""
        champion, champion_threshold = self.champion.get()
        if champion is None:
            raise LookupError(f"no champion model at {self.champion.path}")
        challenger, challenger_threshold = self.challenger.get() if self.mode != "off" else (None, 0.5)
        champion_scores = self._scores(champion, frame)
        challenger_scores = self._scores(challenger, frame) if challenger is not None else None
        results = []
        for i, key in enumerate(keys):
            first = float(champion_scores[i])
            second = None if challenger_scores is None else float(challenger_scores[i])
            variant = self.assign(key) if second is not None else "champion"
            if variant == "challenger":
                routed = Routed("challenger", second, second >= challenger_threshold)
            else:
                routed = Routed("champion", first, first >= champion_threshold,
                                second if self.mode == "shadow" else None)
            self._observe(first, champion_threshold, second, challenger_threshold, variant)
            results.append(routed)
        return results

    def _observe(self, first: float, first_threshold: float, second: Optional[float], second_threshold: float,
                 variant: str) -> None:
        VARIANT_SCORES.labels(variant="champion", served=str(variant == "champion").lower()).observe(first)
        with self._lock:
            self._served[variant] += 1
            if second is not None:
                VARIANT_SCORES.labels(variant="challenger", served=str(variant == "challenger").lower()).observe(second)
                agree = (first >= first_threshold) == (second >= second_threshold)
                if not agree:
                    VARIANT_DISAGREEMENTS.inc()
                self._pairs.append((first, second, first >= first_threshold, second >= second_threshold))

    def summary(self) -> Dict[str, Any]:
        """How the two models compare on the recent traffic both scored."""
        with self._lock:
            pairs = np.array(self._pairs, dtype=float).reshape(-1, 4)
            served = dict(self._served)
        compared = len(pairs)
        return {
            "mode": self.mode,
            "challenger_share": self.share if self.mode == "ab" else 0.0,
            "served": served,
            "compared": compared,
            "decision_agreement": float((pairs[:, 2] == pairs[:, 3]).mean()) if compared else None,
            "champion_alert_rate": float(pairs[:, 2].mean()) if compared else None,
            "challenger_alert_rate": float(pairs[:, 3].mean()) if compared else None,
            "score_correlation": float(np.corrcoef(pairs[:, 0], pairs[:, 1])[0, 1]) if compared > 2 else None,
        }


@lru_cache(maxsize=1)
def routing() -> ChampionChallenger:
    """The process-wide router, configured from the environment on first use
    (``routing.cache_clear()`` makes the next call read the environment again)."""
    return ChampionChallenger.from_environment()


router = APIRouter(tags=["routing"])


@router.get("/variants")
def variants() -> Dict[str, Any]:
    """Routing mode, traffic per variant and how champion and challenger agree."""
    engine = routing()
    return {**engine.summary(), "champion_path": str(engine.champion.path),
            "challenger_path": str(engine.challenger.path)}
