"""Real-time scoring API with champion/challenger routing.

Routing modes (serving.routing_mode):
* ``shadow`` - the champion decides; the challenger scores the same transaction
  in the background and both results are logged for offline comparison.
* ``ab``     - a stable ``challenger_traffic`` share of cards (hash of card_id)
  is decided by the challenger.

Also answers SageMaker's container contract (``/ping``, ``/invocations``).
"""
from __future__ import annotations

import hashlib
import logging
import os
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from datetime import datetime
from pathlib import Path

from fastapi import FastAPI
from prometheus_client import Counter, Gauge, Histogram, make_asgi_app
from pydantic import BaseModel, Field

from .config import load_config
from .scoring import FeastFeatureClient, Scorer, rule_based_score

log = logging.getLogger("fraud.api")
_pool = ThreadPoolExecutor(max_workers=16, thread_name_prefix="fraud")

LATENCY = Histogram("fraud_request_latency_seconds", "Scoring latency", ["endpoint"],
                    buckets=(0.005, 0.01, 0.02, 0.03, 0.05, 0.075, 0.1, 0.2, 0.5, 1.0))
DECISIONS = Counter("fraud_decisions_total", "Decisions by model variant", ["variant", "decision"])
SCORES = Histogram("fraud_score", "Distribution of fraud scores", ["variant"],
                   buckets=[i / 20 for i in range(1, 21)])
FALLBACKS = Counter("fraud_fallback_total", "Degraded responses", ["reason"])
SHADOW_DISAGREEMENTS = Counter("fraud_shadow_disagreements_total",
                               "Champion and challenger decisions differ")
MODEL_INFO = Gauge("fraud_model_info", "Loaded model versions", ["variant", "version"])


class Transaction(BaseModel):
    transaction_id: str
    card_id: str
    merchant_id: str
    merchant_category: str
    amount: float = Field(ge=0)
    country: str = Field(min_length=2, max_length=2)
    card_country: str = Field(min_length=2, max_length=2)
    channel: str = Field(pattern="^(pos|online)$")
    ts: datetime


class ScoreResponse(BaseModel):
    transaction_id: str
    score: float
    decision: str
    variant: str
    model_version: str
    degraded: bool = False


def assign_variant(card_id: str, mode: str, challenger_share: float, has_challenger: bool) -> str:
    if mode != "ab" or not has_challenger:
        return "champion"
    bucket = int(hashlib.md5(card_id.encode()).hexdigest()[:8], 16) / 0xFFFFFFFF
    return "challenger" if bucket < challenger_share else "champion"


def create_app(cfg: dict | None = None, champion: Scorer | None = None,
               challenger: Scorer | None = None, feature_client=None) -> FastAPI:
    state: dict = {}

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        conf = cfg or load_config()
        s = conf["serving"]
        thresholds = {"review_threshold": s["review_threshold"],
                      "decline_threshold": s["decline_threshold"]}
        state["cfg"] = s
        # CHAMPION_DIR is set by SageMaker deployments (model unpacked to /opt/ml/model)
        champion_dir = os.environ.get("CHAMPION_DIR", s["champion_dir"])
        state["champion"] = champion or Scorer.load(champion_dir, **thresholds)
        state["challenger"] = challenger
        if challenger is None and Path(s["challenger_dir"], "bundle.joblib").exists():
            state["challenger"] = Scorer.load(s["challenger_dir"], **thresholds)
        state["features"] = feature_client or FeastFeatureClient(s["feast_repo"])
        for variant in ("champion", "challenger"):
            if state[variant] is not None:
                MODEL_INFO.labels(variant, state[variant].version).set(1)
        log.info("models loaded champion=%s challenger=%s mode=%s", state["champion"].version,
                 getattr(state["challenger"], "version", None), s["routing_mode"])
        yield

    app = FastAPI(title="fraud-scoring", version="2.4.1", lifespan=lifespan)
    app.mount("/metrics", make_asgi_app())

    def card_features(txn: Transaction) -> tuple[dict, bool]:
        timeout = state["cfg"]["feature_timeout_ms"] / 1000
        try:
            return _pool.submit(state["features"].get_card_features, txn.card_id).result(timeout), False
        except Exception as exc:  # timeout or store outage: score with new-card defaults
            FALLBACKS.labels("feature_store").inc()
            log.warning("feature lookup failed for %s: %r", txn.card_id, exc)
            return {}, True

    def shadow_score(scorer: Scorer, payload: dict, feats: dict, champion_decision: str) -> None:
        try:
            score = scorer.score_one(payload, feats)
        except Exception:
            log.exception("shadow scoring failed")
            return
        decision = scorer.decide(score)
        SCORES.labels("challenger").observe(score)
        DECISIONS.labels("challenger_shadow", decision).inc()
        if decision != champion_decision:
            SHADOW_DISAGREEMENTS.inc()
        log.info("shadow tx=%s challenger_score=%.4f challenger_decision=%s champion_decision=%s",
                 payload["transaction_id"], score, decision, champion_decision)

    def score(txn: Transaction) -> ScoreResponse:
        start = time.perf_counter()
        s = state["cfg"]
        payload = txn.model_dump()
        feats, degraded = card_features(txn)
        variant = assign_variant(txn.card_id, s["routing_mode"], s["challenger_traffic"],
                                 state["challenger"] is not None)
        scorer: Scorer = state[variant]
        try:
            value, version = scorer.score_one(payload, feats), scorer.version
        except Exception:
            log.exception("model scoring failed, using rules for %s", txn.transaction_id)
            FALLBACKS.labels("model_error").inc()
            value, version, degraded, variant = rule_based_score(payload), "rules", True, "rules"
        decision = scorer.decide(value)

        if s["routing_mode"] == "shadow" and state["challenger"] is not None:
            _pool.submit(shadow_score, state["challenger"], payload, feats, decision)

        SCORES.labels(variant).observe(value)
        DECISIONS.labels(variant, decision).inc()
        LATENCY.labels("score").observe(time.perf_counter() - start)
        log.info("scored tx=%s variant=%s version=%s score=%.4f decision=%s degraded=%s",
                 txn.transaction_id, variant, version, value, decision, degraded)
        return ScoreResponse(transaction_id=txn.transaction_id, score=round(value, 5),
                             decision=decision, variant=variant, model_version=version,
                             degraded=degraded)

    @app.get("/health")
    def health():
        return {"status": "ok", "champion": state["champion"].version,
                "challenger": getattr(state["challenger"], "version", None),
                "routing_mode": state["cfg"]["routing_mode"]}

    @app.get("/ping")
    def ping():
        return {"status": "ok"}

    @app.post("/score", response_model=ScoreResponse)
    def score_endpoint(txn: Transaction):
        return score(txn)

    @app.post("/invocations", response_model=ScoreResponse)
    def invocations(txn: Transaction):
        return score(txn)

    return app


app = create_app()


def serve() -> None:
    """Console entry point (``serve``); SageMaker runs the image as ``docker run <img> serve``."""
    import uvicorn

    logging.basicConfig(level=os.environ.get("LOG_LEVEL", "INFO"),
                        format="%(asctime)s %(levelname)s %(name)s %(message)s")
    uvicorn.run("fraud.api:app", host="0.0.0.0", port=int(os.environ.get("PORT", "8080")),
                workers=int(os.environ.get("WORKERS", "2")))
