"""Capacity numbers: how long training takes and how many predictions per second are served.

    python -m <package>.pipeline --step benchmark

writes ``reports/benchmark.json`` with the wall-clock time of tuning and training, the latency
percentiles and throughput of the model for several request sizes, and the same for the whole
HTTP stack (FastAPI in process, without network), which is what a single worker can sustain.
"""
from __future__ import annotations

import os
import time
from typing import Any, Dict, List
from unittest import mock

import numpy as np
import pandas as pd
from fastapi.testclient import TestClient

from . import service, train
from .data import TARGET
from .features import RAW_FEATURES
from .recommend import records


def time_training(splits: Dict[str, pd.DataFrame], config: Dict[str, Any]) -> Dict[str, float]:
    """Seconds for the full training step (tuning included) and for one fit of the chosen model."""
    started = time.perf_counter()
    result = train.train(splits, config)
    training_seconds = time.perf_counter() - started
    started = time.perf_counter()
    train.with_features(result.model.named_steps["model"]).fit(splits["train"][RAW_FEATURES], splits["train"][TARGET])
    return {"training_seconds": training_seconds, "final_fit_seconds": time.perf_counter() - started}


def latency_summary(durations: List[float], rows_per_call: int) -> Dict[str, float]:
    seconds = np.asarray(durations)
    return {
        "p50_ms": float(np.percentile(seconds, 50) * 1000),
        "p95_ms": float(np.percentile(seconds, 95) * 1000),
        "throughput_rows_per_second": float(rows_per_call * len(seconds) / seconds.sum()),
    }


def time_model(model: Any, frame: pd.DataFrame, batch_sizes: List[int], calls: int) -> Dict[str, Dict[str, float]]:
    """In-process scoring latency and throughput for each request size."""
    results = {}
    for size in batch_sizes:
        batch = frame[RAW_FEATURES].sample(size, replace=True, random_state=size)
        durations = []
        for _ in range(calls):
            started = time.perf_counter()
            model.predict_proba(batch)
            durations.append(time.perf_counter() - started)
        results[f"batch_{size}"] = latency_summary(durations, size)
    return results


def time_http(frame: pd.DataFrame, model_path: str, calls: int) -> Dict[str, float]:
    """Latency and throughput of single-record POST /predict requests through the service."""
    payloads = records(frame[RAW_FEATURES].astype({"timestamp": str}))
    durations = []
    with mock.patch.dict(os.environ, {"MODEL_PATH": model_path}):
        client = TestClient(service.app)
        for i in range(calls):
            started = time.perf_counter()
            response = client.post("/predict", json={"records": [payloads[i % len(payloads)]]})
            durations.append(time.perf_counter() - started)
            response.raise_for_status()
    return latency_summary(durations, 1)


def benchmark(config: Dict[str, Any], splits: Dict[str, pd.DataFrame]) -> Dict[str, Any]:
    settings = config["benchmark"]
    model = train.load_model(config["model"]["path"])
    return {
        **time_training(splits, config),
        "model": time_model(model, splits["test"], settings["batch_sizes"], settings["calls"]),
        "http_predict": time_http(splits["test"], config["model"]["path"], settings["calls"]),
        "cpu_count": os.cpu_count(),
    }
