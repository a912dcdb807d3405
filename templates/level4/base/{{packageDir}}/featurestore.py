"""The feature store behind real-time scoring: card-holder profiles and card activity.

The Feast repository in ``feature_repo/`` defines one entity (the card holder, keyed by
``customer_id``) and two feature views:

- ``card_holder_profile``: home country, card issue date and age, materialised daily from the
  offline table that ``export_profiles`` writes (``data/features/card_holder_profiles.parquet``);
- ``card_activity``: each card's recent payments, pushed by the stream consumer after every batch
  (``FeastFeatureStore.push_activity``), from which ``features.OnlineFeatures`` computes exactly the
  history features the model was trained on.

Feast is optional: without it (or before ``feast apply``), ``LocalFeatureStore`` keeps the profiles
and the card activity in the process, which is what the tests and a single local service use.
"""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, Callable, Dict, Iterable, Mapping

import pandas as pd

from .features import OnlineFeatures

logger = logging.getLogger(__name__)

PROFILE_COLUMNS = ["home_country", "card_issued", "age"]
ACTIVITY_COLUMNS = ["recent_timestamps", "recent_amounts", "merchants_seen", "last_seen"]
PROFILE_VIEW, ACTIVITY_VIEW, ACTIVITY_PUSH = "card_holder_profile", "card_activity", "card_activity_push"


class UnknownCardHolder(KeyError):
    """No profile for this customer id."""


def profile_table(customers: pd.DataFrame, as_of: pd.Timestamp) -> pd.DataFrame:
    """The offline profile table: one row per card holder with Feast's ``event_timestamp``."""
    table = customers[["customer_id", *PROFILE_COLUMNS]].copy()
    table["card_issued"] = pd.to_datetime(table["card_issued"]).dt.strftime("%Y-%m-%d")
    table["event_timestamp"] = as_of
    return table


def export_profiles(customers: pd.DataFrame, path: str | Path, as_of: pd.Timestamp) -> Path:
    """Writes the profile table as Parquet for Feast, or as CSV when pyarrow is not installed."""
    table = profile_table(customers, as_of)
    target = Path(path).with_suffix(".parquet")
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        table.to_parquet(target, index=False)
    except ImportError:
        target = target.with_suffix(".csv")
        table.to_csv(target, index=False)
        logger.info("pyarrow is not installed; wrote %s for the local store (Feast needs Parquet)", target)
    return target


def read_profiles(path: str | Path) -> pd.DataFrame:
    path = Path(path)
    frame = pd.read_parquet(path) if path.suffix == ".parquet" else pd.read_csv(path)
    return frame.drop(columns=["event_timestamp"], errors="ignore").set_index("customer_id")


class LocalFeatureStore:
    """Profiles in memory and card activity in this process (one writer, one reader)."""

    backend = "local"

    def __init__(self, profiles: pd.DataFrame):
        self._profiles = profiles[PROFILE_COLUMNS].astype(object).where(profiles[PROFILE_COLUMNS].notna(), None)
        self.online = OnlineFeatures()

    @classmethod
    def from_file(cls, path: str | Path) -> "LocalFeatureStore":
        return cls(read_profiles(path))

    def profile(self, customer_id: Any) -> Dict[str, Any]:
        if customer_id not in self._profiles.index:
            raise UnknownCardHolder(customer_id)
        return self._profiles.loc[customer_id].to_dict()

    def features(self, event: Mapping[str, Any]) -> Dict[str, Any]:
        """The model's inputs for one payment; the payment then counts in the card's activity."""
        return self.online.features(event, self.profile(event["customer_id"]))


