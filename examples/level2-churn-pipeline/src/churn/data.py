"""Loading, cleaning and merging the raw churn data sources.

Three behavioural sources are joined onto the customer table:

* ``transactions.csv``    - monthly payments (paid / failed / refunded)
* ``support_tickets.csv`` - tickets raised with customer support
* ``usage_logs.csv``      - monthly product usage aggregates

All aggregates are computed *as of* the snapshot date so that nothing
from the label window leaks into the features.
"""
from __future__ import annotations

import logging
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.model_selection import train_test_split

log = logging.getLogger(__name__)

REQUIRED_COLUMNS = {
    "customers": {"customer_id", "signup_date", "plan", "contract", "monthly_fee", "churned"},
    "transactions": {"customer_id", "date", "amount", "status"},
    "support_tickets": {"customer_id", "opened_at", "category", "resolution_hours"},
    "usage_logs": {"customer_id", "month", "sessions", "minutes_used"},
}
DATE_COLUMNS = {
    "customers": ["signup_date"],
    "transactions": ["date"],
    "support_tickets": ["opened_at"],
    "usage_logs": [],
}


def load_raw(raw_dir: str | Path) -> dict[str, pd.DataFrame]:
    raw_dir = Path(raw_dir)
    frames = {}
    for name, required in REQUIRED_COLUMNS.items():
        df = pd.read_csv(raw_dir / f"{name}.csv", parse_dates=DATE_COLUMNS[name])
        missing = required - set(df.columns)
        if missing:
            raise ValueError(f"{name}.csv is missing columns: {sorted(missing)}")
        frames[name] = df
        log.info("loaded %s: %d rows", name, len(df))
    if frames["customers"]["customer_id"].duplicated().any():
        raise ValueError("customers.csv contains duplicate customer_id values")
    return frames


def aggregate_transactions(tx: pd.DataFrame, snapshot: pd.Timestamp) -> pd.DataFrame:
    tx = tx[tx["date"] <= snapshot].copy()
    tx["is_failed"] = (tx["status"] == "failed").astype(int)
    tx["is_refund"] = (tx["status"] == "refunded").astype(int)
    tx["paid_amount"] = tx["amount"].where(tx["status"] == "paid", 0.0)
    agg = tx.groupby("customer_id").agg(
        n_transactions=("amount", "size"),
        total_spend=("paid_amount", "sum"),
        n_failed_payments=("is_failed", "sum"),
        n_refunds=("is_refund", "sum"),
        last_payment=("date", "max"),
    )
    agg["failed_payment_ratio"] = agg["n_failed_payments"] / agg["n_transactions"]
    agg["days_since_last_payment"] = (snapshot - agg.pop("last_payment")).dt.days
    return agg


def aggregate_tickets(tickets: pd.DataFrame, snapshot: pd.Timestamp) -> pd.DataFrame:
    tickets = tickets[tickets["opened_at"] <= snapshot]
    counts = pd.crosstab(tickets["customer_id"], tickets["category"]).add_prefix("tickets_")
    agg = tickets.groupby("customer_id").agg(
        n_tickets=("category", "size"),
        mean_resolution_hours=("resolution_hours", "mean"),
        mean_satisfaction=("satisfaction", "mean"),
    )
    return agg.join(counts)


def aggregate_usage(usage: pd.DataFrame) -> pd.DataFrame:
    usage = usage.sort_values(["customer_id", "month"])
    agg = usage.groupby("customer_id").agg(
        avg_sessions=("sessions", "mean"),
        avg_minutes=("minutes_used", "mean"),
        avg_features_used=("features_used", "mean"),
        first_minutes=("minutes_used", "first"),
        last_minutes=("minutes_used", "last"),
    )
    # relative change between first and last month; >0 means growing usage
    agg["usage_trend"] = (agg["last_minutes"] - agg["first_minutes"]) / (agg["first_minutes"] + 1.0)
    return agg.drop(columns=["first_minutes", "last_minutes"])


def build_dataset(frames: dict[str, pd.DataFrame], snapshot_date: str) -> pd.DataFrame:
    """One row per customer with behavioural aggregates and the churn label."""
    snapshot = pd.Timestamp(snapshot_date)
    customers = frames["customers"].set_index("customer_id")
    df = (
        customers.join(aggregate_transactions(frames["transactions"], snapshot))
        .join(aggregate_tickets(frames["support_tickets"], snapshot))
        .join(aggregate_usage(frames["usage_logs"]))
    )
    df["tenure_days"] = (snapshot - df.pop("signup_date")).dt.days

    # customers without tickets / payments simply have zero counts
    count_cols = [c for c in df.columns if c.startswith(("n_", "tickets_"))]
    df[count_cols] = df[count_cols].fillna(0).astype(int)
    df["failed_payment_ratio"] = df["failed_payment_ratio"].fillna(0.0)
    df["total_spend"] = df["total_spend"].fillna(0.0)
    df["days_since_last_payment"] = df["days_since_last_payment"].fillna(df["tenure_days"])
    df = df.replace([np.inf, -np.inf], np.nan)
    log.info("built dataset: %d customers, %d columns", *df.shape)
    return df.reset_index()


def split_data(df: pd.DataFrame, target: str, test_size: float, val_size: float, seed: int):
    """Stratified train / validation / test split.

    ``val_size`` is taken from what is left after the test set is removed.
    """
    train_val, test = train_test_split(
        df, test_size=test_size, stratify=df[target], random_state=seed
    )
    train, val = train_test_split(
        train_val, test_size=val_size, stratify=train_val[target], random_state=seed
    )
    return train.reset_index(drop=True), val.reset_index(drop=True), test.reset_index(drop=True)


def xy(df: pd.DataFrame, target: str) -> tuple[pd.DataFrame, pd.Series]:
    return df.drop(columns=[target, "customer_id"]), df[target].astype(int)
