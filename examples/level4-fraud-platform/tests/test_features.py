import numpy as np
import pandas as pd
import pytest

from fraud.data import add_card_features, card_snapshot, synthetic_transactions, temporal_split
from fraud.features import (
    CARD_FEATURES,
    FEATURE_COLUMNS,
    NEW_CARD_GAP_SECONDS,
    FraudFeaturizer,
    card_window_features,
)


@pytest.fixture(scope="module")
def tx():
    return synthetic_transactions(n_cards=120, days=30, fraud_cards=0.1, seed=3)


def _card(times, amounts, card="c1"):
    return pd.DataFrame({"card_id": card, "ts": pd.to_datetime(times), "amount": amounts})


def test_window_features_exclude_the_current_transaction():
    df = _card(["2024-01-01 10:00", "2024-01-01 10:30", "2024-01-01 12:00"], [10.0, 20.0, 40.0])
    out = card_window_features(df, closed="left")
    assert out["card_txn_count_1h"].tolist() == [0, 1, 0]
    assert out["card_txn_count_24h"].tolist() == [0, 1, 2]
    assert out["card_amount_sum_24h"].tolist() == [0, 10, 30]
    assert np.isnan(out["card_amount_mean_30d"].iloc[0])
    assert out["card_seconds_since_last"].tolist() == [NEW_CARD_GAP_SECONDS, 1800, 5400]


def test_snapshot_includes_the_current_transaction():
    df = _card(["2024-01-01 10:00", "2024-01-01 10:30"], [10.0, 20.0])
    out = card_window_features(df, closed="right")
    assert out["card_txn_count_1h"].tolist() == [1, 2]
    assert "card_last_txn_epoch" in out and "card_seconds_since_last" not in out


def test_window_features_keep_cards_apart_and_preserve_index():
    df = pd.concat([_card(["2024-01-01 10:00", "2024-01-01 10:10"], [5.0, 6.0], "a"),
                    _card(["2024-01-01 10:05"], [100.0], "b")], ignore_index=True).sample(frac=1, random_state=0)
    out = card_window_features(df)
    assert out.index.equals(df.index)
    joined = df.join(out).sort_values("ts")
    assert joined["card_txn_count_1h"].tolist() == [0, 0, 1]


def test_featurizer_output_is_complete(tx):
    df = add_card_features(tx)
    X = FraudFeaturizer().fit(df).transform(df)
    assert list(X.columns) == FEATURE_COLUMNS
    assert not X.isna().any().any()
    assert set(X["is_foreign"].unique()) <= {0, 1}


def test_new_card_gets_defaults(tx):
    featurizer = FraudFeaturizer().fit(add_card_features(tx))
    row = tx.head(1).copy()
    row["merchant_category"] = "never-seen-before"
    X = featurizer.transform(row)  # no card feature columns at all
    assert X["card_txn_count_24h"].iloc[0] == 0
    assert X["card_seconds_since_last"].iloc[0] == NEW_CARD_GAP_SECONDS
    assert X["amount_zscore"].iloc[0] == 0
    assert X["mcc_risk"].iloc[0] == pytest.approx(featurizer.global_rate_)


def test_mcc_risk_is_shrunk_towards_global_rate():
    df = pd.DataFrame({"merchant_category": ["a"] * 10 + ["b"] * 990,
                       "is_fraud": [1] * 10 + [0] * 990})
    f = FraudFeaturizer(mcc_prior_strength=100).fit(df)
    assert f.global_rate_ < f.mcc_risk_["a"] < 1.0
    assert f.mcc_risk_["b"] < f.global_rate_


def test_temporal_split_has_fraud_in_every_part(tx):
    train, val, test = temporal_split(add_card_features(tx), val_days=7, test_days=7)
    assert train["ts"].max() <= val["ts"].min() and val["ts"].max() <= test["ts"].min()
    assert all(part["is_fraud"].sum() > 0 for part in (train, val, test))


def test_card_snapshot_matches_feast_schema(tx):
    snap = card_snapshot(tx)
    expected = {"card_id", "event_timestamp", "created", "card_last_txn_epoch",
                *[c for c in CARD_FEATURES if c != "card_seconds_since_last"]}
    assert set(snap.columns) == expected
    assert str(snap["event_timestamp"].dt.tz) == "UTC"
