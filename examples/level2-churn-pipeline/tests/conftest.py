from pathlib import Path

import pandas as pd
import pytest

from churn import data

ROOT = Path(__file__).resolve().parents[1]
RAW_DIR = ROOT / "data" / "raw"
SNAPSHOT = "2024-06-30"


@pytest.fixture(scope="session")
def raw_frames():
    return data.load_raw(RAW_DIR)


@pytest.fixture(scope="session")
def dataset(raw_frames):
    return data.build_dataset(raw_frames, SNAPSHOT)


@pytest.fixture
def tiny_frames():
    """Three customers, hand-written so expected aggregates are easy to check."""
    customers = pd.DataFrame({
        "customer_id": ["A", "B", "C"],
        "signup_date": pd.to_datetime(["2023-01-01", "2024-03-15", "2022-06-01"]),
        "plan": ["basic", "premium", "standard"],
        "contract": ["monthly", "annual", "monthly"],
        "monthly_fee": [9.99, 34.99, 19.99],
        "region": ["north", "south", "east"],
        "age": [30, None, 55],
        "payment_method": ["card", "paypal", "card"],
        "churned": [1, 0, 0],
    })
    transactions = pd.DataFrame({
        "customer_id": ["A", "A", "A", "B", "A"],
        "date": pd.to_datetime(["2024-04-01", "2024-05-01", "2024-06-01", "2024-04-15", "2024-07-01"]),
        "amount": [9.99, 9.99, 9.99, 356.90, 9.99],
        "status": ["paid", "failed", "paid", "paid", "paid"],
    })
    tickets = pd.DataFrame({
        "customer_id": ["A", "A"],
        "opened_at": pd.to_datetime(["2024-05-02", "2024-06-10"]),
        "category": ["billing", "cancellation"],
        "priority": ["normal", "high"],
        "resolution_hours": [4.0, 10.0],
        "satisfaction": [2.0, None],
    })
    usage = pd.DataFrame({
        "customer_id": ["A", "A", "B", "B", "C", "C"],
        "month": ["2024-05", "2024-06"] * 3,
        "sessions": [20, 10, 5, 6, 30, 30],
        "minutes_used": [400.0, 200.0, 100.0, 150.0, 600.0, 600.0],
        "features_used": [3, 2, 5, 5, 4, 4],
    })
    return {"customers": customers, "transactions": transactions,
            "support_tickets": tickets, "usage_logs": usage}
