"""Features: what the fraud model sees for one card payment.

Most of the signal is in the card's recent history: how many payments it made in the last hour
and day, how the amount compares with its usual spend, whether the merchant is new to it. The
same definitions are computed twice and must agree:

- in batch over the whole, time-ordered transaction log (``add_history_features``), for training;
- online, one event at a time, from a per-card state (``OnlineFeatures``), for the API and the
  stream consumer. ``tests/test_features.py`` replays a log through both and compares them, so a
  change to one that is not made to the other fails the build (training/serving skew).

Every window counts the events strictly before the payment being scored: ``[t - window, t)``.
"""
from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from typing import Any, Deque, Dict, Mapping, Set, Tuple

import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import FunctionTransformer, OneHotEncoder, StandardScaler

HOUR, DAY = 3600, 86400
WINDOWS = {"1h": HOUR, "24h": DAY, "30d": 30 * DAY}
# A key that orders events by card, then by time; cards are further apart than any window.
CARD_SPAN = 10**10

ACTIVITY_FEATURES = ["txn_count_1h", "txn_count_24h", "amount_sum_24h", "amount_to_avg", "seconds_since_last",
                     "new_merchant"]
CONTEXT_FEATURES = ["amount_eur", "channel", "category", "is_foreign", "hour", "is_night", "card_age_days", "age"]
MODEL_FEATURES = CONTEXT_FEATURES + ACTIVITY_FEATURES
LOG_SCALED = ["amount_eur", "amount_sum_24h", "amount_to_avg", "seconds_since_last"]
NUMERIC = ["txn_count_1h", "txn_count_24h", "card_age_days", "age", "hour"]
CATEGORICAL = ["channel", "category"]
FLAGS = ["is_foreign", "is_night", "new_merchant"]
# Inputs watched for drift: all of them but the card's age, which grows by design.
MONITORED_NUMERIC = [c for c in LOG_SCALED + NUMERIC if c != "card_age_days"]
MONITORED_CATEGORICAL = CATEGORICAL + FLAGS


def context_features(frame: pd.DataFrame) -> pd.DataFrame:
    """Features of the payment itself and its card holder: hour, night, abroad, card age."""
    out = frame.copy()
    timestamp = pd.to_datetime(out["timestamp"], errors="coerce")
    out["hour"] = timestamp.dt.hour
    out["is_night"] = (out["hour"] < 6).astype(int)
    home = out["home_country"].astype("string")
    out["is_foreign"] = (out["merchant_country"].astype("string") != home).fillna(False).astype(int)
    out["card_age_days"] = (timestamp - pd.to_datetime(out["card_issued"], errors="coerce")).dt.days
    return out


