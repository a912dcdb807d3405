"""The storefront demo page, user feedback, and live behaviour set against the offline test.

Every "interested" or "not for me" on the storefront is appended to ``FEEDBACK_PATH`` with the
score the model gave the item; the next pipeline run trains on these rows as well
(``data.add_feedback``), which closes the loop from users back to the model.
"""
from __future__ import annotations

import csv
import json
import os
import threading
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Dict, Literal, Optional

import pandas as pd
from fastapi import APIRouter
from fastapi.responses import HTMLResponse
from prometheus_client import Counter
from pydantic import BaseModel, confloat, conint
from sklearn.metrics import roc_auc_score

FEEDBACK_COLUMNS = ["timestamp", "user_id", "item_id", "position", "score", "source", "clicked"]
STOREFRONT = Path(__file__).parent / "static" / "index.html"
FEEDBACK_EVENTS = Counter(
    "feedback_events_total", "Storefront feedback, by outcome and ranking source.", ["outcome", "source"]
)


class Feedback(BaseModel):
    """One reaction to a recommended item."""

    user_id: int
    item_id: int
    position: conint(ge=1, le=50)  # type: ignore[valid-type]
    clicked: bool
    score: Optional[confloat(ge=0, le=1)] = None  # type: ignore[valid-type]
    source: Literal["model", "fallback"] = "model"


class FeedbackStore:
    """Appends feedback events to a CSV file, safely across request threads."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self._lock = threading.Lock()

    def append(self, event: Feedback) -> Dict[str, Any]:
        row = {**event.dict(), "clicked": int(event.clicked),
               "timestamp": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M:%S")}
        with self._lock:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            new_file = not self.path.exists()
            with self.path.open("a", newline="") as handle:
                writer = csv.DictWriter(handle, fieldnames=FEEDBACK_COLUMNS)
                if new_file:
                    writer.writeheader()
                writer.writerow(row)
        return row

    def load(self) -> pd.DataFrame:
        return pd.read_csv(self.path) if self.path.exists() else pd.DataFrame(columns=FEEDBACK_COLUMNS)


def online_vs_offline(feedback: pd.DataFrame, offline: Dict[str, float]) -> Dict[str, Any]:
    """Live click-through rate and AUC of the model's scores on real reactions, next to the
    offline (synthetic test split) numbers. The online AUC needs both clicks and dismissals."""
    scored = feedback[(feedback["source"] == "model") & feedback["score"].notna()]
    online_auc = float(roc_auc_score(scored["clicked"], scored["score"])) if scored["clicked"].nunique() == 2 else None
    return {
        "events": len(feedback),
        "live_ctr": float(feedback["clicked"].mean()) if len(feedback) else None,
        "online_auc": online_auc,
        "offline_auc": offline.get("roc_auc"),
        "offline_ctr_top": offline.get("ctr_top"),
    }


def store() -> FeedbackStore:
    return FeedbackStore(os.environ.get("FEEDBACK_PATH", "data/feedback/feedback.csv"))


router = APIRouter(tags=["product"])


@router.get("/", response_class=HTMLResponse)
def storefront() -> str:
    """The demo storefront: pick a user, see the recommendations, react to them."""
    return STOREFRONT.read_text(encoding="utf-8")


@router.post("/feedback", status_code=201)
def record_feedback(event: Feedback) -> Dict[str, Any]:
    """Stores one reaction to a recommended item."""
    FEEDBACK_EVENTS.labels(outcome="click" if event.clicked else "dismiss", source=event.source).inc()
    return store().append(event)


@router.get("/feedback/summary")
def feedback_summary() -> Dict[str, Any]:
    """Live behaviour so far against the offline test metrics."""
    metrics_path = Path(os.environ.get("METRICS_PATH", "reports/metrics.json"))
    offline = json.loads(metrics_path.read_text()) if metrics_path.exists() else {}
    return online_vs_offline(store().load(), offline)
