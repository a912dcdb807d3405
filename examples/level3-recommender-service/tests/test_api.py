import time

import pytest
from fastapi.testclient import TestClient

from recommender.api import create_app
from recommender.resilience import CircuitBreaker, CircuitOpenError


@pytest.fixture
def client(settings, artifacts):
    with TestClient(create_app(settings)) as c:
        yield c


def test_health_reports_loaded_model(client):
    body = client.get("/health").json()
    assert body == {"status": "ok", "model_loaded": True, "model_version": "test123",
                    "circuit": "closed"}


def test_recommend_returns_k_model_items(client):
    resp = client.post("/recommend", json={"user_id": "u0001", "k": 5})
    assert resp.status_code == 200
    body = resp.json()
    assert body["source"] == "model"
    assert len(body["items"]) == 5 == len(set(body["items"]))
    assert body["scores"] == sorted(body["scores"], reverse=True)


def test_recommend_respects_exclusions(client):
    first = client.post("/recommend", json={"user_id": "u0002", "k": 3}).json()["items"]
    again = client.post("/recommend", json={"user_id": "u0002", "k": 3, "exclude": first}).json()
    assert not set(first) & set(again["items"])


def test_invalid_k_is_rejected(client):
    assert client.post("/recommend", json={"user_id": "u1", "k": 0}).status_code == 422


def test_model_error_falls_back_to_popular_items(client, monkeypatch):
    service = client.app.state.service

    def boom(*args, **kwargs):
        raise RuntimeError("model exploded")

    monkeypatch.setattr(service.recommender, "recommend", boom)
    body = client.post("/recommend", json={"user_id": "u0001", "k": 4}).json()
    assert body["source"] == "fallback"
    assert body["items"] == service.popular[:4]


def test_slow_model_times_out_to_fallback(client, monkeypatch):
    service = client.app.state.service
    monkeypatch.setattr(service.recommender, "recommend", lambda *a, **k: time.sleep(1.0))
    body = client.post("/recommend", json={"user_id": "u0001", "k": 3}).json()
    assert body["source"] == "fallback"


def test_missing_model_serves_fallback(settings, tmp_path):
    with TestClient(create_app(settings, artifacts_dir=tmp_path / "nothing-here")) as c:
        assert c.get("/health").json()["status"] == "degraded"
        assert c.post("/recommend", json={"user_id": "u1"}).json()["source"] == "fallback"


def test_metrics_endpoint_exposes_latency_and_ctr_counters(client):
    client.post("/recommend", json={"user_id": "u0003", "k": 2})
    client.post("/feedback", json={"user_id": "u0003", "item_id": "i0001"})
    text = client.get("/metrics/").text
    assert "recommender_request_latency_seconds_bucket" in text
    assert "recommender_impressions_total" in text
    assert "recommender_clicks_total" in text


def test_circuit_breaker_opens_and_recovers():
    now = [0.0]
    breaker = CircuitBreaker(failure_threshold=2, reset_timeout=10, clock=lambda: now[0])

    def fail():
        raise ValueError

    for _ in range(2):
        with pytest.raises(ValueError):
            breaker.call(fail)
    assert breaker.state == "open"
    with pytest.raises(CircuitOpenError):
        breaker.call(lambda: "ok")

    now[0] = 11.0
    assert breaker.state == "half_open"
    assert breaker.call(lambda: "ok") == "ok"
    assert breaker.state == "closed"
