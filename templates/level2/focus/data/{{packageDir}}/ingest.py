"""Lands the raw sources: the customer export (CSV) and monthly usage from the billing database.

Billing exposes usage as a SQLite extract here; the query keeps each customer's latest month. Landing
is idempotent: the same inputs give byte-identical files under data/raw/.
"""
from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

import pandas as pd

from .data import make_raw_sources

log = logging.getLogger(__name__)


def simulate_billing_database(path: Path, n_customers: int, seed: int) -> Path:
    """Stands in for the billing system: usage rows per customer and month."""
    _, usage = make_raw_sources(n_customers, seed)
    months = pd.concat([usage.assign(month="2026-09"), usage.assign(month="2026-10")], ignore_index=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)
    with sqlite3.connect(path) as connection:
        months.to_sql("monthly_usage", connection, index=False)
    return path


def fetch_latest_usage(database: Path) -> pd.DataFrame:
    """Each customer's most recent month of usage."""
    query = """
        SELECT customer_id, monthly_charges, support_calls, data_gb FROM monthly_usage AS u
        WHERE month = (SELECT MAX(month) FROM monthly_usage WHERE customer_id = u.customer_id)
        ORDER BY customer_id
    """
    with sqlite3.connect(database) as connection:
        return pd.read_sql_query(query, connection)


def land(customers_csv: Path, billing_db: Path, raw_dir: Path) -> tuple[Path, Path]:
    """Copies the customer export and the latest usage into raw_dir, atomically."""
    raw_dir.mkdir(parents=True, exist_ok=True)
    outputs = []
    for frame, name in ((pd.read_csv(customers_csv), "customers.csv"), (fetch_latest_usage(billing_db), "usage.csv")):
        target = raw_dir / name
        temp = target.with_suffix(".tmp")
        frame.to_csv(temp, index=False)
        temp.replace(target)
        outputs.append(target)
        log.info("landed %d rows into %s", len(frame), target)
    return outputs[0], outputs[1]
