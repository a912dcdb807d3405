"""Load test for /score.

    locust -f loadtest/locustfile.py --host http://localhost:8080 -u 500 -r 50 -t 10m --headless

SLO: p99 < 100 ms at 2,000 req/s per 10 pods; error rate < 0.1%.
"""
import random
import uuid
from datetime import datetime, timezone

from locust import HttpUser, between, task

CATEGORIES = ["grocery", "fuel", "restaurant", "electronics", "travel", "fashion"]
COUNTRIES = ["DE", "FR", "NL", "ES", "IT"]


def make_transaction(risky: bool = False) -> dict:
    home = random.choice(COUNTRIES)
    return {
        "transaction_id": f"lt_{uuid.uuid4().hex[:16]}",
        "card_id": f"card_{random.randint(0, 199_999):06d}",
        "merchant_id": f"m_{random.randint(0, 50_000)}",
        "merchant_category": random.choice(CATEGORIES[3:] if risky else CATEGORIES),
        "amount": round(random.uniform(300, 3000) if risky else random.lognormvariate(3.3, 0.8), 2),
        "country": random.choice(["US", "BR"]) if risky else home,
        "card_country": home,
        "channel": "online" if risky else random.choice(["pos", "pos", "online"]),
        "ts": datetime.now(timezone.utc).isoformat(),
    }


class PaymentGateway(HttpUser):
    wait_time = between(0.01, 0.05)

    @task(50)
    def score_normal(self):
        self._score(make_transaction())

    @task(1)
    def score_risky(self):
        self._score(make_transaction(risky=True))

    def _score(self, txn: dict):
        with self.client.post("/score", json=txn, name="/score", catch_response=True) as resp:
            if resp.status_code != 200:
                resp.failure(f"HTTP {resp.status_code}")
            elif resp.elapsed.total_seconds() > 0.15:
                resp.failure("slower than authorisation timeout (150 ms)")
