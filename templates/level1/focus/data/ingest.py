"""Lands the passenger manifest from its two sources: a CSV export and the ticketing database.

The manifest (who travelled, in which class) and the ticket sales (fare, port) live in different
systems; this joins them on the passenger id, keeps the newest ticket per passenger, and writes
data/passengers.csv for the notebook. Running it twice gives the same file.
"""
from __future__ import annotations

import argparse
import logging
import sqlite3
from pathlib import Path

import pandas as pd

from make_data import make_passengers

log = logging.getLogger("ingest")

MANIFEST_COLUMNS = ["passenger_id", "pclass", "sex", "age", "siblings_spouses", "parents_children", "survived"]
TICKET_COLUMNS = ["passenger_id", "fare", "embarked", "sold_at"]


def simulate_sources(raw_dir: Path, seed: int = 42) -> tuple[Path, Path]:
    """Writes the two raw sources from the synthetic manifest (a stand-in for the real exports)."""
    raw_dir.mkdir(parents=True, exist_ok=True)
    df = make_passengers(seed=seed)
    manifest = raw_dir / "manifest.csv"
    df[MANIFEST_COLUMNS].to_csv(manifest, index=False)
    tickets = df[["passenger_id", "fare", "embarked"]].assign(sold_at="1912-04-01")
    # The ticketing system re-issues some tickets: the older sale must lose to the newer one.
    reissued = tickets.sample(frac=0.03, random_state=seed).assign(sold_at="1912-03-20", fare=lambda t: t["fare"] * 0.9)
    database = raw_dir / "tickets.sqlite"
    database.unlink(missing_ok=True)
    with sqlite3.connect(database) as connection:
        pd.concat([tickets, reissued]).to_sql("ticket_sales", connection, index=False)
    return manifest, database


def read_manifest(path: Path) -> pd.DataFrame:
    """The manifest CSV export, with the columns it must have."""
    df = pd.read_csv(path)
    missing = set(MANIFEST_COLUMNS) - set(df.columns)
    if missing:
        raise ValueError(f"{path}: manifest lacks columns {sorted(missing)}")
    return df[MANIFEST_COLUMNS]


def read_tickets(database: Path) -> pd.DataFrame:
    """The newest ticket sale per passenger from the ticketing database."""
    query = """
        SELECT passenger_id, fare, embarked, sold_at FROM ticket_sales AS t
        WHERE sold_at = (SELECT MAX(sold_at) FROM ticket_sales WHERE passenger_id = t.passenger_id)
    """
    with sqlite3.connect(database) as connection:
        tickets = pd.read_sql_query(query, connection)
    return tickets.drop_duplicates("passenger_id", keep="last")


def merge(manifest: pd.DataFrame, tickets: pd.DataFrame) -> pd.DataFrame:
    """One row per passenger; passengers without a ticket keep empty fare and port."""
    merged = manifest.merge(tickets.drop(columns="sold_at"), on="passenger_id", how="left", validate="one_to_one")
    return merged.sort_values("passenger_id").reset_index(drop=True)


def land(manifest_csv: Path, tickets_db: Path, out: Path) -> pd.DataFrame:
    """Reads both sources, merges them and writes the result atomically (a temp file, then a rename)."""
    merged = merge(read_manifest(manifest_csv), read_tickets(tickets_db))
    out.parent.mkdir(parents=True, exist_ok=True)
    temp = out.with_suffix(".tmp")
    merged.to_csv(temp, index=False)
    temp.replace(out)
    log.info("landed %d passengers from %s and %s into %s", len(merged), manifest_csv, tickets_db, out)
    return merged


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--raw", type=Path, default=Path("data/raw"))
    parser.add_argument("--out", type=Path, default=Path("data/passengers.csv"))
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    manifest, database = args.raw / "manifest.csv", args.raw / "tickets.sqlite"
    if not manifest.exists() or not database.exists():
        manifest, database = simulate_sources(args.raw)
    land(manifest, database, args.out)


if __name__ == "__main__":
    main()
