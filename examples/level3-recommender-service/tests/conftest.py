"""Synthetic interaction data shared by the tests (the real data lives in DVC)."""
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from recommender.config import load_config

CATEGORIES = ["news", "sport", "drama", "comedy", "documentary"]


def make_synthetic(n_users=80, n_items=60, days=28, impressions_per_day=120, seed=0):
    rng = np.random.default_rng(seed)
    start = pd.Timestamp("2024-05-01")
    items = pd.DataFrame({
        "item_id": [f"i{i:04d}" for i in range(n_items)],
        "category": rng.choice(CATEGORIES, n_items),
        "duration_min": rng.integers(3, 90, n_items),
        "published_at": start - pd.to_timedelta(rng.integers(0, 120, n_items), unit="D"),
    })
    quality = rng.beta(2, 8, n_items)
    users = pd.DataFrame({
        "user_id": [f"u{u:04d}" for u in range(n_users)],
        "country": rng.choice(["DE", "FR", "NL"], n_users),
        "signup_date": start - pd.to_timedelta(rng.integers(0, 400, n_users), unit="D"),
    })
    favourite = rng.choice(CATEGORIES, n_users)

    n = days * impressions_per_day
    u = rng.integers(0, n_users, n)
    i = rng.integers(0, n_items, n)
    match = favourite[u] == items["category"].to_numpy()[i]
    p = np.clip(quality[i] + 0.25 * match, 0, 0.95)
    clicked = (rng.random(n) < p).astype(int)
    interactions = pd.DataFrame({
        "user_id": users["user_id"].to_numpy()[u],
        "item_id": items["item_id"].to_numpy()[i],
        "ts": start + pd.to_timedelta(rng.integers(0, days * 86400, n), unit="s"),
        "clicked": clicked,
        "watch_seconds": clicked * rng.integers(30, 3000, n),
    }).sort_values("ts", ignore_index=True)
    return interactions, items, users


@pytest.fixture(scope="session")
def synthetic():
    return make_synthetic()


@pytest.fixture
def settings(tmp_path):
    cfg = load_config(Path(__file__).resolve().parents[1] / "configs" / "config.yaml")
    return cfg.model_copy(update={
        "train": cfg.train.model_copy(update={"artifacts_dir": tmp_path / "artifacts"}),
    })


@pytest.fixture
def artifacts(settings, synthetic):
    """A small trained model + feature builder written like train.py does."""
    import joblib
    from sklearn.ensemble import HistGradientBoostingClassifier

    from recommender.features import FeatureBuilder

    interactions, items, _ = synthetic
    builder = FeatureBuilder().fit(interactions, items)
    model = HistGradientBoostingClassifier(max_iter=30, random_state=0)
    model.fit(builder.transform(interactions), interactions["clicked"])

    out = settings.train.artifacts_dir
    out.mkdir(parents=True)
    joblib.dump(model, out / "model.joblib")
    joblib.dump(builder, out / "feature_builder.joblib")
    (out / "popular_items.json").write_text(json.dumps(builder.popular_items(50)))
    (out / "model_meta.json").write_text(json.dumps({"version": "test123"}))
    return out
