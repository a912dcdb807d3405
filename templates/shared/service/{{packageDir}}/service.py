"""HTTP service for the trained model: predictions, health and Prometheus metrics.

The service works with any scikit-learn compatible model saved with joblib. It loads the
model lazily from ``MODEL_PATH`` (default ``models/model.joblib``) and reloads it when the
file changes, so a retrained model is picked up without a restart.

Run it with ``uvicorn <package>.service:app``. Project-specific endpoints live in a sibling
module ``routes.py`` that defines a FastAPI ``APIRouter`` named ``router``; when that module
exists it is mounted on the app (see ``include_project_routes``). ``routes.py`` must not
import this module: it reaches the model through ``request.app.state.models``.
"""
from __future__ import annotations

import importlib
import json
import logging
import os
import threading
import time
from pathlib import Path
from typing import Any, Dict, List, Optional

import joblib
import numpy as np
import pandas as pd
from fastapi import APIRouter, FastAPI, HTTPException, Request, Response
from prometheus_client import CONTENT_TYPE_LATEST, Counter, Gauge, Histogram, generate_latest
from pydantic import BaseModel, conlist

DEFAULT_MODEL_PATH = "models/model.joblib"
MAX_RECORDS = 1000

REQUESTS = Counter(
    "model_requests_total", "HTTP requests served, by route, method and status.", ["route", "method", "status"]
)
LATENCY = Histogram(
    "model_request_latency_seconds",
    "Request latency in seconds, by route.",
    ["route"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5),
)
PREDICTIONS = Histogram(
    "model_prediction_score",
    "Predicted probability of the positive class (or the predicted value without predict_proba).",
    buckets=(0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0),
)
MODEL_LOADED = Gauge("model_loaded", "1 when a model is loaded and ready to predict, else 0.")


class JsonFormatter(logging.Formatter):
    """Formats log records as one JSON object per line, with any ``fields`` passed in ``extra``."""

    def format(self, record: logging.LogRecord) -> str:
        entry: Dict[str, Any] = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        entry.update(getattr(record, "fields", {}))
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str)


def get_logger(name: str = __name__) -> logging.Logger:
    """A logger that writes structured JSON lines to stderr (configured once)."""
    logger = logging.getLogger(name)
    if not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(JsonFormatter())
        logger.addHandler(handler)
        logger.setLevel(os.environ.get("LOG_LEVEL", "INFO"))
    return logger


logger = get_logger()


class ModelStore:
    """Loads the joblib model on first use and again whenever the file at ``MODEL_PATH`` changes."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._model: Any = None
        self._key: Optional[tuple] = None

    @staticmethod
    def path() -> Path:
        return Path(os.environ.get("MODEL_PATH", DEFAULT_MODEL_PATH))

    def get(self) -> Any:
        """The current model, or None when no model file exists."""
        path = self.path()
        if not path.is_file():
            MODEL_LOADED.set(0)
            return None
        key = (str(path.resolve()), path.stat().st_mtime_ns)
        with self._lock:
            if key != self._key:
                self._model = joblib.load(path)
                self._key = key
                logger.info("model loaded", extra={"fields": {"model_path": str(path)}})
        MODEL_LOADED.set(1)
        return self._model

    def require(self) -> Any:
        """The current model, or an HTTP 503 that says how to provide one."""
        model = self.get()
        if model is None:
            raise HTTPException(
                status_code=503,
                detail=f"No model loaded: {self.path()} does not exist. Train a model or set MODEL_PATH.",
            )
        return model


class PredictRequest(BaseModel):
    """Raw feature records, one dict per row, with the columns the model was trained on."""

    records: conlist(Dict[str, Any], min_items=1, max_items=MAX_RECORDS)  # type: ignore[valid-type]


class Prediction(BaseModel):
    prediction: Any
    probability: Optional[float] = None


class PredictResponse(BaseModel):
    predictions: List[Prediction]
    model_path: str


def to_frame(model: Any, records: List[Dict[str, Any]]) -> pd.DataFrame:
    """Builds the model's input frame; raises ValueError naming the columns that are missing."""
    frame = pd.DataFrame.from_records(records)
    expected = getattr(model, "feature_names_in_", None)
    if expected is None:
        return frame
    missing = [column for column in expected if column not in frame.columns]
    if missing:
        raise ValueError(f"missing feature(s): {', '.join(map(str, missing))}")
    return frame[list(expected)]


