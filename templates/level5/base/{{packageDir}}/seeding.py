"""One place that makes a run repeatable: every random number generator seeded from the config.

``set_seed`` seeds Python's ``random``, NumPy's global generator and torch (CPU and CUDA), and by
default asks torch for deterministic kernels, so that two runs with the same seed and the same
hardware produce the same numbers. ``generator`` gives a separate torch RNG for streams that must
not depend on how many random numbers the model happened to draw (data augmentation, sampling).

This module depends on nothing but the standard library, NumPy and torch.
"""
from __future__ import annotations

import os
import random

import numpy as np
import torch


def set_seed(seed: int, deterministic: bool = True) -> None:
    """Seeds random, NumPy and torch; with ``deterministic``, also picks deterministic kernels."""
    if not isinstance(seed, int) or seed < 0:
        raise ValueError(f"seed must be a non-negative integer, got {seed!r}")
    random.seed(seed)
    np.random.seed(seed % 2**32)
    torch.manual_seed(seed)
    if torch.cuda.is_available():
        torch.cuda.manual_seed_all(seed)
    if deterministic:
        # cuBLAS needs this workspace setting for deterministic matrix products on CUDA >= 10.2.
        os.environ.setdefault("CUBLAS_WORKSPACE_CONFIG", ":4096:8")
        torch.backends.cudnn.deterministic = True
        torch.backends.cudnn.benchmark = False
        torch.use_deterministic_algorithms(True, warn_only=True)


def generator(seed: int) -> torch.Generator:
    """A torch RNG of its own, for a random stream that is independent of the model's."""
    return torch.Generator().manual_seed(seed)


def seed_worker(worker_id: int) -> None:
    """``DataLoader(worker_init_fn=seed_worker)``: each worker derives its seed from torch's."""
    worker_seed = torch.initial_seed() % 2**32
    np.random.seed(worker_seed)
    random.seed(worker_seed)
