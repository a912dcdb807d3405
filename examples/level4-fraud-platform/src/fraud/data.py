"""Raw transaction loading, time-based splits and the Feast snapshot export.

DVC stage ``featurize``:  python -m fraud.data
"""
from __future__ import annotations

import argparse
import logging
from pathlib import Path

import numpy as np
import pandas as pd

from .config import load_config
from .features import CARD_FEATURES, card_window_features

log = logging.getLogger(__name__)

RAW_COLUMNS = ["transaction_id", "card_id", "merchant_id", "merchant_category", "amount",
               "country", "card_country", "channel", "ts", "is_fraud"]


def load_transactions(path: str | Path) -> pd.DataFrame:
    df = pd.read_csv(path, parse_dates=["ts"])
    missing = set(RAW_COLUMNS) - set(df.columns)
    if missing:
        raise ValueError(f"missing columns: {sorted(missing)}")
    if (df["amount"] < 0).any():
        raise ValueError("negative amounts in raw data")
    before = len(df)
    df = df.drop_duplicates("transaction_id").sort_values("ts", ignore_index=True)
    if len(df) < before:
        log.warning("dropped %d duplicate transactions", before - len(df))
    return df


def add_card_features(tx: pd.DataFrame) -> pd.DataFrame:
    return tx.join(card_window_features(tx, closed="left"))


def temporal_split(df: pd.DataFrame, val_days: int, test_days: int):
    end = df["ts"].max()
    test_start = end - pd.Timedelta(days=test_days)
    val_start = test_start - pd.Timedelta(days=val_days)
    train = df[df["ts"] <= val_start]
    val = df[(df["ts"] > val_start) & (df["ts"] <= test_start)]
    test = df[df["ts"] > test_start]
    for name, part in (("train", train), ("val", val), ("test", test)):
        if part.empty or part["is_fraud"].sum() == 0:
            raise ValueError(f"{name} split has no rows or no fraud cases")
    return train, val, test


def card_snapshot(tx: pd.DataFrame) -> pd.DataFrame:
    """Card state after each transaction, in the layout of the Feast FileSource."""
    feats = card_window_features(tx, closed="right")
    snap = pd.concat([tx[["card_id"]], feats], axis=1)
    snap["event_timestamp"] = tx["ts"].dt.tz_localize("UTC")
    snap["created"] = pd.Timestamp.now(tz="UTC")
    return snap


def synthetic_transactions(n_cards: int = 300, days: int = 30, fraud_cards: float = 0.03,
                           seed: int = 0) -> pd.DataFrame:
    """Realistic-looking fake data for local runs, docker-compose demos and tests."""
    rng = np.random.default_rng(seed)
    start = pd.Timestamp("2024-03-01")
    categories = np.array(["grocery", "fuel", "restaurant", "electronics", "travel", "gaming", "fashion"])
    countries = np.array(["DE", "FR", "NL", "ES", "IT"])
    rows = []
    for c in range(n_cards):
        home = rng.choice(countries)
        typical = rng.lognormal(3.3, 0.6)
        n = rng.poisson(days * 1.5) + 1
        times = start + pd.to_timedelta(np.sort(rng.uniform(0, days * 86400, n)), unit="s")
        for t in times:
            rows.append((f"card_{c:05d}", rng.choice(categories[:5]), rng.lognormal(np.log(typical), 0.5),
                         home if rng.random() > 0.05 else rng.choice(countries), home,
                         "online" if rng.random() < 0.3 else "pos", t, 0))
        if rng.random() < fraud_cards:  # burst of fraudulent transactions on a stolen card
            burst_start = start + pd.Timedelta(seconds=rng.uniform(days * 86400 * 0.2, days * 86400))
            burst_start = burst_start.floor("D") + pd.Timedelta(hours=int(rng.integers(0, 5)))
            for k in range(int(rng.integers(3, 8))):
                rows.append((f"card_{c:05d}", rng.choice(categories[3:]), typical * rng.uniform(3, 15),
                             rng.choice(["US", "BR", "NG", "RU"]), home, "online",
                             burst_start + pd.Timedelta(minutes=int(7 * k + rng.integers(0, 5))), 1))
    df = pd.DataFrame(rows, columns=["card_id", "merchant_category", "amount", "country",
                                     "card_country", "channel", "ts", "is_fraud"])
    df["amount"] = df["amount"].round(2)
    df["merchant_id"] = "m_" + pd.Series(rng.integers(0, 2000, len(df))).astype(str)
    df = df.sort_values("ts", ignore_index=True)
    df.insert(0, "transaction_id", [f"tx_{i:08d}" for i in range(len(df))])
    return df[RAW_COLUMNS]


def main(config_path: str | None = None) -> None:
    cfg = load_config(config_path)
    dcfg = cfg["data"]
    tx = load_transactions(dcfg["raw_path"])
    df = add_card_features(tx)
    parts = dict(zip(("train", "val", "test"), temporal_split(df, dcfg["val_days"], dcfg["test_days"])))

    out = Path(dcfg["processed_dir"])
    out.mkdir(parents=True, exist_ok=True)
    for name, part in parts.items():
        part.to_parquet(out / f"{name}.parquet", index=False)
        log.info("%s: %d rows, fraud rate %.4f", name, len(part), part["is_fraud"].mean())

    snap_path = Path(dcfg["card_features_path"])
    snap_path.parent.mkdir(parents=True, exist_ok=True)
    card_snapshot(tx).to_parquet(snap_path, index=False)
    log.info("wrote %s (%s)", snap_path, ", ".join(CARD_FEATURES[:-1]))


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    parser = argparse.ArgumentParser()
    parser.add_argument("--config")
    main(parser.parse_args().config)
