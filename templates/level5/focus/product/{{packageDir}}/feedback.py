"""What users tell the demo: which predictions were right, and what real images really showed.

Every answer on the demo page is one row in ``feedback.csv`` (when, which image, whether it was a
generated sample or an upload, what the model said with which probability, what the user says it
is). Uploaded images are kept as ``images/<id>.npy`` at the model's resolution, so that

- ``summary`` can set the accuracy on real uploads against the accuracy on generated images (both
  as judged by users, and the offline test accuracy of the run), per class;
- ``improved_classifier`` can refit the linear probe on the probe's training split plus every
  corrected upload: the feedback loop back into the model, without touching the encoder.
"""
from __future__ import annotations

import csv
import threading
import uuid
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Dict, Optional

import numpy as np
import pandas as pd

from .classifier import ShapeClassifier
from .data import CLASSES

COLUMNS = ["id", "timestamp", "source", "predicted", "probability", "true_label", "correct", "latency_ms"]


class FeedbackStore:
    """Feedback rows in a CSV file and uploaded images beside it; safe across request threads."""

    def __init__(self, root: str | Path):
        self.root = Path(root)
        self.path = self.root / "feedback.csv"
        self._lock = threading.Lock()

    def record_feedback(self, source: str, predicted: str, probability: float, true_label: str,
                        latency_ms: float, image: Optional[np.ndarray] = None) -> Dict[str, Any]:
        if source not in ("sample", "upload"):
            raise ValueError(f"source must be 'sample' or 'upload', got {source!r}")
        for label in (predicted, true_label):
            if label not in CLASSES:
                raise ValueError(f"unknown class {label!r}; the classes are {', '.join(CLASSES)}")
        row = {"id": uuid.uuid4().hex[:12], "timestamp": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
               "source": source, "predicted": predicted, "probability": round(float(probability), 6),
               "true_label": true_label, "correct": int(predicted == true_label), "latency_ms": round(latency_ms, 2)}
        with self._lock:
            self.root.mkdir(parents=True, exist_ok=True)
            if image is not None:
                (self.root / "images").mkdir(exist_ok=True)
                np.save(self.root / "images" / f"{row['id']}.npy", image.astype(np.float32))
            new_file = not self.path.exists()
            with self.path.open("a", newline="") as handle:
                writer = csv.DictWriter(handle, fieldnames=COLUMNS)
                if new_file:
                    writer.writeheader()
                writer.writerow(row)
        return row

    def load(self) -> pd.DataFrame:
        return pd.read_csv(self.path) if self.path.exists() else pd.DataFrame(columns=COLUMNS)

    def corrected_uploads(self) -> tuple[np.ndarray, np.ndarray]:
        """Uploaded images with the label users gave them, as extra probe training data."""
        rows = self.load()
        rows = rows[(rows["source"] == "upload")]
        rows = rows[[(self.root / "images" / f"{i}.npy").exists() for i in rows["id"]]] if len(rows) else rows
        if not len(rows):
            return np.zeros((0, 3, 1, 1), np.float32), np.zeros(0, np.int64)
        images = np.stack([np.load(self.root / "images" / f"{i}.npy") for i in rows["id"]])
        return images, np.array([CLASSES.index(c) for c in rows["true_label"]], dtype=np.int64)


def _accuracy(rows: pd.DataFrame) -> Optional[float]:
    return float(rows["correct"].mean()) if len(rows) else None


def confusions(rows: pd.DataFrame, top: int = 5) -> Dict[str, int]:
    """The most frequent mistakes, as ``"true->predicted": count``."""
    wrong = rows[rows["correct"] == 0]
    if not len(wrong):
        return {}
    counts = wrong.groupby(["true_label", "predicted"]).size().sort_values(ascending=False).head(top)
    return {f"{true}->{predicted}": int(n) for (true, predicted), n in counts.items()}


def summary(feedback: pd.DataFrame, offline_test_acc: Optional[float]) -> Dict[str, Any]:
    """Accuracy on real uploads next to accuracy on synthetic images, overall and per true class."""
    uploads, samples = feedback[feedback["source"] == "upload"], feedback[feedback["source"] == "sample"]
    per_class = {}
    for label in CLASSES:
        real = uploads[uploads["true_label"] == label]
        synthetic = samples[samples["true_label"] == label]
        per_class[label] = {"real_answers": len(real), "real_accuracy": _accuracy(real),
                            "synthetic_answers": len(synthetic), "synthetic_accuracy": _accuracy(synthetic)}
    latency = feedback["latency_ms"].astype(float) if len(feedback) else pd.Series(dtype=float)
    return {
        "answers": len(feedback),
        "synthetic_accuracy_offline_test": offline_test_acc,
        "synthetic_accuracy_users": _accuracy(samples),
        "real_accuracy": _accuracy(uploads),
        "real_answers": len(uploads),
        "per_class": per_class,
        "confusions": confusions(uploads),
        "latency_p50_ms": float(latency.quantile(0.5)) if len(latency) else None,
        "latency_p95_ms": float(latency.quantile(0.95)) if len(latency) else None,
    }


def improved_classifier(run: str | Path, store: FeedbackStore) -> ShapeClassifier:
    """The run's classifier with its probe refitted on the training split plus corrected uploads."""
    images, labels = store.corrected_uploads()
    if not len(images):
        return ShapeClassifier.from_run(run)
    return ShapeClassifier.from_run(run, extra=(images, labels))