class FeastFeatureStore:
    """Profiles and activity from Feast's online store; the stream consumer is the only writer."""

    backend = "feast"

    def __init__(self, repo_path: str | Path):
        from feast import FeatureStore  # optional dependency: pip install feast

        self._store = FeatureStore(repo_path=str(repo_path))

    def _online_row(self, customer_id: Any) -> Dict[str, Any]:
        refs = [f"{PROFILE_VIEW}:{c}" for c in PROFILE_COLUMNS] + [f"{ACTIVITY_VIEW}:{c}" for c in ACTIVITY_COLUMNS]
        response = self._store.get_online_features(features=refs, entity_rows=[{"customer_id": customer_id}])
        return {name: values[0] for name, values in response.to_dict().items()}

    def profile(self, customer_id: Any) -> Dict[str, Any]:
        row = self._online_row(customer_id)
        if row.get("home_country") is None:
            raise UnknownCardHolder(customer_id)
        return {column: row[column] for column in PROFILE_COLUMNS}

    def features(self, event: Mapping[str, Any]) -> Dict[str, Any]:
        """The model's inputs for one payment, from the card's last pushed activity."""
        row = self._online_row(event["customer_id"])
        if row.get("home_country") is None:
            raise UnknownCardHolder(event["customer_id"])
        online = OnlineFeatures()
        online.restore(event["customer_id"], {column: row.get(column) for column in ACTIVITY_COLUMNS})
        return online.features(event, {column: row[column] for column in PROFILE_COLUMNS})

    def push_activity(self, online: OnlineFeatures, cards: Iterable[Any]) -> int:
        """Writes the activity of ``cards`` to the online store through the push source."""
        rows = [{"customer_id": card, **online.snapshot(card), "event_timestamp": pd.Timestamp.now(tz="UTC")}
                for card in cards]
        if rows:
            self._store.push(ACTIVITY_PUSH, pd.DataFrame(rows))
        return len(rows)


class StreamFeatures:
    """Feature enrichment for the stream consumer (``stream.py --enricher``).

    The consumer owns the activity of the cards in its partitions: it computes every payment's
    features from its own state and, when Feast is configured, pushes the state of the cards it
    touched after every batch, so that the API replicas read the same activity.
    """

    def __init__(self, profile: Callable[[Any], Dict[str, Any]], feast: FeastFeatureStore | None = None):
        self.profile = profile
        self.feast = feast
        self.online = OnlineFeatures()
        self._touched: set = set()

    def __call__(self, event: Mapping[str, Any]) -> Dict[str, Any]:
        features = self.online.features(event, self.profile(event["customer_id"]))
        self._touched.add(event["customer_id"])
        return {**event, **features}

    def flush(self) -> int:
        """Pushes the activity of the cards seen since the last flush; returns how many."""
        touched, self._touched = self._touched, set()
        return self.feast.push_activity(self.online, touched) if self.feast is not None else 0


def stream_enricher(config: Mapping[str, Any]) -> StreamFeatures:
    """The enricher ``stream.py`` loads from ``stream.enricher`` in the configuration."""
    store = open_store(config["feature_store"])
    return StreamFeatures(store.profile, store if isinstance(store, FeastFeatureStore) else None)


def open_store(settings: Mapping[str, Any]) -> Any:
    """Feast when it is installed and the repository has been applied, else the local store."""
    repo = Path(settings["repo_path"])
    try:
        import feast  # noqa: F401
    except ImportError:
        return LocalFeatureStore.from_file(_existing(settings["profiles_path"]))
    if not (repo / "data" / "registry.db").exists():
        logger.warning("Feast is installed but %s has not been applied (feast apply); using the local store", repo)
        return LocalFeatureStore.from_file(_existing(settings["profiles_path"]))
    return FeastFeatureStore(repo)


def _existing(path: str | Path) -> Path:
    """The profile table as written by ``export_profiles``: Parquet, else CSV."""
    base = Path(path)
    for candidate in (base.with_suffix(".parquet"), base.with_suffix(".csv")):
        if candidate.exists():
            return candidate
    raise FileNotFoundError(f"no profile table at {base.with_suffix('.parquet')} or .csv: run the pipeline first")
