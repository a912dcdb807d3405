"""Self-supervised pre-training with NT-Xent, followed by the linear probe.

    python -m ssl_research.train_ssl --config configs/full.yaml --seed 0
"""
from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import torch

from .augment import SimCLRAugment
from .config import load_config, to_dict
from .data import get_splits, make_loader
from .linear_probe import run_probe
from .losses import alignment, nt_xent_loss, uniformity
from .models import build_model
from .utils import JsonlLogger, cosine_with_warmup, count_parameters, get_device, set_seed


def train(config_path: str, overrides: dict | None = None, skip_probe: bool = False) -> dict:
    overrides = overrides or {}
    cfg = load_config(config_path, **overrides)
    set_seed(cfg.seed)
    device = get_device()
    run_dir = Path(cfg.output_dir) / cfg.name / f"seed{cfg.seed}"
    run_dir.mkdir(parents=True, exist_ok=True)
    (run_dir / "config.json").write_text(json.dumps(to_dict(cfg), indent=2))
    logger = JsonlLogger(run_dir / "train_log.jsonl")

    train_ds, val_ds, _ = get_splits(cfg.data)
    loader = make_loader(train_ds, cfg.ssl.batch_size, shuffle=True, seed=cfg.seed,
                         num_workers=cfg.data.num_workers, drop_last=True)
    val_x = next(iter(make_loader(val_ds, 256, shuffle=False, seed=cfg.seed)))[0].to(device)

    model = build_model(cfg.model).to(device)
    augment = SimCLRAugment(cfg.augment, seed=cfg.seed).to(device)
    print(f"{cfg.name}: {count_parameters(model.encoder) / 1e6:.2f}M encoder params on {device}")

    decay = [p for n, p in model.named_parameters() if p.ndim > 1 and "pos" not in n]
    no_decay = [p for n, p in model.named_parameters() if p.ndim <= 1 or "pos" in n]
    optimizer = torch.optim.AdamW([{"params": decay, "weight_decay": cfg.ssl.weight_decay},
                                   {"params": no_decay, "weight_decay": 0.0}], lr=cfg.ssl.lr)
    total = cfg.ssl.epochs * len(loader)
    warmup = cfg.ssl.warmup_epochs * len(loader)
    scheduler = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda step: cosine_with_warmup(step, total, warmup))

    for epoch in range(cfg.ssl.epochs):
        model.train()
        start, running = time.time(), 0.0
        for x, _ in loader:
            x = x.to(device, non_blocking=True)
            _, z1 = model(augment(x))
            _, z2 = model(augment(x))
            loss = nt_xent_loss(z1, z2, cfg.ssl.temperature)

            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), cfg.ssl.grad_clip)
            optimizer.step()
            scheduler.step()
            running += loss.item()

        model.eval()
        with torch.no_grad():
            _, m1 = model(augment(val_x))
            _, m2 = model(augment(val_x))
            gates = model.encoder.gate_statistics() if hasattr(model.encoder, "gate_statistics") else []
        record = {"epoch": epoch, "loss": running / len(loader), "lr": scheduler.get_last_lr()[0],
                  "align": alignment(m1, m2).item(), "uniform": uniformity(m1).item(),
                  "gates": gates, "seconds": round(time.time() - start, 1)}
        logger.log(**record)
        print(json.dumps(record))

    torch.save({"model": model.state_dict(), "config_path": str(config_path),
                "overrides": overrides}, run_dir / "checkpoint.pt")
    results = {"name": cfg.name, "seed": cfg.seed, "final_loss": record["loss"]}
    if not skip_probe:
        results.update(run_probe(model.encoder, cfg, augment.normalize, device))
    (run_dir / "results.json").write_text(json.dumps(results, indent=2))
    return results


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser()
    parser.add_argument("--config", required=True)
    parser.add_argument("--seed", type=int)
    parser.add_argument("--epochs", type=int)
    parser.add_argument("--output-dir")
    parser.add_argument("--skip-probe", action="store_true")
    args = parser.parse_args(argv)
    overrides = {k: v for k, v in {"seed": args.seed, "ssl.epochs": args.epochs,
                                   "output_dir": args.output_dir}.items() if v is not None}
    results = train(args.config, overrides, args.skip_probe)
    print(json.dumps(results, indent=2))
    return results


if __name__ == "__main__":
    main()
