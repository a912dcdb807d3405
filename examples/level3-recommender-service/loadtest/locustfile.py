"""Load test for the recommendation API.

    locust -f loadtest/locustfile.py --host http://localhost:8000 \
           --users 200 --spawn-rate 20 --run-time 5m --headless

Target: p95 latency < 150 ms at 300 requests/s with fallback rate < 1%.
"""
import random

from locust import HttpUser, between, task

USER_IDS = [f"u{i:04d}" for i in range(5000)]


class RecommenderUser(HttpUser):
    wait_time = between(0.2, 1.0)

    def on_start(self):
        self.user_id = random.choice(USER_IDS)
        self.last_items = []

    @task(10)
    def recommend(self):
        with self.client.post("/recommend", json={"user_id": self.user_id, "k": 10},
                              name="/recommend", catch_response=True) as resp:
            if resp.status_code != 200:
                resp.failure(f"status {resp.status_code}")
                return
            body = resp.json()
            self.last_items = body["items"]
            if body["source"] != "model":
                resp.failure("served from fallback")

    @task(2)
    def click(self):
        if self.last_items:
            self.client.post("/feedback", json={"user_id": self.user_id,
                                                "item_id": random.choice(self.last_items)})

    @task(1)
    def health(self):
        self.client.get("/health")
