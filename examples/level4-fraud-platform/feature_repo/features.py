"""Feast definitions for the card-level features used at scoring time.

The offline source is the snapshot written by ``python -m fraud.data``
(one row per transaction, card state *after* that transaction). Materialising
it loads the latest state of every card into Redis.

    cd feature_repo && feast apply && feast materialize-incremental $(date -u +%FT%T)
"""
from datetime import timedelta

from feast import Entity, FeatureService, FeatureView, Field, FileSource
from feast.types import Float64, Int64

card = Entity(
    name="card",
    join_keys=["card_id"],
    description="Payment card (tokenised PAN)",
)

card_snapshot_source = FileSource(
    name="card_snapshot",
    path="../data/features/card_features.parquet",
    timestamp_field="event_timestamp",
    created_timestamp_column="created",
)

card_features = FeatureView(
    name="card_features",
    entities=[card],
    ttl=timedelta(days=30),
    schema=[
        Field(name="card_txn_count_1h", dtype=Float64),
        Field(name="card_txn_count_24h", dtype=Float64),
        Field(name="card_amount_sum_24h", dtype=Float64),
        Field(name="card_amount_mean_30d", dtype=Float64),
        Field(name="card_amount_std_30d", dtype=Float64),
        Field(name="card_last_txn_epoch", dtype=Int64),
    ],
    online=True,
    source=card_snapshot_source,
    tags={"team": "fraud-ml", "pii": "false"},
)

fraud_scoring = FeatureService(
    name="fraud_scoring",
    features=[card_features],
    description="Everything the online scorer reads per request",
)
