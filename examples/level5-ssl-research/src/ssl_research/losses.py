"""Contrastive objectives, written out explicitly (no library losses)."""
from __future__ import annotations

import torch
import torch.nn.functional as F


def nt_xent_loss(z1: torch.Tensor, z2: torch.Tensor, temperature: float = 0.2) -> torch.Tensor:
    """NT-Xent (SimCLR, arXiv:2002.05709, eq. 1) over a batch of N positive pairs.

    Each of the 2N views has one positive (its partner) and 2N - 2 negatives.
    """
    if z1.shape != z2.shape:
        raise ValueError("z1 and z2 must have the same shape")
    n = z1.shape[0]
    z = F.normalize(torch.cat([z1, z2], dim=0), dim=1)
    sim = z @ z.t() / temperature
    self_mask = torch.eye(2 * n, dtype=torch.bool, device=z.device)
    sim = sim.masked_fill(self_mask, float("-inf"))  # a view is not its own negative
    targets = torch.cat([torch.arange(n, 2 * n), torch.arange(0, n)]).to(z.device)
    return F.cross_entropy(sim, targets)


def info_nce(query: torch.Tensor, positive: torch.Tensor, negatives: torch.Tensor | None = None,
             temperature: float = 0.1) -> torch.Tensor:
    """InfoNCE (arXiv:1807.03748) with explicit negatives, or in-batch negatives if None."""
    query, positive = F.normalize(query, dim=1), F.normalize(positive, dim=1)
    if negatives is None:
        logits = query @ positive.t()                       # (N, N), diagonal = positives
        targets = torch.arange(query.shape[0], device=query.device)
    else:
        negatives = F.normalize(negatives, dim=1)
        pos = (query * positive).sum(dim=1, keepdim=True)   # (N, 1)
        logits = torch.cat([pos, query @ negatives.t()], dim=1)
        targets = torch.zeros(query.shape[0], dtype=torch.long, device=query.device)
    return F.cross_entropy(logits / temperature, targets)


def alignment(z1: torch.Tensor, z2: torch.Tensor, alpha: float = 2.0) -> torch.Tensor:
    """Wang & Isola (arXiv:2005.10242): expected distance between positive pairs (lower = better)."""
    z1, z2 = F.normalize(z1, dim=1), F.normalize(z2, dim=1)
    return (z1 - z2).norm(dim=1).pow(alpha).mean()


def uniformity(z: torch.Tensor, t: float = 2.0) -> torch.Tensor:
    """Log of the mean Gaussian potential between all pairs (lower = more uniform)."""
    z = F.normalize(z, dim=1)
    return torch.pdist(z, p=2).pow(2).mul(-t).exp().mean().log()
