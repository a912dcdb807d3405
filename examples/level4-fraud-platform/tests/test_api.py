import numpy as np
import pytest
from fastapi.testclient import TestClient
from lightgbm import LGBMClassifier
from sklearn.ensemble import IsolationForest

from fraud.api import assign_variant, create_app
from fraud.config import load_config
from fraud.data import add_card_features, synthetic_transactions
from fraud.features import FraudFeaturizer
from fraud.models import AutoencoderDetector, FraudEnsemble
from fraud.scoring import InMemoryFeatureClient, Scorer

TXN = {"transaction_id": "tx_1", "card_id": "card_00001", "merchant_id": "m_1",
       "merchant_category": "grocery", "amount": 42.5, "country": "DE", "card_country": "DE",
       "channel": "pos", "ts": "2024-03-20T14:03:00"}


def _bundle(version, seed=0):
    df = add_card_features(synthetic_transactions(n_cards=80, days=20, fraud_cards=0.15, seed=seed))
    featurizer = FraudFeaturizer().fit(df)
    X, y = featurizer.transform(df), df["is_fraud"].to_numpy()
    gbm = LGBMClassifier(n_estimators=30, verbose=-1, random_state=seed).fit(X, y)
    iforest = IsolationForest(n_estimators=30, random_state=seed).fit(X[y == 0])
    ae = AutoencoderDetector(epochs=2, seed=seed).fit(X[y == 0]).quantize()
    ensemble = FraudEnsemble(gbm, iforest, ae).calibrate(X[y == 0])
    return {"featurizer": featurizer, "ensemble": ensemble, "version": version}


@pytest.fixture(scope="module")
def scorers():
    return Scorer(_bundle("champ-1")), Scorer(_bundle("chall-2", seed=1))


def _client(scorers, mode="shadow", share=0.1, features=None):
    cfg = load_config(overrides={"serving": {"routing_mode": mode, "challenger_traffic": share}})
    champion, challenger = scorers
    app = create_app(cfg, champion=champion, challenger=challenger,
                     feature_client=features or InMemoryFeatureClient())
    return TestClient(app)


def test_health_and_ping(scorers):
    with _client(scorers) as client:
        assert client.get("/ping").status_code == 200
        body = client.get("/health").json()
        assert body["champion"] == "champ-1" and body["challenger"] == "chall-2"


def test_shadow_mode_always_answers_with_champion(scorers):
    with _client(scorers, mode="shadow") as client:
        for i in range(20):
            resp = client.post("/score", json={**TXN, "card_id": f"card_{i:05d}"})
            assert resp.status_code == 200
            body = resp.json()
            assert body["variant"] == "champion" and body["model_version"] == "champ-1"
            assert 0.0 <= body["score"] <= 1.0
            assert body["decision"] in {"approve", "review", "decline"}


def test_ab_routing_is_sticky_and_roughly_proportional():
    cards = [f"card_{i:05d}" for i in range(5000)]
    variants = [assign_variant(c, "ab", 0.1, True) for c in cards]
    share = variants.count("challenger") / len(cards)
    assert 0.08 < share < 0.12
    assert variants == [assign_variant(c, "ab", 0.1, True) for c in cards]
    assert assign_variant("card_1", "ab", 1.0, has_challenger=False) == "champion"
    assert assign_variant("card_1", "shadow", 1.0, True) == "champion"


def test_ab_mode_serves_challenger_for_its_cards(scorers):
    with _client(scorers, mode="ab", share=1.0) as client:
        assert client.post("/score", json=TXN).json()["model_version"] == "chall-2"


def test_feature_store_outage_degrades_gracefully(scorers):
    class Broken:
        def get_card_features(self, card_id):
            raise ConnectionError("redis down")

    with _client(scorers, features=Broken()) as client:
        body = client.post("/score", json=TXN).json()
        assert body["degraded"] is True
        assert body["model_version"] == "champ-1"


def test_suspicious_burst_scores_higher(scorers):
    features = InMemoryFeatureClient({"card_00001": {
        "card_txn_count_1h": 6, "card_txn_count_24h": 7, "card_amount_sum_24h": 2400.0,
        "card_amount_mean_30d": 30.0, "card_amount_std_30d": 12.0, "card_seconds_since_last": 300}})
    risky = {**TXN, "amount": 900.0, "country": "BR", "channel": "online",
             "merchant_category": "electronics", "ts": "2024-03-20T03:10:00"}
    with _client(scorers, features=features) as client:
        normal = client.post("/score", json={**TXN, "card_id": "card_00002"}).json()["score"]
        assert client.post("/score", json=risky).json()["score"] > normal


def test_validation_and_metrics(scorers):
    with _client(scorers) as client:
        assert client.post("/score", json={**TXN, "channel": "fax"}).status_code == 422
        assert client.post("/score", json={**TXN, "amount": -1}).status_code == 422
        client.post("/invocations", json=TXN)
        text = client.get("/metrics/").text
        assert "fraud_request_latency_seconds_bucket" in text
        assert 'fraud_decisions_total{decision=' in text
        assert np.isfinite(float(text.count("fraud_score_bucket")))


def test_stream_scorer_scores_valid_records_and_skips_bad_ones(scorers):
    from fraud.stream import StreamScorer

    champion, _ = scorers
    stream = StreamScorer(champion, InMemoryFeatureClient(), consumer=None, producer=None,
                          output_topic="fraud-scores")
    records = [{**TXN, "transaction_id": f"tx_{i}"} for i in range(5)] + [{"garbage": True}]
    results = stream.process_batch(records)
    assert [r["transaction_id"] for r in results] == [f"tx_{i}" for i in range(5)]
    assert all(r["model_version"] == "champ-1" and 0 <= r["score"] <= 1 for r in results)
