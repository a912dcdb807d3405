"""Real-time scoring of an event stream: Kafka when it is reachable, an in-process replay otherwise.

Every message is one JSON record. The consumer

1. parses it; a malformed message, or one without the required fields, goes to the dead letters
   with the reason, instead of stopping the stream;
2. skips events it has already seen (Kafka delivers at least once: a consumer that restarts
   before committing gets the same batch again);
3. enriches it with an optional hook (``--enricher module:function``, a factory that receives the
   configuration and returns a callable from event to features; it may have a ``flush()`` that
   runs after every batch);
4. scores each micro-batch with the model at ``MODEL_PATH`` and raises an alert at or above the
   threshold recorded next to the model (``models/model.json``) or given with ``--threshold``;
5. publishes every decision to a sink: a Kafka topic, or a JSON-lines file.

    python -m <package>.stream --bootstrap-servers kafka:9092 --topic transactions --decisions-topic fraud-decisions
    python -m <package>.stream --replay data/processed/test.csv --output reports/stream/decisions.jsonl
    python -m <package>.stream --publish data/processed/test.csv --events-per-second 50   # feed Kafka for a demo

Offsets are committed only after a batch has been scored and published (at-least-once).
"""
from __future__ import annotations

import argparse
import importlib
import json
import logging
import math
import os
import time
from collections import OrderedDict
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Callable, Dict, Iterable, Iterator, List, Mapping, Optional, Sequence, Tuple

import joblib
import numpy as np
import pandas as pd
import yaml
from prometheus_client import Counter, Histogram, start_http_server

logger = logging.getLogger(__name__)

EVENTS = Counter("stream_events_total", "Stream events by outcome.", ["outcome"])
BATCH_SECONDS = Histogram("stream_batch_seconds", "Time to enrich, score and publish one micro-batch.",
                          buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5))
Enricher = Callable[[Mapping[str, Any]], Mapping[str, Any]]


class Deduplicator:
    """Remembers the last ``capacity`` event ids; older ones are forgotten first."""

    def __init__(self, capacity: int = 100_000):
        self.capacity = capacity
        self._seen: "OrderedDict[Any, None]" = OrderedDict()

    def seen(self, key: Any) -> bool:
        """True when ``key`` was seen before; records it otherwise."""
        if key in self._seen:
            self._seen.move_to_end(key)
            return True
        self._seen[key] = None
        if len(self._seen) > self.capacity:
            self._seen.popitem(last=False)
        return False


@dataclass
class StreamStats:
    received: int = 0
    scored: int = 0
    alerts: int = 0
    duplicates: int = 0
    dead_letters: int = 0
    batches: int = 0


def _json_safe(value: Any) -> Any:
    if isinstance(value, (np.integer, np.floating)):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


class StreamScorer:
    """Parses, de-duplicates, enriches and scores micro-batches of events."""

    def __init__(self, model: Any, threshold: float, id_field: str = "transaction_id",
                 required: Sequence[str] = (), enrich: Optional[Enricher] = None, capacity: int = 100_000):
        self.model = model
        self.threshold = threshold
        self.id_field = id_field
        self.required = [id_field, *[f for f in required if f != id_field]]
        self.enrich = enrich
        self.dedup = Deduplicator(capacity)
        self.stats = StreamStats()

    def _parse(self, message: Any) -> Dict[str, Any]:
        event = json.loads(message) if isinstance(message, (bytes, str)) else dict(message)
        if not isinstance(event, dict):
            raise ValueError("not a JSON object")
        missing = [f for f in self.required if event.get(f) is None]
        if missing:
            raise ValueError(f"missing field(s): {', '.join(missing)}")
        return event

    def process(self, messages: Iterable[Any]) -> Tuple[List[Dict[str, Any]], List[Dict[str, Any]]]:
        """Decisions for the new, valid events of one batch, and the dead letters."""
        rows, events, dead = [], [], []
        for message in messages:
            self.stats.received += 1
            try:
                event = self._parse(message)
            except (ValueError, TypeError) as error:
                dead.append({"message": message.decode() if isinstance(message, bytes) else str(message), "error": str(error)})
                continue
            if self.dedup.seen(event[self.id_field]):
                self.stats.duplicates += 1
                EVENTS.labels(outcome="duplicate").inc()
                continue
            try:
                row = dict(self.enrich(event)) if self.enrich is not None else event
            except Exception as error:  # one bad event must not stop the stream
                dead.append({"message": json.dumps(event, default=str), "error": f"enrichment failed: {error!r}"})
                continue
            rows.append(row)
            events.append(event)
        self.stats.dead_letters += len(dead)
        EVENTS.labels(outcome="dead_letter").inc(len(dead))
        if not rows:
            return [], dead
        frame = pd.DataFrame.from_records(rows)
        columns = getattr(self.model, "feature_names_in_", None)
        scores = self.model.predict_proba(frame[list(columns)] if columns is not None else frame)[:, 1]
        scored_at = pd.Timestamp.now(tz="UTC").isoformat()
        decisions = [{self.id_field: _json_safe(event[self.id_field]), "score": float(score),
                      "alert": bool(score >= self.threshold), "scored_at": scored_at,
                      **{key: _json_safe(event.get(key)) for key in self.required if key != self.id_field}}
                     for event, score in zip(events, scores)]
        alerts = sum(d["alert"] for d in decisions)
        self.stats.scored += len(decisions)
        self.stats.alerts += alerts
        EVENTS.labels(outcome="scored").inc(len(decisions))
        EVENTS.labels(outcome="alert").inc(alerts)
        return decisions, dead


