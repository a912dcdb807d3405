"""A finished run as a classifier: its frozen encoder and a linear probe, ready for new images.

``ShapeClassifier.from_run("runs/full/seed0")`` loads the checkpoint, fits the linear probe on the
run's probe training split with the penalty the run selected on validation (``metrics.json``),
and stores the probe as ``probe.pt`` next to the checkpoint so later loads skip the fit.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Tuple

import numpy as np
import torch

from .data import CLASSES, load_splits
from .pipeline import load_checkpoint
from .probe import LinearProbe, extract_features


class ShapeClassifier:
    def __init__(self, model, probe: LinearProbe, config: Dict[str, Any]):
        self.model, self.probe, self.config = model, probe, config
        self.image_size = config["data"]["image_size"]

    @classmethod
    def from_run(cls, run: str | Path, extra: Optional[Tuple[np.ndarray, np.ndarray]] = None) -> "ShapeClassifier":
        """The run's classifier; ``extra`` labelled images are added to the probe's training data."""
        run = Path(run)
        model, config = load_checkpoint(run / "checkpoint.pt")
        cached = run / "probe.pt"
        if extra is None and cached.exists():
            state = torch.load(cached, map_location="cpu")
            probe = LinearProbe(len(CLASSES), state["weight_decay"])
            probe.mean, probe.std = state["mean"], state["std"]
            probe.linear = torch.nn.Linear(state["weight"].shape[1], len(CLASSES))
            probe.linear.load_state_dict({"weight": state["weight"], "bias": state["bias"]})
            return cls(model, probe, config)
        metrics = json.loads((run / "metrics.json").read_text())
        images, labels = load_splits(config["data"], config["data"]["seed"])["train"]
        if extra is not None and len(extra[0]):
            images, labels = np.concatenate([images, extra[0]]), np.concatenate([labels, extra[1]])
        features = extract_features(model.encoder, torch.from_numpy(images.astype(np.float32)))
        probe = LinearProbe(len(CLASSES), metrics["probe_weight_decay"], config["probe"]["max_iter"])
        probe.fit(features, torch.from_numpy(labels.astype(np.int64)))
        if extra is None:
            torch.save({"weight_decay": probe.weight_decay, "mean": probe.mean, "std": probe.std,
                        "weight": probe.linear.weight.detach(), "bias": probe.linear.bias.detach()}, cached)
        return cls(model, probe, config)

    def as_batch(self, images: np.ndarray | Sequence) -> torch.Tensor:
        x = torch.as_tensor(np.asarray(images, dtype=np.float32))
        expected = (3, self.image_size, self.image_size)
        if x.dim() != 4 or tuple(x.shape[1:]) != expected:
            raise ValueError(f"expected images of shape (N, {', '.join(map(str, expected))}), got {tuple(x.shape)}")
        return x

    def embed(self, images) -> np.ndarray:
        """The frozen representation h = f(x) of every image."""
        return extract_features(self.model.encoder, self.as_batch(images)).numpy()

    def predict_proba(self, images) -> np.ndarray:
        features = extract_features(self.model.encoder, self.as_batch(images))
        return torch.softmax(self.probe.predict_logits(features), dim=1).numpy()

    def predict(self, images) -> List[Dict[str, Any]]:
        """Per image: the most likely class, its probability, and all class probabilities."""
        results = []
        for row in self.predict_proba(images):
            best = int(row.argmax())
            results.append({"label": CLASSES[best], "probability": float(row[best]),
                            "probabilities": {c: float(p) for c, p in zip(CLASSES, row)}})
        return results
