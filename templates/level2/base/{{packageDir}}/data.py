"""The two raw sources (a CRM customer export and monthly usage from billing), generated here
because the project must run without downloads, then cleaned and joined into one table."""
from __future__ import annotations

import logging
from pathlib import Path

import numpy as np
import pandas as pd

log = logging.getLogger(__name__)

TARGET = "churned"


def make_raw_sources(n_customers: int, seed: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A customer export and a usage table with the mess real exports have: inconsistent category
    spellings, missing values, duplicated rows and a few impossible charges."""
    rng = np.random.default_rng(seed)
    ids = np.arange(100_000, 100_000 + n_customers)
    contract = rng.choice(["month-to-month", "one year", "two year"], n_customers, p=[0.55, 0.25, 0.20])
    tenure = np.where(contract == "month-to-month", rng.integers(1, 30, n_customers), rng.integers(6, 72, n_customers))
    internet = rng.choice(["fiber", "dsl", "none"], n_customers, p=[0.45, 0.35, 0.20])
    support_calls = rng.poisson(1.2, n_customers)
    monthly = np.round(20 + 45 * (internet == "fiber") + 20 * (internet == "dsl") + rng.normal(0, 8, n_customers), 2)
    logit = (-1.2 + 1.4 * (contract == "month-to-month") - 0.035 * tenure + 0.45 * support_calls
             + 0.6 * (internet == "fiber") + 0.01 * (monthly - 60))
    churned = (rng.random(n_customers) < 1 / (1 + np.exp(-logit + 1.0))).astype(int)
    spellings = {"month-to-month": ["month-to-month", "Month-to-month", "monthly"], "one year": ["one year", "One Year", "1yr"],
                 "two year": ["two year", "Two Year", "2yr"]}
    customers = pd.DataFrame({
        "customer_id": ids,
        "contract": [rng.choice(spellings[c]) for c in contract],
        "internet_service": internet,
        "tenure_months": tenure.astype(float),
        "senior": rng.random(n_customers) < 0.16,
        TARGET: churned,
    })
    customers.loc[rng.random(n_customers) < 0.05, "tenure_months"] = np.nan
    customers.loc[rng.random(n_customers) < 0.03, "internet_service"] = None
    usage = pd.DataFrame({
        "customer_id": ids,
        "monthly_charges": monthly,
        "support_calls": support_calls,
        "data_gb": np.round(rng.gamma(2.0, 8.0, n_customers) * (internet != "none"), 1),
    })
    usage.loc[rng.choice(n_customers, size=max(1, n_customers // 200), replace=False), "monthly_charges"] = -1.0
    usage = pd.concat([usage, usage.sample(frac=0.01, random_state=seed)], ignore_index=True)
    return customers, usage


def write_raw_sources(raw_dir: Path, n_customers: int, seed: int) -> None:
    raw_dir.mkdir(parents=True, exist_ok=True)
    customers, usage = make_raw_sources(n_customers, seed)
    customers.to_csv(raw_dir / "customers.csv", index=False)
    usage.to_csv(raw_dir / "usage.csv", index=False)


CONTRACTS = {"month-to-month": "month-to-month", "monthly": "month-to-month", "one year": "one year",
             "1yr": "one year", "two year": "two year", "2yr": "two year"}


def clean_customers(customers: pd.DataFrame) -> pd.DataFrame:
    """One spelling per contract type; unknown internet service made explicit."""
    out = customers.copy()
    out["contract"] = out["contract"].str.strip().str.lower().map(CONTRACTS)
    if out["contract"].isna().any():
        raise ValueError(f"unknown contract types in {sorted(customers.loc[out['contract'].isna(), 'contract'].unique())}")
    out["internet_service"] = out["internet_service"].fillna("unknown")
    return out


def clean_usage(usage: pd.DataFrame) -> pd.DataFrame:
    """Drops duplicated rows; negative charges are billing errors, so they become missing."""
    out = usage.drop_duplicates(subset="customer_id", keep="first").copy()
    out.loc[out["monthly_charges"] < 0, "monthly_charges"] = np.nan
    return out


def load_dataset(raw_dir: Path) -> pd.DataFrame:
    """The cleaned, joined table: one row per customer."""
    customers = clean_customers(pd.read_csv(raw_dir / "customers.csv"))
    usage = clean_usage(pd.read_csv(raw_dir / "usage.csv"))
    df = customers.merge(usage, on="customer_id", how="left", validate="one_to_one")
    log.info("loaded %d customers, churn rate %.1f%%", len(df), 100 * df[TARGET].mean())
    return df
