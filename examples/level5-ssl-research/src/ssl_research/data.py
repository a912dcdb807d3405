"""CIFAR-10 with a fixed train/val/test split for pre-training and linear probing.

* train: 45,000 images of the official training set (SSL pre-training + probe fitting)
* val:   the remaining 5,000 (probe learning-rate selection only)
* test:  the official 10,000 test images (reported once per run)

The train/val split is drawn with its own generator seeded from ``split_seed`` so
that every run, whatever its training seed, uses the same validation images.
"""
from __future__ import annotations

import torch
from torch.utils.data import DataLoader, Dataset, TensorDataset, random_split

from .config import DataConfig
from .utils import seed_worker

SPLIT_SEED = 20240117
N_CLASSES = 10


def _fake_dataset(n: int, seed: int) -> TensorDataset:
    """Random images whose mean colour depends on the label - enough for smoke tests."""
    gen = torch.Generator().manual_seed(seed)
    labels = torch.randint(0, N_CLASSES, (n,), generator=gen)
    palette = torch.rand(N_CLASSES, 3, 1, 1, generator=torch.Generator().manual_seed(0))
    images = (0.6 * palette[labels] + 0.4 * torch.rand(n, 3, 32, 32, generator=gen)).clamp(0, 1)
    return TensorDataset(images, labels)


def get_splits(cfg: DataConfig, split_seed: int = SPLIT_SEED) -> tuple[Dataset, Dataset, Dataset]:
    if cfg.dataset == "fake":
        full, test = _fake_dataset(cfg.fake_size, seed=1), _fake_dataset(cfg.fake_size // 4, seed=2)
        val_size = max(1, cfg.fake_size // 10)
    elif cfg.dataset == "cifar10":
        from torchvision import datasets, transforms

        to_tensor = transforms.ToTensor()
        full = datasets.CIFAR10(cfg.root, train=True, download=True, transform=to_tensor)
        test = datasets.CIFAR10(cfg.root, train=False, download=True, transform=to_tensor)
        val_size = cfg.val_size
    else:
        raise ValueError(f"unknown dataset {cfg.dataset!r}")
    train, val = random_split(full, [len(full) - val_size, val_size],
                              generator=torch.Generator().manual_seed(split_seed))
    return train, val, test


def make_loader(ds: Dataset, batch_size: int, shuffle: bool, seed: int, num_workers: int = 0,
                drop_last: bool = False) -> DataLoader:
    return DataLoader(ds, batch_size=batch_size, shuffle=shuffle, drop_last=drop_last,
                      num_workers=num_workers, worker_init_fn=seed_worker,
                      generator=torch.Generator().manual_seed(seed),
                      pin_memory=torch.cuda.is_available(), persistent_workers=num_workers > 0)