def add_history_features(frame: pd.DataFrame) -> pd.DataFrame:
    """Context and card-history features for every transaction of a log, in the log's order.

    The log is ordered by card, time and transaction id; two searches on a (card, time) key give,
    for every payment, the first and the last earlier event inside each window.
    """
    out = context_features(frame)
    seconds = ((pd.to_datetime(out["timestamp"]) - pd.Timestamp("1970-01-01")) // pd.Timedelta("1s")).astype(np.int64)
    order = np.lexsort((out["transaction_id"].astype(str).to_numpy(), seconds.to_numpy(), out["customer_id"].to_numpy()))
    card = out["customer_id"].to_numpy()[order].astype(np.int64)
    t = seconds.to_numpy()[order]
    amount = out["amount_eur"].to_numpy(dtype=float)[order]
    key = card * CARD_SPAN + t
    end = np.searchsorted(key, key, side="left")
    sums = np.concatenate([[0.0], np.cumsum(amount)])
    stats: Dict[str, np.ndarray] = {}
    for name, width in WINDOWS.items():
        start = np.searchsorted(key, key - width, side="left")
        stats[f"count_{name}"] = end - start
        stats[f"sum_{name}"] = sums[end] - sums[start]
    previous = np.where(np.r_[False, card[1:] == card[:-1]], np.r_[0, t[:-1]], -1)
    merchant = out["merchant_id"].to_numpy()[order]
    pairs = pd.DataFrame({"card": card, "merchant": merchant})
    first_visit = (pairs.groupby(["card", "merchant"], sort=False).cumcount() == 0).to_numpy()
    average = np.divide(stats["sum_30d"], stats["count_30d"], out=np.full(len(t), np.nan),
                        where=stats["count_30d"] > 0)
    history = pd.DataFrame({
        "txn_count_1h": stats["count_1h"],
        "txn_count_24h": stats["count_24h"],
        "amount_sum_24h": stats["sum_24h"].round(6),
        "amount_to_avg": amount / average,
        "seconds_since_last": np.where(previous >= 0, t - previous, np.nan),
        "new_merchant": first_visit.astype(int),
    }, index=out.index[order])
    return out.join(history.reindex(out.index))


@dataclass
class CardState:
    """What the online features need to remember about one card."""

    events: Deque[Tuple[int, float]] = field(default_factory=deque)  # (epoch seconds, amount) of the last 30 days
    last_seen: int | None = None
    merchants: Set[Any] = field(default_factory=set)


class OnlineFeatures:
    """The history features of ``add_history_features``, one payment at a time.

    ``features(event)`` returns the model's inputs for a payment as of just before it and then
    records it. Events of one card must arrive in time order, as a stream partitioned by card
    delivers them.
    """

    def __init__(self) -> None:
        self._cards: Dict[Any, CardState] = {}

    def __len__(self) -> int:
        return len(self._cards)

    def activity(self, card: Any, at: int, merchant: Any, amount: float) -> Dict[str, float]:
        """The card's activity features for a payment of ``amount`` at ``merchant`` at time ``at``."""
        state = self._cards.get(card) or CardState()
        while state.events and state.events[0][0] < at - WINDOWS["30d"]:
            state.events.popleft()
        earlier = [(ts, value) for ts, value in state.events if ts < at]
        last_day = [value for ts, value in earlier if ts >= at - DAY]
        month = [value for ts, value in earlier]
        return {
            "txn_count_1h": float(sum(1 for ts, _ in earlier if ts >= at - HOUR)),
            "txn_count_24h": float(len(last_day)),
            "amount_sum_24h": round(float(sum(last_day)), 6),
            "amount_to_avg": amount / (sum(month) / len(month)) if month else float("nan"),
            "seconds_since_last": float(at - state.last_seen) if state.last_seen is not None else float("nan"),
            "new_merchant": float(merchant not in state.merchants),
        }

    def record(self, card: Any, at: int, merchant: Any, amount: float) -> None:
        state = self._cards.setdefault(card, CardState())
        state.events.append((at, amount))
        state.last_seen = at
        state.merchants.add(merchant)

    def snapshot(self, card: Any) -> Dict[str, Any]:
        """The card's state as plain lists, for an online feature store (``featurestore.py``)."""
        state = self._cards.get(card) or CardState()
        return {"recent_timestamps": [ts for ts, _ in state.events], "recent_amounts": [a for _, a in state.events],
                "merchants_seen": sorted(state.merchants), "last_seen": state.last_seen}

    def restore(self, card: Any, snapshot: Mapping[str, Any]) -> None:
        """Loads a card's state from ``snapshot`` (the inverse of ``snapshot``)."""
        events = deque(zip((int(t) for t in snapshot.get("recent_timestamps") or []),
                           (float(a) for a in snapshot.get("recent_amounts") or [])))
        last_seen = snapshot.get("last_seen")
        self._cards[card] = CardState(events, None if last_seen is None else int(last_seen),
                                      set(snapshot.get("merchants_seen") or []))

    def cards(self) -> Set[Any]:
        return set(self._cards)

    def features(self, event: Mapping[str, Any], profile: Mapping[str, Any]) -> Dict[str, Any]:
        """All model inputs for one payment (``event``) of a card holder (``profile``), then records it."""
        timestamp = pd.Timestamp(event["timestamp"])
        at = int(timestamp.timestamp())
        amount = float(event["amount_eur"])
        features = event_context(event, profile, timestamp)
        features.update(self.activity(event["customer_id"], at, event["merchant_id"], amount))
        self.record(event["customer_id"], at, event["merchant_id"], amount)
        return {name: (None if isinstance(value, float) and np.isnan(value) else value) for name, value in features.items()}


def _present(value: Any) -> bool:
    return value is not None and not (isinstance(value, float) and np.isnan(value))


def event_context(event: Mapping[str, Any], profile: Mapping[str, Any], timestamp: pd.Timestamp) -> Dict[str, Any]:
    """``context_features`` for a single payment, without building a data frame (the online path)."""
    home, abroad = profile.get("home_country"), event.get("merchant_country")
    issued = profile.get("card_issued")
    return {
        "amount_eur": float(event["amount_eur"]),
        "channel": event.get("channel"),
        "category": event.get("category"),
        "is_foreign": int(_present(home) and _present(abroad) and str(abroad) != str(home)),
        "hour": timestamp.hour,
        "is_night": int(timestamp.hour < 6),
        "card_age_days": float((timestamp - pd.Timestamp(issued)).days) if _present(issued) else float("nan"),
        "age": float(profile["age"]) if _present(profile.get("age")) else float("nan"),
    }


def _log1p(values: np.ndarray) -> np.ndarray:
    return np.log1p(np.clip(np.asarray(values, dtype=float), 0, None))


def build_preprocessor() -> ColumnTransformer:
    """Model inputs -> imputed (with missing-value flags), log-scaled, standardised and one-hot
    encoded matrix. A card's first payment has no history: its gaps are imputed and flagged."""
    return ColumnTransformer([
        ("log_scaled", make_pipeline(FunctionTransformer(_log1p), SimpleImputer(strategy="median", add_indicator=True),
                                     StandardScaler()), LOG_SCALED),
        ("numeric", make_pipeline(SimpleImputer(strategy="median"), StandardScaler()), NUMERIC),
        ("categorical", make_pipeline(SimpleImputer(strategy="most_frequent"), OneHotEncoder(handle_unknown="ignore")),
         CATEGORICAL),
        ("flags", SimpleImputer(strategy="most_frequent"), FLAGS),
    ], sparse_threshold=0)


def as_model_input(records: Any) -> pd.DataFrame:
    """Records (dicts or a frame) as the model's input frame, in ``MODEL_FEATURES`` order."""
    frame = pd.DataFrame.from_records(records) if not isinstance(records, pd.DataFrame) else records
    missing = [column for column in MODEL_FEATURES if column not in frame.columns]
    if missing:
        raise ValueError(f"missing feature(s): {', '.join(missing)}")
    return frame[MODEL_FEATURES].astype({"channel": object, "category": object})
