"""Raw data loading and the temporal train / validation / test split.

DVC stage ``prepare``:  python -m recommender.data
"""
from __future__ import annotations

import argparse
import logging

import pandas as pd

from .config import Settings, load_config
from .logging_utils import configure_logging

log = logging.getLogger(__name__)

INTERACTION_COLUMNS = ["user_id", "item_id", "ts", "clicked", "watch_seconds"]
ITEM_COLUMNS = ["item_id", "category", "duration_min", "published_at"]


def load_raw(cfg: Settings) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    raw = cfg.data.raw_dir
    interactions = pd.read_csv(raw / cfg.data.interactions_file, parse_dates=["ts"])
    items = pd.read_csv(raw / cfg.data.items_file, parse_dates=["published_at"])
    users = pd.read_csv(raw / cfg.data.users_file, parse_dates=["signup_date"])
    validate(interactions, items)
    return interactions, items, users


def validate(interactions: pd.DataFrame, items: pd.DataFrame) -> None:
    missing = set(INTERACTION_COLUMNS) - set(interactions.columns)
    if missing:
        raise ValueError(f"interactions missing columns {sorted(missing)}")
    missing = set(ITEM_COLUMNS) - set(items.columns)
    if missing:
        raise ValueError(f"items missing columns {sorted(missing)}")
    if not interactions["clicked"].isin([0, 1]).all():
        raise ValueError("clicked must be 0/1")
    unknown = ~interactions["item_id"].isin(items["item_id"])
    if unknown.any():
        raise ValueError(f"{unknown.sum()} interactions reference unknown items")


def temporal_split(interactions: pd.DataFrame, val_days: int, test_days: int):
    """Split by time so that validation and test are strictly in the future of train."""
    end = interactions["ts"].max().normalize() + pd.Timedelta(days=1)
    test_start = end - pd.Timedelta(days=test_days)
    val_start = test_start - pd.Timedelta(days=val_days)
    train = interactions[interactions["ts"] < val_start]
    val = interactions[(interactions["ts"] >= val_start) & (interactions["ts"] < test_start)]
    test = interactions[interactions["ts"] >= test_start]
    if train.empty or val.empty or test.empty:
        raise ValueError("split produced an empty partition; check val_days/test_days")
    return train.reset_index(drop=True), val.reset_index(drop=True), test.reset_index(drop=True)


def main(config_path: str | None = None) -> None:
    cfg = load_config(config_path)
    interactions, items, users = load_raw(cfg)
    interactions = interactions.drop_duplicates(["user_id", "item_id", "ts"]).sort_values("ts")
    train, val, test = temporal_split(interactions, cfg.split.val_days, cfg.split.test_days)

    out = cfg.data.processed_dir
    out.mkdir(parents=True, exist_ok=True)
    for name, part in {"train": train, "val": val, "test": test}.items():
        part.to_csv(out / f"{name}.csv", index=False)
        log.info("wrote split", extra={"split": name, "rows": len(part),
                                       "ctr": round(part["clicked"].mean(), 4)})
    items.to_csv(out / "items.csv", index=False)
    users.to_csv(out / "users.csv", index=False)


if __name__ == "__main__":
    configure_logging()
    parser = argparse.ArgumentParser()
    parser.add_argument("--config", default=None)
    main(parser.parse_args().config)