def replay_batches(source: str | Path | pd.DataFrame, batch_size: int, time_column: str = "timestamp",
                   columns: Optional[Sequence[str]] = None) -> Iterator[List[str]]:
    """A CSV (or frame) as a stream of JSON messages in time order: the fallback without Kafka."""
    frame = pd.read_csv(source) if not isinstance(source, pd.DataFrame) else source
    if time_column in frame.columns:
        frame = frame.assign(**{time_column: frame[time_column].astype(str)}).sort_values(time_column, kind="stable")
    if columns is not None:
        frame = frame[[c for c in columns if c in frame.columns]]
    records = frame.astype(object).where(frame.notna(), None).to_dict(orient="records")
    for start in range(0, len(records), batch_size):
        yield [json.dumps(record, default=str) for record in records[start:start + batch_size]]


def kafka_batches(topic: str, bootstrap_servers: str, group_id: str, batch_size: int,
                  poll_ms: int = 1000) -> Iterator[List[bytes]]:
    """Batches from a Kafka topic; the offsets of a batch are committed when the next is asked for."""
    from kafka import KafkaConsumer  # optional dependency: pip install kafka-python

    consumer = KafkaConsumer(topic, bootstrap_servers=bootstrap_servers.split(","), group_id=group_id,
                             enable_auto_commit=False, auto_offset_reset="earliest")
    try:
        while True:
            polled = consumer.poll(timeout_ms=poll_ms, max_records=batch_size)
            messages = [record.value for records in polled.values() for record in records]
            if messages:
                yield messages
                consumer.commit()
    finally:
        consumer.close()


