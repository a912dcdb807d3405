import pandas as pd
import pytest

from churn import data

from .conftest import SNAPSHOT


def test_load_raw_reads_every_source(raw_frames):
    assert set(raw_frames) == {"customers", "transactions", "support_tickets", "usage_logs"}
    assert pd.api.types.is_datetime64_any_dtype(raw_frames["transactions"]["date"])
    assert raw_frames["customers"]["customer_id"].is_unique


def test_load_raw_rejects_missing_columns(tmp_path, raw_frames):
    for name, df in raw_frames.items():
        df.to_csv(tmp_path / f"{name}.csv", index=False)
    raw_frames["usage_logs"].drop(columns=["sessions"]).to_csv(tmp_path / "usage_logs.csv", index=False)
    with pytest.raises(ValueError, match="usage_logs.csv is missing columns"):
        data.load_raw(tmp_path)


def test_aggregate_transactions_ignores_rows_after_snapshot(tiny_frames):
    agg = data.aggregate_transactions(tiny_frames["transactions"], pd.Timestamp(SNAPSHOT))
    a = agg.loc["A"]
    assert a["n_transactions"] == 3  # the July payment is after the snapshot
    assert a["n_failed_payments"] == 1
    assert a["total_spend"] == pytest.approx(2 * 9.99)
    assert a["failed_payment_ratio"] == pytest.approx(1 / 3)
    assert a["days_since_last_payment"] == 29


def test_aggregate_usage_trend_sign(tiny_frames):
    agg = data.aggregate_usage(tiny_frames["usage_logs"])
    assert agg.loc["A", "usage_trend"] < 0
    assert agg.loc["B", "usage_trend"] > 0
    assert agg.loc["C", "usage_trend"] == pytest.approx(0.0)


def test_build_dataset_fills_counts_for_inactive_customers(tiny_frames):
    df = data.build_dataset(tiny_frames, SNAPSHOT).set_index("customer_id")
    assert len(df) == 3
    assert df.loc["C", "n_tickets"] == 0
    assert df.loc["C", "n_transactions"] == 0
    assert df.loc["A", "tickets_cancellation"] == 1
    assert df.loc["B", "tenure_days"] == (pd.Timestamp(SNAPSHOT) - pd.Timestamp("2024-03-15")).days


def test_build_dataset_on_sample_data(dataset, raw_frames):
    assert len(dataset) == len(raw_frames["customers"])
    assert dataset["customer_id"].is_unique
    assert set(dataset["churned"].unique()) <= {0, 1}
    assert (dataset["n_transactions"] >= 0).all()


def test_split_is_disjoint_and_stratified(dataset):
    train, val, test = data.split_data(dataset, "churned", test_size=0.2, val_size=0.2, seed=1)
    ids = [set(part["customer_id"]) for part in (train, val, test)]
    assert not (ids[0] & ids[1]) and not (ids[0] & ids[2]) and not (ids[1] & ids[2])
    assert len(train) + len(val) + len(test) == len(dataset)
    assert len(test) == pytest.approx(0.2 * len(dataset), abs=1)
    overall = dataset["churned"].mean()
    for part in (train, val, test):
        assert part["churned"].mean() == pytest.approx(overall, abs=0.05)


def test_split_is_reproducible(dataset):
    first = data.split_data(dataset, "churned", 0.2, 0.2, seed=7)[2]["customer_id"].tolist()
    second = data.split_data(dataset, "churned", 0.2, 0.2, seed=7)[2]["customer_id"].tolist()
    assert first == second
