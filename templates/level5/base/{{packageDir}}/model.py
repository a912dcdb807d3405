"""The encoder under study and its projection heads.

The contribution is :class:`GatedContextBlock`. A residual block only sees a 3x3 neighbourhood
per convolution, but a shape is defined by how its parts relate across the whole image. A gated
block keeps the residual block's local branch, adds a global-context branch, and lets every
sample choose, per channel, how much of each to use:

    h       = ReLU(BN(x))
    local   = Conv3x3(ReLU(BN(Conv3x3(h))))                the baseline's residual branch
    context = MLP(sum_p softmax_p(w . h_p) h_p)            attention-pooled global context
    g       = sigmoid(W_g mean_p(h) + b_g)                 (B, C, 1, 1), input-dependent
    out     = x + g * local + (1 - g) * context            context broadcast over positions

With g = 1 the block is exactly the baseline's :class:`ResidualBlock`. With ``gate="fixed"``
g is 0.5 everywhere (the ``ablation_fixed_gate`` config): both branches stay, only the
input-dependent routing is removed. ``block="residual"`` builds the baseline encoder from plain
residual blocks of the same widths.

Every class takes plain arguments; ``build_model`` reads them from the config's ``model``
section. This module depends on torch only.
"""
from __future__ import annotations

from typing import Any, Dict, List, Tuple

import torch
import torch.nn.functional as F
from torch import nn


class ResidualBlock(nn.Module):
    """Pre-activation residual block (He et al., 2016): the baseline."""

    def __init__(self, channels: int):
        super().__init__()
        self.bn1, self.bn2 = nn.BatchNorm2d(channels), nn.BatchNorm2d(channels)
        self.conv1 = nn.Conv2d(channels, channels, 3, padding=1, bias=False)
        self.conv2 = nn.Conv2d(channels, channels, 3, padding=1, bias=False)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        h = self.conv1(F.relu(self.bn1(x)))
        return x + self.conv2(F.relu(self.bn2(h)))


class AttentionPool(nn.Module):
    """Global context: a softmax over positions of a 1x1 score, then a bottleneck MLP."""

    def __init__(self, channels: int, reduction: int = 4):
        super().__init__()
        hidden = max(channels // reduction, 4)
        self.score = nn.Conv2d(channels, 1, 1)
        self.transform = nn.Sequential(nn.Linear(channels, hidden), nn.LayerNorm(hidden), nn.ReLU(inplace=True),
                                       nn.Linear(hidden, channels))

    def forward(self, h: torch.Tensor) -> torch.Tensor:
        weights = self.score(h).flatten(2).softmax(dim=-1)            # (B, 1, HW)
        pooled = (h.flatten(2) * weights).sum(dim=-1)                 # (B, C)
        return self.transform(pooled)[:, :, None, None]                # (B, C, 1, 1)


class GatedContextBlock(nn.Module):
    """The residual branch and a global-context branch, blended by a learned per-sample, per-channel gate."""

    def __init__(self, channels: int, gate: str = "learned"):
        super().__init__()
        if gate not in ("learned", "fixed"):
            raise ValueError(f"gate must be 'learned' or 'fixed', got {gate!r}")
        self.bn1, self.bn2 = nn.BatchNorm2d(channels), nn.BatchNorm2d(channels)
        self.conv1 = nn.Conv2d(channels, channels, 3, padding=1, bias=False)
        self.conv2 = nn.Conv2d(channels, channels, 3, padding=1, bias=False)
        self.context = AttentionPool(channels)
        self.gate = nn.Linear(channels, channels) if gate == "learned" else None
        if self.gate is not None:  # centred on 0.5 (zero bias) but input-dependent from the first step
            nn.init.zeros_(self.gate.bias)
        self.last_gate: torch.Tensor | None = None

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        h = F.relu(self.bn1(x))
        local = self.conv2(F.relu(self.bn2(self.conv1(h))))
        if self.gate is not None:
            g = torch.sigmoid(self.gate(h.mean(dim=(2, 3))))[:, :, None, None]
        else:
            g = torch.full((x.shape[0], x.shape[1], 1, 1), 0.5, dtype=x.dtype, device=x.device)
        self.last_gate = g.detach()
        return x + g * local + (1 - g) * self.context(h)


class Encoder(nn.Module):
    """Stem, three stages (width w, 2w, 4w; resolution halved twice), global average pooling."""

    def __init__(self, width: int = 16, blocks_per_stage: int = 1, block: str = "gated", gate: str = "learned"):
        super().__init__()
        if block not in ("gated", "residual"):
            raise ValueError(f"block must be 'gated' or 'residual', got {block!r}")

        def make_block(channels: int) -> nn.Module:
            return GatedContextBlock(channels, gate) if block == "gated" else ResidualBlock(channels)

        layers: List[nn.Module] = [nn.Conv2d(3, width, 3, padding=1, bias=False)]
        channels = width
        for stage in range(3):
            if stage > 0:
                layers += [nn.BatchNorm2d(channels), nn.ReLU(inplace=True),
                           nn.Conv2d(channels, channels * 2, 3, stride=2, padding=1, bias=False)]
                channels *= 2
            layers += [make_block(channels) for _ in range(blocks_per_stage)]
        layers += [nn.BatchNorm2d(channels), nn.ReLU(inplace=True)]
        self.features = nn.Sequential(*layers)
        self.out_dim = channels

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.features(x).mean(dim=(2, 3))

    def gate_statistics(self) -> List[float]:
        """Mean gate of each gated block in the last forward pass (1.0 = local branch only)."""
        return [float(m.last_gate.mean()) for m in self.modules()
                if isinstance(m, GatedContextBlock) and m.last_gate is not None]


class ProjectionHead(nn.Module):
    """g(.) of SimCLR: ``mlp`` (Linear-BN-ReLU-Linear), ``linear``, or ``none`` (identity)."""

    def __init__(self, in_dim: int, kind: str = "mlp", out_dim: int = 64):
        super().__init__()
        if kind == "mlp":
            self.net: nn.Module = nn.Sequential(nn.Linear(in_dim, in_dim, bias=False), nn.BatchNorm1d(in_dim),
                                                nn.ReLU(inplace=True), nn.Linear(in_dim, out_dim))
        elif kind == "linear":
            self.net = nn.Linear(in_dim, out_dim)
        elif kind == "none":
            self.net = nn.Identity()
        else:
            raise ValueError(f"projector must be 'mlp', 'linear' or 'none', got {kind!r}")

    def forward(self, h: torch.Tensor) -> torch.Tensor:
        return self.net(h)


class ContrastiveModel(nn.Module):
    """Encoder f and head g: the loss sees z = g(f(x)); the probe only ever sees h = f(x)."""

    def __init__(self, encoder: Encoder, projector: ProjectionHead):
        super().__init__()
        self.encoder, self.projector = encoder, projector

    def forward(self, x: torch.Tensor) -> Tuple[torch.Tensor, torch.Tensor]:
        h = self.encoder(x)
        return h, self.projector(h)


def build_model(model_cfg: Dict[str, Any]) -> ContrastiveModel:
    """The model a config's ``model`` section describes."""
    encoder = Encoder(model_cfg["width"], model_cfg["blocks_per_stage"], model_cfg["block"], model_cfg["gate"])
    return ContrastiveModel(encoder, ProjectionHead(encoder.out_dim, model_cfg["projector"], model_cfg["projection_dim"]))


def count_parameters(module: nn.Module) -> int:
    return sum(p.numel() for p in module.parameters() if p.requires_grad)