def predict_records(model: Any, frame: pd.DataFrame) -> List[Prediction]:
    """Predictions for each row; ``probability`` is P(positive class) for binary classifiers and
    the probability of the predicted class otherwise."""
    labels = np.asarray(model.predict(frame))
    probabilities: Optional[np.ndarray] = None
    if hasattr(model, "predict_proba"):
        proba = np.asarray(model.predict_proba(frame))
        probabilities = proba[:, 1] if proba.shape[1] == 2 else proba.max(axis=1)
    results = []
    for i, label in enumerate(labels):
        value = label.item() if isinstance(label, np.generic) else label
        probability = None if probabilities is None else float(probabilities[i])
        score = probability if probability is not None else value
        if isinstance(score, (int, float)):
            PREDICTIONS.observe(float(score))
        results.append(Prediction(prediction=value, probability=probability))
    return results


def include_project_routes(app: FastAPI, module: str = "routes") -> None:
    """Mounts ``router`` from the sibling module ``module`` when the project defines one."""
    if not __package__:
        return
    try:
        routes = importlib.import_module(f"{__package__}.{module}")
    except ModuleNotFoundError as error:
        if error.name == f"{__package__}.{module}":
            return
        raise
    router = getattr(routes, "router", None)
    if isinstance(router, APIRouter):
        app.include_router(router)
        logger.info("project routes mounted", extra={"fields": {"module": routes.__name__}})


app = FastAPI(title="Model service", version="1.0.0")
app.state.models = ModelStore()


@app.middleware("http")
async def observe_requests(request: Request, call_next):
    """Counts and times every request and logs it as one JSON line."""
    started = time.perf_counter()
    status = 500
    try:
        response = await call_next(request)
        status = response.status_code
        return response
    finally:
        elapsed = time.perf_counter() - started
        route = getattr(request.scope.get("route"), "path", "unmatched")
        REQUESTS.labels(route=route, method=request.method, status=str(status)).inc()
        LATENCY.labels(route=route).observe(elapsed)
        if route != "/metrics":
            logger.info(
                "request",
                extra={"fields": {"method": request.method, "route": route, "status": status,
                                  "latency_ms": round(elapsed * 1000, 2)}},
            )


@app.get("/health")
def health() -> Dict[str, Any]:
    """Liveness: the process is up; reports whether a model is loaded."""
    model = app.state.models.get()
    return {"status": "ok", "model_loaded": model is not None, "model_path": str(ModelStore.path())}


@app.get("/ready")
def ready() -> Dict[str, Any]:
    """Readiness: 200 only when a model is loaded and requests can be served."""
    app.state.models.require()
    return {"status": "ready"}


@app.post("/predict", response_model=PredictResponse)
def predict(request: PredictRequest) -> PredictResponse:
    """Predicts every record; 422 when features are missing, 503 when no model is loaded."""
    model = app.state.models.require()
    try:
        frame = to_frame(model, request.records)
        predictions = predict_records(model, frame)
    except (ValueError, KeyError, TypeError) as error:
        logger.warning("invalid records", extra={"fields": {"error": str(error)}})
        raise HTTPException(status_code=422, detail=str(error)) from error
    return PredictResponse(predictions=predictions, model_path=str(ModelStore.path()))


@app.get("/metrics")
def metrics() -> Response:
    """Prometheus metrics in the text exposition format."""
    return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)


include_project_routes(app)
