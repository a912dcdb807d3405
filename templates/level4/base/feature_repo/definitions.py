"""Feast definitions: the card holder, their profile (batch) and their card's activity (pushed).

The profile table is written by ``python -m <package>.pipeline --step features``; the activity
is pushed by the stream consumer (``featurestore.StreamFeatures``) after every batch. The field
names are the ones ``featurestore.PROFILE_COLUMNS`` and ``ACTIVITY_COLUMNS`` read, which
``tests/test_platform.py`` checks.
"""
from datetime import timedelta

from feast import Entity, FeatureService, FeatureView, Field, FileSource, PushSource
from feast.types import Array, Float64, Int64, String

card_holder = Entity(name="card_holder", join_keys=["customer_id"], description="A card holder of the bank")

profile_source = FileSource(
    name="card_holder_profiles",
    path="../data/features/card_holder_profiles.parquet",
    timestamp_field="event_timestamp",
)

card_holder_profile = FeatureView(
    name="card_holder_profile",
    entities=[card_holder],
    ttl=timedelta(days=400),
    schema=[
        Field(name="home_country", dtype=String),
        Field(name="card_issued", dtype=String),
        Field(name="age", dtype=Float64),
    ],
    source=profile_source,
    online=True,
)

activity_log = FileSource(
    name="card_activity_log",
    path="../data/features/card_activity.parquet",
    timestamp_field="event_timestamp",
)

card_activity_push = PushSource(name="card_activity_push", batch_source=activity_log)

card_activity = FeatureView(
    name="card_activity",
    entities=[card_holder],
    ttl=timedelta(days=30),
    schema=[
        Field(name="recent_timestamps", dtype=Array(Int64)),
        Field(name="recent_amounts", dtype=Array(Float64)),
        Field(name="merchants_seen", dtype=Array(Int64)),
        Field(name="last_seen", dtype=Int64),
    ],
    source=card_activity_push,
    online=True,
)

fraud_scoring = FeatureService(name="fraud_scoring", features=[card_holder_profile, card_activity])
