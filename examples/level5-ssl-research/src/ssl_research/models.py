"""Encoders for the SSL experiments.

The contribution of this project is :class:`GatedMixingBlock`: every block mixes tokens
with two branches - global multi-head self-attention and a local depthwise convolution
over the patch grid - and a per-sample, per-channel gate computed from the block input
decides how much of each to use:

    g   = sigmoid(W_g · mean_tokens(LN(x)))          (B, 1, D)
    x'  = x + g ⊙ Attn(LN(x)) + (1 - g) ⊙ DWConv(LN(x))
    out = x' + MLP(LN(x'))

With ``learn_gate=False`` the gate is fixed to 0.5 (the "no gating" ablation), which
keeps the extra conv branch but removes the input-dependent routing.
"""
from __future__ import annotations

import math

import torch
import torch.nn.functional as F
from torch import nn

from .config import ModelConfig


class PatchEmbed(nn.Module):
    def __init__(self, img_size: int = 32, patch_size: int = 4, dim: int = 192):
        super().__init__()
        if img_size % patch_size:
            raise ValueError("img_size must be divisible by patch_size")
        self.grid = img_size // patch_size
        self.proj = nn.Conv2d(3, dim, kernel_size=patch_size, stride=patch_size)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.proj(x).flatten(2).transpose(1, 2)  # (B, N, D)


class MultiHeadSelfAttention(nn.Module):
    def __init__(self, dim: int, heads: int, dropout: float = 0.0):
        super().__init__()
        if dim % heads:
            raise ValueError("dim must be divisible by heads")
        self.heads, self.head_dim = heads, dim // heads
        self.qkv = nn.Linear(dim, 3 * dim)
        self.proj = nn.Linear(dim, dim)
        self.drop = nn.Dropout(dropout)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        b, n, d = x.shape
        q, k, v = self.qkv(x).reshape(b, n, 3, self.heads, self.head_dim).permute(2, 0, 3, 1, 4)
        attn = (q @ k.transpose(-2, -1)) / math.sqrt(self.head_dim)
        attn = self.drop(attn.softmax(dim=-1))
        out = (attn @ v).transpose(1, 2).reshape(b, n, d)
        return self.proj(out)


class MLP(nn.Module):
    def __init__(self, dim: int, ratio: float = 4.0, dropout: float = 0.0):
        super().__init__()
        hidden = int(dim * ratio)
        self.net = nn.Sequential(nn.Linear(dim, hidden), nn.GELU(), nn.Dropout(dropout),
                                 nn.Linear(hidden, dim), nn.Dropout(dropout))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.net(x)


class TransformerBlock(nn.Module):
    """Standard pre-norm ViT block (baseline)."""

    def __init__(self, dim: int, heads: int, mlp_ratio: float = 4.0, dropout: float = 0.0, **_):
        super().__init__()
        self.norm1, self.norm2 = nn.LayerNorm(dim), nn.LayerNorm(dim)
        self.attn = MultiHeadSelfAttention(dim, heads, dropout)
        self.mlp = MLP(dim, mlp_ratio, dropout)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = x + self.attn(self.norm1(x))
        return x + self.mlp(self.norm2(x))


