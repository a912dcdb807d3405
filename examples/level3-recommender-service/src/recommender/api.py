"""Real-time recommendation API.

    uvicorn recommender.api:app --host 0.0.0.0 --port 8000

If the model is missing, slow or failing, requests are answered from the
popular-items list instead of returning an error.
"""
from __future__ import annotations

import json
import logging
import time
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from prometheus_client import Counter, Gauge, Histogram, make_asgi_app
from pydantic import BaseModel, Field

from .config import Settings, load_config
from .logging_utils import configure_logging
from .predict import Recommender
from .resilience import CircuitBreaker, CircuitOpenError, call_with_timeout

log = logging.getLogger("recommender.api")

REQUEST_LATENCY = Histogram(
    "recommender_request_latency_seconds", "Latency of API requests", ["endpoint"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.5, 1.0, 2.5),
)
RECOMMENDATIONS = Counter("recommender_recommendations_total",
                          "Recommendation responses by source", ["source"])
FALLBACKS = Counter("recommender_fallback_total", "Fallback responses by reason", ["reason"])
IMPRESSIONS = Counter("recommender_impressions_total", "Items shown to users")
CLICKS = Counter("recommender_clicks_total", "Clicks on recommended items")
CIRCUIT_OPEN = Gauge("recommender_circuit_open", "1 while the model circuit breaker is open")


class RecommendRequest(BaseModel):
    user_id: str
    k: int = Field(10, ge=1, le=100)
    exclude: list[str] = []


class RecommendResponse(BaseModel):
    user_id: str
    items: list[str]
    scores: list[float] | None = None
    source: str
    model_version: str


class Feedback(BaseModel):
    user_id: str
    item_id: str


class ServiceState:
    def __init__(self, settings: Settings, artifacts_dir: Path):
        self.settings = settings
        self.artifacts_dir = artifacts_dir
        self.recommender: Recommender | None = None
        self.popular: list[str] = []
        self.breaker = CircuitBreaker(settings.serving.breaker_failure_threshold,
                                      settings.serving.breaker_reset_seconds)

    def load(self) -> None:
        popular_path = self.artifacts_dir / "popular_items.json"
        if popular_path.exists():
            self.popular = [str(i) for i in json.loads(popular_path.read_text())]
        try:
            self.recommender = Recommender.load(self.artifacts_dir)
            log.info("model loaded", extra={"model_version": self.recommender.version})
        except Exception:  # serve the fallback rather than refusing to start
            log.exception("could not load model, serving popular items only")
            self.recommender = None


def create_app(settings: Settings | None = None, artifacts_dir: str | Path | None = None) -> FastAPI:
    state: ServiceState | None = None

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        nonlocal state
        configure_logging()
        cfg = settings or load_config()
        state = ServiceState(cfg, Path(artifacts_dir or cfg.train.artifacts_dir))
        state.load()
        app.state.service = state
        yield

    app = FastAPI(title="content-recommender", version="1.3.0", lifespan=lifespan)
    app.mount("/metrics", make_asgi_app())

    def fallback(req: RecommendRequest, reason: str) -> RecommendResponse:
        FALLBACKS.labels(reason=reason).inc()
        excluded = set(req.exclude)
        items = [i for i in state.popular if i not in excluded][: req.k]
        return RecommendResponse(user_id=req.user_id, items=items, source="fallback",
                                 model_version="popular-items")

    @app.get("/health")
    def health():
        model_ok = state is not None and state.recommender is not None
        return {
            "status": "ok" if model_ok else "degraded",
            "model_loaded": model_ok,
            "model_version": state.recommender.version if model_ok else None,
            "circuit": state.breaker.state if state else "unknown",
        }

    @app.post("/recommend", response_model=RecommendResponse)
    def recommend(req: RecommendRequest) -> RecommendResponse:
        start = time.perf_counter()
        serving = state.settings.serving
        reason = None
        if state.recommender is None:
            reason = "model_unavailable"
        else:
            try:
                ranked = state.breaker.call(
                    call_with_timeout, state.recommender.recommend, serving.timeout_ms / 1000,
                    req.user_id, req.k, serving.candidate_pool, req.exclude,
                )
                response = RecommendResponse(
                    user_id=req.user_id, items=[str(i) for i, _ in ranked],
                    scores=[round(s, 5) for _, s in ranked], source="model",
                    model_version=state.recommender.version)
            except CircuitOpenError:
                reason = "circuit_open"
            except TimeoutError:
                reason = "timeout"
            except Exception:
                log.exception("model call failed", extra={"user_id": req.user_id})
                reason = "error"
        if reason is not None:
            response = fallback(req, reason)

        CIRCUIT_OPEN.set(1 if state.breaker.state == "open" else 0)
        RECOMMENDATIONS.labels(source=response.source).inc()
        IMPRESSIONS.inc(len(response.items))
        elapsed = time.perf_counter() - start
        REQUEST_LATENCY.labels(endpoint="/recommend").observe(elapsed)
        log.info("recommendation served", extra={
            "user_id": req.user_id, "source": response.source, "fallback_reason": reason,
            "n_items": len(response.items), "latency_ms": round(elapsed * 1000, 2)})
        return response

    @app.post("/feedback", status_code=202)
    def feedback(event: Feedback):
        with REQUEST_LATENCY.labels(endpoint="/feedback").time():
            CLICKS.inc()
            log.info("click", extra={"user_id": event.user_id, "item_id": event.item_id})
        return {"accepted": True}

    return app


app = create_app()
