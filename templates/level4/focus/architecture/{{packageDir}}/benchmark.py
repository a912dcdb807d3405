"""Capacity numbers: how long training takes and how many payments per second are scored.

    python -m <package>.pipeline --step benchmark

writes ``reports/benchmark.json`` with the wall-clock time of the training step (the detectors,
the tracked search and the threshold), the latency percentiles and throughput of the model for
several batch sizes, the same for single ``POST /score`` requests through the whole HTTP stack
(FastAPI in process, feature lookup and routing included, no network), and the events per second
of the stream consumer with its feature enrichment. Those are the numbers one pod or one consumer
sustains; the HorizontalPodAutoscaler and the topic's partitions multiply them.
"""
from __future__ import annotations

import os
import time
from typing import Any, Dict, List
from unittest import mock

import numpy as np
import pandas as pd
from fastapi.testclient import TestClient

from . import champion, data, featurestore, routes, service, stream, train
from .features import as_model_input


def latency_summary(durations: List[float], rows_per_call: int) -> Dict[str, float]:
    seconds = np.asarray(durations)
    return {
        "p50_ms": float(np.percentile(seconds, 50) * 1000),
        "p95_ms": float(np.percentile(seconds, 95) * 1000),
        "throughput_rows_per_second": float(rows_per_call * len(seconds) / seconds.sum()),
    }


def time_training(config: Dict[str, Any]) -> Dict[str, float]:
    """Seconds for the whole training step, tuning included."""
    splits = {name: data.load_processed(config, name) for name in ("train", "val")}
    started = time.perf_counter()
    train.train(splits, config)
    return {"training_seconds": time.perf_counter() - started, "training_rows": len(splits["train"])}


def time_model(model: Any, frame: pd.DataFrame, batch_sizes: List[int], calls: int) -> Dict[str, Dict[str, float]]:
    """In-process scoring latency and throughput for each batch size."""
    results = {}
    for size in batch_sizes:
        batch = as_model_input(frame.sample(size, replace=True, random_state=size))
        durations = []
        for _ in range(calls):
            started = time.perf_counter()
            model.predict_proba(batch)
            durations.append(time.perf_counter() - started)
        results[f"batch_{size}"] = latency_summary(durations, size)
    return results


def payments(frame: pd.DataFrame) -> List[Dict[str, Any]]:
    """Rows of the processed log as the processor's authorisation requests."""
    return [{"transaction_id": row.transaction_id, "customer_id": int(row.customer_id),
             "merchant_id": int(row.merchant_id), "timestamp": pd.Timestamp(row.timestamp).strftime("%Y-%m-%d %H:%M:%S"),
             "amount": float(row.amount_eur), "currency": "EUR", "channel": row.channel, "category": row.category,
             "merchant_country": row.merchant_country} for row in frame.itertuples()]


def time_http(frame: pd.DataFrame, config: Dict[str, Any], calls: int) -> Dict[str, float]:
    """Latency and throughput of single ``POST /score`` requests through the service."""
    requests = payments(frame.head(calls))
    environment = {"MODEL_PATH": config["model"]["path"], "ROUTING_MODE": "off",
                   "PROFILES_PATH": config["feature_store"]["profiles_path"], "FEATURE_REPO": "no-feast-in-benchmark"}
    durations = []
    with mock.patch.dict(os.environ, environment):
        champion.routing.cache_clear()
        routes.feature_store.cache_clear()
        client = TestClient(service.app)
        for payment in requests:
            started = time.perf_counter()
            client.post("/score", json=payment).raise_for_status()
            durations.append(time.perf_counter() - started)
        champion.routing.cache_clear()
        routes.feature_store.cache_clear()
    return latency_summary(durations, 1)


def time_stream(frame: pd.DataFrame, config: Dict[str, Any], batch_size: int = 200) -> Dict[str, float]:
    """Events per second of the stream consumer, feature enrichment included."""
    model_path = config["model"]["path"]
    scorer = stream.StreamScorer(train.load_model(model_path), stream.threshold_for(model_path), "transaction_id",
                                 config["stream"]["required"], featurestore.stream_enricher(config))
    events = frame[config["stream"]["event_fields"]]
    started = time.perf_counter()
    for batch in stream.replay_batches(events, batch_size):
        scorer.process(batch)
    elapsed = time.perf_counter() - started
    return {"events": len(events), "seconds": elapsed, "events_per_second": len(events) / elapsed}


def benchmark(config: Dict[str, Any]) -> Dict[str, Any]:
    settings = config["benchmark"]
    test = data.load_processed(config, "test")
    model = train.load_model(config["model"]["path"])
    return {
        **time_training(config),
        "model": time_model(model, test, settings["batch_sizes"], settings["calls"]),
        "http_score": time_http(test, config, settings["calls"]),
        "stream": time_stream(test, config),
        "cpu_count": os.cpu_count(),
    }
