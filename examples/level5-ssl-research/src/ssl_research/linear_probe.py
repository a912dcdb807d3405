"""Linear evaluation protocol: frozen encoder, linear classifier on its features.

The learning rate is picked on the validation split; the test split is used
exactly once, with the selected classifier.

    python -m ssl_research.linear_probe --checkpoint runs/full/seed0/checkpoint.pt
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

import torch
import torch.nn.functional as F
from torch import nn

from .config import ExperimentConfig, ProbeConfig, load_config
from .data import N_CLASSES, get_splits, make_loader
from .models import build_model
from .utils import get_device, set_seed


@torch.no_grad()
def extract_features(encoder: nn.Module, loader, normalize, device) -> tuple[torch.Tensor, torch.Tensor]:
    encoder.eval()
    feats, labels = [], []
    for x, y in loader:
        feats.append(encoder(normalize(x.to(device))).cpu())
        labels.append(y)
    return torch.cat(feats), torch.cat(labels)


def train_linear(x: torch.Tensor, y: torch.Tensor, lr: float, cfg: ProbeConfig, seed: int) -> nn.Linear:
    torch.manual_seed(seed)
    clf = nn.Linear(x.shape[1], N_CLASSES)
    opt = torch.optim.SGD(clf.parameters(), lr=lr, momentum=0.9, weight_decay=cfg.weight_decay)
    sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=cfg.epochs)
    gen = torch.Generator().manual_seed(seed)
    for _ in range(cfg.epochs):
        for idx in torch.randperm(len(x), generator=gen).split(cfg.batch_size):
            opt.zero_grad()
            F.cross_entropy(clf(x[idx]), y[idx]).backward()
            opt.step()
        sched.step()
    return clf


@torch.no_grad()
def accuracy(clf: nn.Linear, x: torch.Tensor, y: torch.Tensor) -> float:
    return (clf(x).argmax(dim=1) == y).float().mean().item()


def standardize(train: torch.Tensor, *others: torch.Tensor):
    mean, std = train.mean(dim=0), train.std(dim=0) + 1e-6
    return [(t - mean) / std for t in (train, *others)]


def run_probe(encoder: nn.Module, cfg: ExperimentConfig, normalize, device) -> dict:
    train, val, test = get_splits(cfg.data)
    loaders = [make_loader(ds, 512, shuffle=False, seed=cfg.seed, num_workers=cfg.data.num_workers)
               for ds in (train, val, test)]
    (x_tr, y_tr), (x_va, y_va), (x_te, y_te) = [extract_features(encoder, dl, normalize, device)
                                                for dl in loaders]
    x_tr, x_va, x_te = standardize(x_tr, x_va, x_te)

    val_acc = {lr: accuracy(train_linear(x_tr, y_tr, lr, cfg.probe, cfg.seed), x_va, y_va)
               for lr in cfg.probe.lrs}
    best_lr = max(val_acc, key=val_acc.get)
    clf = train_linear(x_tr, y_tr, best_lr, cfg.probe, cfg.seed)
    return {"probe_lr": best_lr, "val_acc_by_lr": val_acc, "val_acc": val_acc[best_lr],
            "test_acc": accuracy(clf, x_te, y_te), "train_acc": accuracy(clf, x_tr, y_tr)}


def main(argv=None) -> dict:
    from .augment import SimCLRAugment

    parser = argparse.ArgumentParser()
    parser.add_argument("--checkpoint", required=True)
    args = parser.parse_args(argv)
    ckpt = torch.load(args.checkpoint, map_location="cpu")
    cfg = load_config(ckpt["config_path"], **ckpt.get("overrides", {}))
    set_seed(cfg.seed)
    device = get_device()
    model = build_model(cfg.model)
    model.load_state_dict(ckpt["model"])
    normalize = SimCLRAugment(cfg.augment).to(device).normalize
    result = run_probe(model.encoder.to(device), cfg, normalize, device)
    out = Path(args.checkpoint).with_name("probe.json")
    out.write_text(json.dumps(result, indent=2))
    print(json.dumps(result, indent=2))
    return result


if __name__ == "__main__":
    main()
