"""Self-supervised pre-training: SimCLR's loop around the encoder under study.

Every step draws two views of a batch of unlabeled images, embeds both, and minimises NT-Xent.
AdamW with a linear warm-up and a cosine decay per step, gradient clipping, and a log line per
epoch with the loss, the alignment and uniformity of the embeddings (Wang and Isola, 2020) and,
for gated encoders, the mean gate of every block.
"""
from __future__ import annotations

import logging
import math
import time
from typing import Any, Dict, List

import torch

from .augment import augment_pair
from .losses import alignment, nt_xent_loss, uniformity
from .model import ContrastiveModel

log = logging.getLogger(__name__)


def lr_at(step: int, total_steps: int, warmup_steps: int, base_lr: float) -> float:
    """Linear warm-up to ``base_lr``, then a cosine decay to zero."""
    if step < warmup_steps:
        return base_lr * (step + 1) / warmup_steps
    progress = (step - warmup_steps) / max(1, total_steps - warmup_steps)
    return 0.5 * base_lr * (1 + math.cos(math.pi * min(1.0, progress)))


def pretrain(model: ContrastiveModel, images: torch.Tensor, config: Dict[str, Any],
             gen: torch.Generator) -> List[Dict[str, Any]]:
    """Trains ``model`` in place on ``images`` (labels are never seen); returns one record per epoch."""
    t, aug = config["train"], config["augment"]
    batch = min(t["batch_size"], len(images))
    if batch < 2:
        raise ValueError("contrastive pre-training needs at least two images per batch")
    steps_per_epoch = len(images) // batch
    total = steps_per_epoch * t["epochs"]
    optimizer = torch.optim.AdamW(model.parameters(), lr=t["lr"], weight_decay=t["weight_decay"])
    history: List[Dict[str, Any]] = []
    step = 0
    started = time.perf_counter()
    for epoch in range(t["epochs"]):
        model.train()
        order = torch.randperm(len(images), generator=gen)
        losses = []
        for i in range(steps_per_epoch):
            x = images[order[i * batch:(i + 1) * batch]]
            v1, v2 = augment_pair(x, aug, gen)
            for group in optimizer.param_groups:
                group["lr"] = lr_at(step, total, steps_per_epoch * t["warmup_epochs"], t["lr"])
            _, z = model(torch.cat([v1, v2]))
            loss = nt_xent_loss(z[:batch], z[batch:], t["temperature"])
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), t["grad_clip"])
            optimizer.step()
            losses.append(float(loss))
            step += 1
        record = {"epoch": epoch + 1, "loss": sum(losses) / len(losses),
                  "seconds": time.perf_counter() - started, **diagnostics(model, images[:256], aug, gen)}
        history.append(record)
        log.info("epoch %d/%d loss %.4f view retrieval %.3f align %.3f unif %.3f gates %s", epoch + 1, t["epochs"],
                 record["loss"], record["view_retrieval_acc"], record["alignment"], record["uniformity"],
                 [round(g, 2) for g in record["gates"]])
    return history


@torch.no_grad()
def diagnostics(model: ContrastiveModel, images: torch.Tensor, aug: Dict[str, Any], gen: torch.Generator) -> Dict[str, Any]:
    """Alignment and uniformity of the encoder's output on a fixed batch, and the gate means."""
    model.eval()
    v1, v2 = augment_pair(images, aug, gen)
    h1, z1 = model(v1)
    gates = model.encoder.gate_statistics()
    h2, z2 = model(v2)
    return {"alignment": float(alignment(h1, h2)), "uniformity": float(uniformity(h1)),
            "view_retrieval_acc": view_retrieval_accuracy(z1, z2), "gates": gates}


def view_retrieval_accuracy(z1: torch.Tensor, z2: torch.Tensor) -> float:
    """How often the nearest second view (cosine) of an image is its own: the pretext task's accuracy."""
    similarity = torch.nn.functional.normalize(z1, dim=1) @ torch.nn.functional.normalize(z2, dim=1).t()
    return float((similarity.argmax(dim=1) == torch.arange(len(z1))).float().mean())
