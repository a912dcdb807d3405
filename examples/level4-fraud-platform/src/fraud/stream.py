"""Kafka consumer that scores the transaction stream in micro-batches.

    python -m fraud.stream

Reads JSON transactions from ``stream.input_topic``, writes scores and
decisions to ``stream.output_topic`` (keyed by card_id), and commits offsets
only after the results were acknowledged - at-least-once processing.
"""
from __future__ import annotations

import argparse
import json
import logging
import signal
import time

import pandas as pd
from prometheus_client import Counter, Histogram, start_http_server

from .config import load_config
from .features import CARD_FEATURES
from .scoring import FeastFeatureClient, Scorer, rule_based_score

log = logging.getLogger("fraud.stream")

MESSAGES = Counter("fraud_stream_messages_total", "Consumed messages", ["status"])
BATCH_SECONDS = Histogram("fraud_stream_batch_seconds", "Micro-batch processing time")
DECISIONS = Counter("fraud_stream_decisions_total", "Stream decisions", ["decision"])


def build_consumer(scfg: dict):
    from kafka import KafkaConsumer

    return KafkaConsumer(
        scfg["input_topic"],
        bootstrap_servers=scfg["bootstrap_servers"],
        group_id=scfg["group_id"],
        enable_auto_commit=False,
        auto_offset_reset="latest",
        max_poll_records=scfg["max_poll_records"],
        value_deserializer=lambda raw: json.loads(raw.decode("utf-8")),
    )


def build_producer(scfg: dict):
    from kafka import KafkaProducer

    return KafkaProducer(
        bootstrap_servers=scfg["bootstrap_servers"],
        acks="all",
        linger_ms=5,
        key_serializer=lambda k: k.encode("utf-8"),
        value_serializer=lambda v: json.dumps(v).encode("utf-8"),
    )


class StreamScorer:
    def __init__(self, scorer: Scorer, feature_client, consumer, producer, output_topic: str):
        self.scorer = scorer
        self.features = feature_client
        self.consumer = consumer
        self.producer = producer
        self.output_topic = output_topic
        self.running = True

    def process_batch(self, records: list[dict]) -> list[dict]:
        valid = [r for r in records if {"transaction_id", "card_id", "amount", "ts"} <= r.keys()]
        MESSAGES.labels("invalid").inc(len(records) - len(valid))
        if not valid:
            return []
        cards = {r["card_id"] for r in valid}
        card_feats = {c: self.features.get_card_features(c) for c in cards}
        frame = pd.DataFrame([{**r, **{k: card_feats[r["card_id"]].get(k) for k in CARD_FEATURES}}
                              for r in valid]).astype({k: float for k in CARD_FEATURES})
        try:
            scores, version = self.scorer.score_frame(frame), self.scorer.version
        except Exception:
            log.exception("batch scoring failed, falling back to rules for %d records", len(valid))
            scores, version = [rule_based_score(r) for r in valid], "rules"
        results = []
        for record, score in zip(valid, scores):
            decision = self.scorer.decide(float(score))
            DECISIONS.labels(decision).inc()
            results.append({"transaction_id": record["transaction_id"], "card_id": record["card_id"],
                            "score": round(float(score), 5), "decision": decision,
                            "model_version": version, "scored_at": time.time()})
        MESSAGES.labels("scored").inc(len(results))
        return results

    def run(self) -> None:
        signal.signal(signal.SIGTERM, self._stop)
        signal.signal(signal.SIGINT, self._stop)
        log.info("consuming, model version %s", self.scorer.version)
        while self.running:
            polled = self.consumer.poll(timeout_ms=1000)
            if not polled:
                continue
            with BATCH_SECONDS.time():
                for _, messages in polled.items():
                    for result in self.process_batch([m.value for m in messages]):
                        self.producer.send(self.output_topic, key=result["card_id"], value=result)
                self.producer.flush()
                self.consumer.commit()
        self.consumer.close()
        self.producer.close()
        log.info("consumer stopped")

    def _stop(self, *_):
        self.running = False


def main(config_path: str | None = None) -> None:
    cfg = load_config(config_path)
    scfg, serving = cfg["stream"], cfg["serving"]
    start_http_server(scfg["metrics_port"])
    scorer = Scorer.load(serving["champion_dir"], review_threshold=serving["review_threshold"],
                         decline_threshold=serving["decline_threshold"])
    StreamScorer(scorer, FeastFeatureClient(serving["feast_repo"]), build_consumer(scfg),
                 build_producer(scfg), scfg["output_topic"]).run()


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    parser = argparse.ArgumentParser()
    parser.add_argument("--config")
    main(parser.parse_args().config)