class GatedMixingBlock(nn.Module):
    """Attention + local depthwise-conv branch, blended by a learned input-dependent gate."""

    def __init__(self, dim: int, heads: int, grid: int, mlp_ratio: float = 4.0,
                 dropout: float = 0.0, kernel_size: int = 3, learn_gate: bool = True):
        super().__init__()
        self.grid, self.learn_gate = grid, learn_gate
        self.norm1, self.norm2 = nn.LayerNorm(dim), nn.LayerNorm(dim)
        self.attn = MultiHeadSelfAttention(dim, heads, dropout)
        self.local = nn.Conv2d(dim, dim, kernel_size, padding=kernel_size // 2, groups=dim)
        self.gate = nn.Linear(dim, dim) if learn_gate else None
        if self.gate is not None:  # start balanced: sigmoid(0) = 0.5
            nn.init.zeros_(self.gate.weight)
            nn.init.zeros_(self.gate.bias)
        self.mlp = MLP(dim, mlp_ratio, dropout)
        self.last_gate: torch.Tensor | None = None

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        b, n, d = x.shape
        h = self.norm1(x)
        global_branch = self.attn(h)
        grid = h.transpose(1, 2).reshape(b, d, self.grid, self.grid)
        local_branch = self.local(grid).flatten(2).transpose(1, 2)
        if self.gate is not None:
            g = torch.sigmoid(self.gate(h.mean(dim=1))).unsqueeze(1)
        else:
            g = torch.full((b, 1, d), 0.5, device=x.device, dtype=x.dtype)
        self.last_gate = g.detach()
        x = x + g * global_branch + (1.0 - g) * local_branch
        return x + self.mlp(self.norm2(x))


class VisionEncoder(nn.Module):
    def __init__(self, cfg: ModelConfig, img_size: int = 32):
        super().__init__()
        self.patch = PatchEmbed(img_size, cfg.patch_size, cfg.dim)
        n_tokens = self.patch.grid ** 2
        self.pos = nn.Parameter(torch.zeros(1, n_tokens, cfg.dim))
        nn.init.trunc_normal_(self.pos, std=0.02)
        if cfg.block == "gated":
            blocks = [GatedMixingBlock(cfg.dim, cfg.heads, self.patch.grid, cfg.mlp_ratio,
                                       cfg.dropout, cfg.kernel_size, cfg.learn_gate)
                      for _ in range(cfg.depth)]
        elif cfg.block == "transformer":
            blocks = [TransformerBlock(cfg.dim, cfg.heads, cfg.mlp_ratio, cfg.dropout)
                      for _ in range(cfg.depth)]
        else:
            raise ValueError(f"unknown block type {cfg.block!r}")
        self.blocks = nn.ModuleList(blocks)
        self.norm = nn.LayerNorm(cfg.dim)
        self.out_dim = cfg.dim

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.patch(x) + self.pos
        for block in self.blocks:
            x = block(x)
        return self.norm(x).mean(dim=1)  # global average pooling, no CLS token

    def gate_statistics(self) -> list[float]:
        """Mean gate value per block from the last forward pass (1.0 = attention only)."""
        return [float(b.last_gate.mean()) for b in self.blocks
                if isinstance(b, GatedMixingBlock) and b.last_gate is not None]


class BasicBlock(nn.Module):
    expansion = 1

    def __init__(self, c_in: int, c_out: int, stride: int = 1):
        super().__init__()
        self.conv1 = nn.Conv2d(c_in, c_out, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(c_out)
        self.conv2 = nn.Conv2d(c_out, c_out, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(c_out)
        self.shortcut = nn.Sequential()
        if stride != 1 or c_in != c_out:
            self.shortcut = nn.Sequential(nn.Conv2d(c_in, c_out, 1, stride, bias=False),
                                          nn.BatchNorm2d(c_out))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        out = F.relu(self.bn1(self.conv1(x)))
        return F.relu(self.bn2(self.conv2(out)) + self.shortcut(x))


class Bottleneck(nn.Module):
    expansion = 4

    def __init__(self, c_in: int, width: int, stride: int = 1):
        super().__init__()
        c_out = width * self.expansion
        self.body = nn.Sequential(
            nn.Conv2d(c_in, width, 1, bias=False), nn.BatchNorm2d(width), nn.ReLU(inplace=True),
            nn.Conv2d(width, width, 3, stride, 1, bias=False), nn.BatchNorm2d(width), nn.ReLU(inplace=True),
            nn.Conv2d(width, c_out, 1, bias=False), nn.BatchNorm2d(c_out))
        self.shortcut = nn.Sequential()
        if stride != 1 or c_in != c_out:
            self.shortcut = nn.Sequential(nn.Conv2d(c_in, c_out, 1, stride, bias=False),
                                          nn.BatchNorm2d(c_out))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return F.relu(self.body(x) + self.shortcut(x))


class CifarResNet(nn.Module):
    """ResNet with the CIFAR stem used by SimCLR App. B.9 (3x3 conv, no max-pool)."""

    LAYOUT = {18: (BasicBlock, [2, 2, 2, 2]), 34: (BasicBlock, [3, 4, 6, 3]),
              50: (Bottleneck, [3, 4, 6, 3])}

    def __init__(self, depth: int = 18):
        super().__init__()
        block, counts = self.LAYOUT[depth]
        self.stem = nn.Sequential(nn.Conv2d(3, 64, 3, 1, 1, bias=False), nn.BatchNorm2d(64),
                                  nn.ReLU(inplace=True))
        layers, c_in = [], 64
        for i, (width, n) in enumerate(zip((64, 128, 256, 512), counts)):
            for j in range(n):
                layers.append(block(c_in, width, stride=2 if (i > 0 and j == 0) else 1))
                c_in = width * block.expansion
        self.layers = nn.Sequential(*layers)
        self.out_dim = c_in

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return F.adaptive_avg_pool2d(self.layers(self.stem(x)), 1).flatten(1)


class ProjectionHead(nn.Module):
    def __init__(self, in_dim: int, hidden: int = 512, out_dim: int = 128):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(in_dim, hidden), nn.BatchNorm1d(hidden),
                                 nn.ReLU(inplace=True), nn.Linear(hidden, out_dim))

    def forward(self, h: torch.Tensor) -> torch.Tensor:
        return self.net(h)


class SSLModel(nn.Module):
    """Encoder f(.) and projection head g(.); the probe only ever sees f."""

    def __init__(self, encoder: nn.Module, projector: nn.Module):
        super().__init__()
        self.encoder, self.projector = encoder, projector

    def forward(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        h = self.encoder(x)
        return h, self.projector(h)


def build_model(cfg: ModelConfig, img_size: int = 32) -> SSLModel:
    if cfg.arch == "vit":
        encoder: nn.Module = VisionEncoder(cfg, img_size)
    elif cfg.arch == "resnet":
        encoder = CifarResNet(cfg.resnet_depth)
    else:
        raise ValueError(f"unknown arch {cfg.arch!r}")
    return SSLModel(encoder, ProjectionHead(encoder.out_dim, cfg.proj_hidden, cfg.proj_dim))
