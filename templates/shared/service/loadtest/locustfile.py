"""Load test of the model service with Locust.

Requests replay rows of a CSV of feature records (``LOADTEST_CSV``, default
``data/processed/test.csv``); extra columns such as the label are ignored by the service.

    locust -f loadtest/locustfile.py --host http://localhost:8000 \
        --headless --users 50 --spawn-rate 10 --run-time 2m --csv reports/loadtest

Locust reports requests per second and latency percentiles (p50, p95, p99) per endpoint.
"""
import csv
import itertools
import os
import random
from typing import Any, Dict, List, Optional

from locust import HttpUser, between, task

SAMPLE_CSV = os.environ.get("LOADTEST_CSV", "data/processed/test.csv")
MAX_BATCH = int(os.environ.get("LOADTEST_MAX_BATCH", "5"))


def parse_value(text: str) -> Optional[Any]:
    """CSV text to a JSON value: empty is null, numbers are numbers, the rest stays text."""
    if text == "":
        return None
    try:
        return float(text)
    except ValueError:
        return text


def load_records(path: str, limit: int = 1000) -> List[Dict[str, Any]]:
    """Up to ``limit`` rows of ``path`` as JSON-ready dicts."""
    with open(path, newline="") as handle:
        reader = csv.DictReader(handle)
        return [{key: parse_value(value) for key, value in row.items()} for row in itertools.islice(reader, limit)]


RECORDS = load_records(SAMPLE_CSV)


class ModelUser(HttpUser):
    """A client that mostly asks for predictions and sometimes checks health."""

    wait_time = between(0.05, 0.5)

    @task(10)
    def predict(self) -> None:
        batch = random.sample(RECORDS, k=min(len(RECORDS), random.randint(1, MAX_BATCH)))
        with self.client.post("/predict", json={"records": batch}, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code}: {response.text[:200]}")

    @task(1)
    def health(self) -> None:
        self.client.get("/health")
