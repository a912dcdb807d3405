"""The analyst review console: the payments the model sent to review, and the analysts' verdicts.

Every payment ``POST /score`` sends to review joins an in-memory queue (the newest
``REVIEW_QUEUE_SIZE``). On the console at ``/`` an analyst sees each one with its score and the
signals behind it and marks it "fraud" or "legitimate". Verdicts are appended to
``FEEDBACK_PATH``; the next pipeline run takes them as labels (``data.apply_analyst_labels``), so a
confirmed fraud trains the model before its chargeback arrives. ``GET /review/summary`` sets the
live precision of the alerts, as the analysts judge them, beside the precision measured offline on
the synthetic test days.
"""
from __future__ import annotations

import csv
import json
import os
import threading
from collections import OrderedDict
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, List, Literal, Optional

import pandas as pd
from fastapi import APIRouter, HTTPException
from fastapi.responses import HTMLResponse
from prometheus_client import Counter
from pydantic import BaseModel, constr

VERDICT_COLUMNS = ["reviewed_at", "transaction_id", "customer_id", "is_fraud", "score", "variant", "analyst"]
CONSOLE = Path(__file__).parent / "static" / "index.html"
VERDICTS = Counter("review_verdicts_total", "Analyst verdicts on reviewed payments, by verdict and model variant.",
                   ["verdict", "variant"])


class ReviewQueue:
    """The newest payments sent to review, by transaction id, safe across request threads."""

    def __init__(self, capacity: int = 500):
        self.capacity = capacity
        self._items: "OrderedDict[str, Dict[str, Any]]" = OrderedDict()
        self._lock = threading.Lock()

    def add(self, item: Dict[str, Any]) -> None:
        with self._lock:
            self._items[item["transaction_id"]] = item
            self._items.move_to_end(item["transaction_id"])
            while len(self._items) > self.capacity:
                self._items.popitem(last=False)

    def take(self, transaction_id: str) -> Optional[Dict[str, Any]]:
        with self._lock:
            return self._items.pop(transaction_id, None)

    def items(self, limit: int) -> List[Dict[str, Any]]:
        with self._lock:
            return list(reversed(self._items.values()))[:limit]


class Verdict(BaseModel):
    transaction_id: str
    verdict: Literal["fraud", "legitimate"]
    analyst: constr(min_length=1, max_length=64) = "analyst"  # type: ignore[valid-type]


class VerdictStore:
    """Appends verdicts to a CSV file."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self._lock = threading.Lock()

    def append(self, row: Dict[str, Any]) -> None:
        with self._lock:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            new_file = not self.path.exists()
            with self.path.open("a", newline="") as handle:
                writer = csv.DictWriter(handle, fieldnames=VERDICT_COLUMNS)
                if new_file:
                    writer.writeheader()
                writer.writerow(row)

    def load(self) -> pd.DataFrame:
        return pd.read_csv(self.path) if self.path.exists() else pd.DataFrame(columns=VERDICT_COLUMNS)


@lru_cache(maxsize=1)
def queue() -> ReviewQueue:
    return ReviewQueue(int(os.environ.get("REVIEW_QUEUE_SIZE", "500")))


def verdicts() -> VerdictStore:
    return VerdictStore(os.environ.get("FEEDBACK_PATH", "data/feedback/verdicts.csv"))


def live_vs_offline(reviewed: pd.DataFrame, offline: Dict[str, Any]) -> Dict[str, Any]:
    """Precision of the alerts as analysts judge them, beside the offline (synthetic) numbers."""
    return {
        "reviewed": len(reviewed),
        "confirmed_fraud": int(reviewed["is_fraud"].sum()) if len(reviewed) else 0,
        "live_precision": float(reviewed["is_fraud"].mean()) if len(reviewed) else None,
        "offline_precision": offline.get("precision"),
        "offline_recall": offline.get("recall"),
        "offline_alert_rate": offline.get("alert_rate"),
    }


router = APIRouter(tags=["review"])


@router.get("/", response_class=HTMLResponse)
def console() -> str:
    """The analyst console: try a payment, work through the review queue."""
    return CONSOLE.read_text(encoding="utf-8")


@router.get("/review/queue")
def review_queue(limit: int = 50) -> List[Dict[str, Any]]:
    """The newest payments waiting for a verdict."""
    return queue().items(max(1, min(limit, 500)))


@router.post("/review/verdicts", status_code=201)
def record_verdict(verdict: Verdict) -> Dict[str, Any]:
    """Stores an analyst's verdict on a payment from the queue."""
    item = queue().take(verdict.transaction_id)
    if item is None:
        raise HTTPException(status_code=404, detail=f"{verdict.transaction_id} is not waiting for review")
    row = {"reviewed_at": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M:%S"),
           "transaction_id": verdict.transaction_id, "customer_id": item["customer_id"],
           "is_fraud": int(verdict.verdict == "fraud"), "score": item.get("score"), "variant": item.get("variant"),
           "analyst": verdict.analyst}
    verdicts().append(row)
    VERDICTS.labels(verdict=verdict.verdict, variant=str(item.get("variant"))).inc()
    return row


@router.get("/review/summary")
def review_summary() -> Dict[str, Any]:
    """Live precision of the alerts so far against the offline test metrics."""
    metrics_path = Path(os.environ.get("METRICS_PATH", "reports/metrics.json"))
    offline = json.loads(metrics_path.read_text()) if metrics_path.exists() else {}
    return live_vs_offline(verdicts().load(), offline)
