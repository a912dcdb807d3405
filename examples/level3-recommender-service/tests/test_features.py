import numpy as np
import pandas as pd
import pytest

from recommender.data import temporal_split, validate
from recommender.features import FEATURE_COLUMNS, FeatureBuilder


def test_temporal_split_is_ordered_and_complete(synthetic):
    interactions, _, _ = synthetic
    train, val, test = temporal_split(interactions, val_days=7, test_days=7)
    assert len(train) + len(val) + len(test) == len(interactions)
    assert train["ts"].max() < val["ts"].min()
    assert val["ts"].max() < test["ts"].min()
    assert (test["ts"].max() - test["ts"].min()) <= pd.Timedelta(days=7)


def test_temporal_split_rejects_too_long_windows(synthetic):
    interactions, _, _ = synthetic
    with pytest.raises(ValueError):
        temporal_split(interactions, val_days=20, test_days=20)


def test_validate_rejects_unknown_items(synthetic):
    interactions, items, _ = synthetic
    with pytest.raises(ValueError, match="unknown items"):
        validate(interactions, items.iloc[5:])


def test_transform_returns_expected_columns_without_nans(synthetic):
    interactions, items, _ = synthetic
    builder = FeatureBuilder().fit(interactions, items)
    X = builder.transform(interactions.head(500))
    assert list(X.columns) == FEATURE_COLUMNS
    assert len(X) == 500
    assert not X.isna().any().any()


def test_smoothed_ctr_is_between_item_ctr_and_global(synthetic):
    interactions, items, _ = synthetic
    builder = FeatureBuilder(ctr_prior_strength=50).fit(interactions, items)
    stats = builder.item_stats_
    raw_ctr = stats["clicks"] / stats["impressions"]
    low = np.minimum(raw_ctr, builder.global_ctr_) - 1e-12
    high = np.maximum(raw_ctr, builder.global_ctr_) + 1e-12
    assert ((stats["ctr"] >= low) & (stats["ctr"] <= high)).all()


def test_cold_start_user_and_item_get_global_defaults(synthetic):
    interactions, items, _ = synthetic
    new_item = pd.DataFrame({"item_id": ["i9999"], "category": ["news"], "duration_min": [10],
                             "published_at": [pd.Timestamp("2024-05-20")]})
    builder = FeatureBuilder().fit(interactions, pd.concat([items, new_item]))
    X = builder.transform(pd.DataFrame({"user_id": ["brand-new-user"], "item_id": ["i9999"]}))
    row = X.iloc[0]
    assert row["item_is_new"] == 1
    assert row["item_ctr"] == pytest.approx(builder.global_ctr_)
    assert row["user_ctr"] == pytest.approx(builder.global_ctr_)
    assert row["user_category_affinity"] == pytest.approx(builder.global_mix_["news"])


def test_affinity_rows_sum_to_one(synthetic):
    interactions, items, _ = synthetic
    builder = FeatureBuilder().fit(interactions, items)
    sums = builder.affinity_.groupby(level=0).sum()
    np.testing.assert_allclose(sums.to_numpy(), 1.0)


def test_unfitted_builder_raises():
    with pytest.raises(RuntimeError):
        FeatureBuilder().transform(pd.DataFrame({"user_id": ["u1"], "item_id": ["i1"]}))
