"""SimCLR-style augmentations on batched tensors (run on the GPU, one kernel per op).

Per-sample randomness comes from an explicit ``torch.Generator`` so augmentation
streams are reproducible independently of the model's RNG use.
"""
from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import nn

from .config import AugmentConfig

CIFAR_MEAN = (0.4914, 0.4822, 0.4465)
CIFAR_STD = (0.2470, 0.2435, 0.2616)


def _uniform(n: int, low: float, high: float, gen: torch.Generator, device) -> torch.Tensor:
    return low + (high - low) * torch.rand(n, generator=gen, device="cpu").to(device)


def random_resized_crop_flip(x: torch.Tensor, scale: tuple[float, float], flip_p: float,
                             gen: torch.Generator) -> torch.Tensor:
    """Crop a random area fraction in ``scale`` (aspect 3/4..4/3), resize back, maybe flip.

    Implemented as one affine ``grid_sample`` for the whole batch.
    """
    b = x.shape[0]
    area = _uniform(b, *scale, gen, x.device)
    log_ratio = _uniform(b, torch.log(torch.tensor(3 / 4)).item(), torch.log(torch.tensor(4 / 3)).item(),
                         gen, x.device)
    ratio = torch.exp(log_ratio)
    sw = torch.sqrt(area * ratio).clamp(max=1.0)   # width / height as a fraction of the image
    sh = torch.sqrt(area / ratio).clamp(max=1.0)
    tx = (_uniform(b, -1, 1, gen, x.device)) * (1 - sw)
    ty = (_uniform(b, -1, 1, gen, x.device)) * (1 - sh)
    flip = torch.where(_uniform(b, 0, 1, gen, x.device) < flip_p, -1.0, 1.0)

    theta = torch.zeros(b, 2, 3, device=x.device, dtype=x.dtype)
    theta[:, 0, 0] = sw * flip
    theta[:, 0, 2] = tx
    theta[:, 1, 1] = sh
    theta[:, 1, 2] = ty
    grid = F.affine_grid(theta, list(x.shape), align_corners=False)
    return F.grid_sample(x, grid, mode="bilinear", padding_mode="reflection", align_corners=False)


def _grayscale(x: torch.Tensor) -> torch.Tensor:
    w = torch.tensor([0.299, 0.587, 0.114], device=x.device, dtype=x.dtype).view(1, 3, 1, 1)
    return (x * w).sum(dim=1, keepdim=True).expand_as(x)


def color_jitter(x: torch.Tensor, strength: float, p: float, gen: torch.Generator) -> torch.Tensor:
    """Brightness, contrast and saturation jitter (0.8s, 0.8s, 0.8s as in SimCLR).

    Hue jitter is left out: it needs an RGB->HSV round trip and made no difference
    on CIFAR-10 in our runs (see paper/notes.md).
    """
    b = x.shape[0]
    s = 0.8 * strength
    apply = (_uniform(b, 0, 1, gen, x.device) < p).view(b, 1, 1, 1)
    brightness = _uniform(b, 1 - s, 1 + s, gen, x.device).view(b, 1, 1, 1)
    contrast = _uniform(b, 1 - s, 1 + s, gen, x.device).view(b, 1, 1, 1)
    saturation = _uniform(b, 1 - s, 1 + s, gen, x.device).view(b, 1, 1, 1)

    out = x * brightness
    mean = _grayscale(out).mean(dim=(1, 2, 3), keepdim=True)
    out = (out - mean) * contrast + mean
    gray = _grayscale(out)
    out = (out - gray) * saturation + gray
    return torch.where(apply, out.clamp(0, 1), x)


def random_grayscale(x: torch.Tensor, p: float, gen: torch.Generator) -> torch.Tensor:
    apply = (_uniform(x.shape[0], 0, 1, gen, x.device) < p).view(-1, 1, 1, 1)
    return torch.where(apply, _grayscale(x), x)


class SimCLRAugment(nn.Module):
    """Call twice on the same batch to get the two views."""

    def __init__(self, cfg: AugmentConfig, seed: int = 0):
        super().__init__()
        self.cfg = cfg
        self.gen = torch.Generator().manual_seed(seed)
        self.register_buffer("mean", torch.tensor(CIFAR_MEAN).view(1, 3, 1, 1))
        self.register_buffer("std", torch.tensor(CIFAR_STD).view(1, 3, 1, 1))

    @torch.no_grad()
    def forward(self, x: torch.Tensor) -> torch.Tensor:
        c = self.cfg
        x = random_resized_crop_flip(x, c.crop_scale, c.flip_p, self.gen)
        x = color_jitter(x, c.jitter_strength, c.jitter_p, self.gen)
        x = random_grayscale(x, c.grayscale_p, self.gen)
        return self.normalize(x)

    def normalize(self, x: torch.Tensor) -> torch.Tensor:
        return (x - self.mean) / self.std
