"""Contrastive objectives and representation diagnostics, written out (no library losses).

This module depends on torch only.
"""
from __future__ import annotations

from typing import Optional

import torch
import torch.nn.functional as F


def nt_xent_loss(z1: torch.Tensor, z2: torch.Tensor, temperature: float = 0.2) -> torch.Tensor:
    """NT-Xent, the normalised temperature-scaled cross entropy of SimCLR (Chen et al., 2020, eq. 1).

    For N pairs there are 2N views; the positive of view i is its partner, the other 2N - 2
    views are its negatives. The loss is averaged over all 2N views (both directions).
    """
    if z1.shape != z2.shape or z1.dim() != 2:
        raise ValueError(f"expected two (N, D) batches of the same shape, got {tuple(z1.shape)} and {tuple(z2.shape)}")
    if temperature <= 0:
        raise ValueError("temperature must be positive")
    n = z1.shape[0]
    z = F.normalize(torch.cat([z1, z2], dim=0), dim=1)
    logits = z @ z.t() / temperature
    logits = logits.masked_fill(torch.eye(2 * n, dtype=torch.bool, device=z.device), float("-inf"))
    partner = torch.cat([torch.arange(n, 2 * n), torch.arange(0, n)]).to(z.device)
    return F.cross_entropy(logits, partner)


def info_nce_loss(query: torch.Tensor, positive: torch.Tensor, negatives: Optional[torch.Tensor] = None,
                  temperature: float = 0.1) -> torch.Tensor:
    """InfoNCE (van den Oord et al., 2018) with explicit negatives, or the other positives of the
    batch as negatives when ``negatives`` is None (the one-directional form of NT-Xent)."""
    query, positive = F.normalize(query, dim=1), F.normalize(positive, dim=1)
    if negatives is None:
        logits = query @ positive.t()
        targets = torch.arange(query.shape[0], device=query.device)
    else:
        negatives = F.normalize(negatives, dim=1)
        logits = torch.cat([(query * positive).sum(dim=1, keepdim=True), query @ negatives.t()], dim=1)
        targets = torch.zeros(query.shape[0], dtype=torch.long, device=query.device)
    return F.cross_entropy(logits / temperature, targets)


def alignment(z1: torch.Tensor, z2: torch.Tensor, alpha: float = 2.0) -> torch.Tensor:
    """Wang and Isola (2020): expected distance between the two views of an image (lower is better)."""
    z1, z2 = F.normalize(z1, dim=1), F.normalize(z2, dim=1)
    return (z1 - z2).norm(dim=1).pow(alpha).mean()


def uniformity(z: torch.Tensor, t: float = 2.0) -> torch.Tensor:
    """Wang and Isola (2020): log mean Gaussian potential over all pairs (lower is more uniform)."""
    z = F.normalize(z, dim=1)
    return torch.pdist(z, p=2).pow(2).mul(-t).exp().mean().log()