class JsonLinesSink:
    """Appends records to a JSON-lines file."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)

    def publish(self, records: List[Dict[str, Any]]) -> None:
        with self.path.open("a", encoding="utf-8") as handle:
            for record in records:
                handle.write(json.dumps(record, default=str) + "\n")


class KafkaSink:
    """Publishes records to a Kafka topic, keyed by ``key_field``."""

    def __init__(self, topic: str, bootstrap_servers: str, key_field: str):
        from kafka import KafkaProducer  # optional dependency: pip install kafka-python

        self.topic, self.key_field = topic, key_field
        self.producer = KafkaProducer(bootstrap_servers=bootstrap_servers.split(","), acks="all",
                                      value_serializer=lambda v: json.dumps(v, default=str).encode())

    def publish(self, records: List[Dict[str, Any]]) -> None:
        for record in records:
            self.producer.send(self.topic, value=record, key=str(record.get(self.key_field)).encode())
        self.producer.flush()


def publish_file(path: str | Path, topic: str, bootstrap_servers: str, key_field: str, events_per_second: float,
                 columns: Optional[Sequence[str]] = None) -> int:
    """Publishes a CSV to Kafka in time order, at a steady rate, keyed so that a card's events stay
    in one partition (and so in order)."""
    sink = KafkaSink(topic, bootstrap_servers, key_field)
    sent = 0
    for batch in replay_batches(path, batch_size=max(1, int(events_per_second)), columns=columns):
        started = time.perf_counter()
        sink.publish([json.loads(message) for message in batch])
        sent += len(batch)
        time.sleep(max(0.0, 1.0 - (time.perf_counter() - started)))
    return sent


def run(batches: Iterable[List[Any]], scorer: StreamScorer, sink: Any, dead_letters: Any,
        max_batches: Optional[int] = None) -> StreamStats:
    """Consumes ``batches`` until they end (or ``max_batches``); returns the counts."""
    flush = getattr(scorer.enrich, "flush", None)
    for batch in batches:
        started = time.perf_counter()
        decisions, dead = scorer.process(batch)
        if decisions:
            sink.publish(decisions)
        if dead:
            dead_letters.publish(dead)
        if flush is not None:
            flush()
        scorer.stats.batches += 1
        BATCH_SECONDS.observe(time.perf_counter() - started)
        if max_batches is not None and scorer.stats.batches >= max_batches:
            break
    logger.info("stream stats: %s", asdict(scorer.stats))
    return scorer.stats


def load_enricher(spec: Optional[str], config: Mapping[str, Any]) -> Optional[Enricher]:
    """``module:function`` -> the enricher that factory builds from the configuration."""
    if not spec:
        return None
    module, _, function = spec.partition(":")
    return getattr(importlib.import_module(module), function)(config)


def threshold_for(model_path: str | Path, default: float = 0.5) -> float:
    """The decision threshold recorded next to the model, if any."""
    metadata = Path(model_path).with_suffix(".json")
    return float(json.loads(metadata.read_text()).get("threshold", default)) if metadata.exists() else default


def main(argv: Optional[List[str]] = None) -> None:
    parser = argparse.ArgumentParser(description="Score an event stream in real time.")
    parser.add_argument("--config", default="configs/config.yaml")
    parser.add_argument("--bootstrap-servers", default=os.environ.get("KAFKA_BOOTSTRAP_SERVERS"))
    parser.add_argument("--topic", default=os.environ.get("STREAM_TOPIC", "transactions"))
    parser.add_argument("--decisions-topic", default=os.environ.get("DECISIONS_TOPIC", "fraud-decisions"))
    parser.add_argument("--group-id", default=os.environ.get("STREAM_GROUP_ID", "fraud-scorer"))
    parser.add_argument("--replay", help="CSV to replay in time order instead of consuming Kafka")
    parser.add_argument("--publish", help="CSV to publish to --topic in time order (no scoring)")
    parser.add_argument("--events-per-second", type=float, default=50.0, help="publishing rate with --publish")
    parser.add_argument("--output", default="reports/stream/decisions.jsonl", help="decisions file when replaying")
    parser.add_argument("--dead-letters", default="reports/stream/dead_letters.jsonl")
    parser.add_argument("--batch-size", type=int, default=200)
    parser.add_argument("--threshold", type=float, help="default: the threshold recorded next to the model")
    parser.add_argument("--metrics-port", type=int, default=int(os.environ.get("METRICS_PORT", "0")))
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    config = yaml.safe_load(Path(args.config).read_text()) if Path(args.config).exists() else {}
    settings = config.get("stream", {})
    if args.publish:
        if not args.bootstrap_servers:
            parser.error("--publish needs --bootstrap-servers (or KAFKA_BOOTSTRAP_SERVERS)")
        sent = publish_file(args.publish, args.topic, args.bootstrap_servers, settings.get("key_field", "customer_id"),
                            args.events_per_second, settings.get("event_fields"))
        print(json.dumps({"published": sent, "topic": args.topic}))
        return
    model_path = os.environ.get("MODEL_PATH", "models/model.joblib")
    scorer = StreamScorer(joblib.load(model_path), args.threshold if args.threshold is not None else threshold_for(model_path),
                          settings.get("id_field", "transaction_id"), settings.get("required", []),
                          load_enricher(settings.get("enricher"), config))
    if args.metrics_port:
        start_http_server(args.metrics_port)
    dead_letters = JsonLinesSink(args.dead_letters)
    if args.replay:
        stats = run(replay_batches(args.replay, args.batch_size, columns=settings.get("event_fields")),
                    scorer, JsonLinesSink(args.output), dead_letters)
    elif args.bootstrap_servers:
        stats = run(kafka_batches(args.topic, args.bootstrap_servers, args.group_id, args.batch_size), scorer,
                    KafkaSink(args.decisions_topic, args.bootstrap_servers, scorer.id_field), dead_letters)
    else:
        parser.error("give --bootstrap-servers (or KAFKA_BOOTSTRAP_SERVERS) to consume Kafka, or --replay FILE")
    print(json.dumps(asdict(stats)))


if __name__ == "__main__":
    main()
