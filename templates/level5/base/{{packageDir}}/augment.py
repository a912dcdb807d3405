"""SimCLR-style views, computed on whole batches of tensors.

Two calls of ``augment`` on the same batch give the two views of a positive pair. The randomness
comes from an explicit ``torch.Generator``, so the augmentation stream of a run is fixed by its
seed whatever the model does with the global RNG.

Operations, in SimCLR's order (Chen et al., 2020, Appendix A): a random resized crop with a
horizontal flip (one ``affine_grid`` for the batch), colour distortion (brightness, contrast,
saturation and a hue rotation about the grey axis), random greyscale, and a little pixel noise.
"""
from __future__ import annotations

import math
from typing import Any, Dict, Tuple

import torch
import torch.nn.functional as F

_LUMA = (0.299, 0.587, 0.114)


def _uniform(n: int, low: float, high: float, gen: torch.Generator) -> torch.Tensor:
    return low + (high - low) * torch.rand(n, generator=gen)


def resized_crop_flip(x: torch.Tensor, scale: Tuple[float, float], flip: bool, gen: torch.Generator) -> torch.Tensor:
    """Crops a random area fraction in ``scale`` (aspect ratio 3/4 to 4/3) and resizes it back."""
    b = x.shape[0]
    area = _uniform(b, scale[0], scale[1], gen)
    ratio = torch.exp(_uniform(b, math.log(3 / 4), math.log(4 / 3), gen))
    width = torch.sqrt(area * ratio).clamp(max=1.0)
    height = torch.sqrt(area / ratio).clamp(max=1.0)
    shift_x = _uniform(b, -1, 1, gen) * (1 - width)
    shift_y = _uniform(b, -1, 1, gen) * (1 - height)
    mirror = torch.where(_uniform(b, 0, 1, gen) < 0.5, -1.0, 1.0) if flip else torch.ones(b)
    theta = torch.zeros(b, 2, 3)
    theta[:, 0, 0] = width * mirror
    theta[:, 0, 2] = shift_x
    theta[:, 1, 1] = height
    theta[:, 1, 2] = shift_y
    grid = F.affine_grid(theta.to(x.dtype), list(x.shape), align_corners=False)
    return F.grid_sample(x, grid, mode="bilinear", padding_mode="reflection", align_corners=False)


def grayscale(x: torch.Tensor) -> torch.Tensor:
    weights = torch.tensor(_LUMA, dtype=x.dtype).view(1, 3, 1, 1)
    return (x * weights).sum(dim=1, keepdim=True).expand_as(x)


def hue_rotation(angles: torch.Tensor) -> torch.Tensor:
    """(B, 3, 3) matrices rotating RGB colours by ``angles`` about the grey axis (1, 1, 1)."""
    cos, sin = torch.cos(angles), torch.sin(angles)
    third, root = 1.0 / 3.0, math.sqrt(1.0 / 3.0)
    a = cos + (1 - cos) * third
    b = (1 - cos) * third - root * sin
    c = (1 - cos) * third + root * sin
    return torch.stack([torch.stack([a, b, c], -1), torch.stack([c, a, b], -1), torch.stack([b, c, a], -1)], -2)


def color_distort(x: torch.Tensor, strength: float, gen: torch.Generator, p: float = 0.8) -> torch.Tensor:
    """Brightness, contrast and saturation (0.8 s each, as in SimCLR) and hue (0.2 s of a turn)."""
    b = x.shape[0]
    s = 0.8 * strength
    apply = (_uniform(b, 0, 1, gen) < p).view(b, 1, 1, 1)
    out = x * _uniform(b, 1 - s, 1 + s, gen).view(b, 1, 1, 1)
    mean = grayscale(out).mean(dim=(1, 2, 3), keepdim=True)
    out = (out - mean) * _uniform(b, 1 - s, 1 + s, gen).view(b, 1, 1, 1) + mean
    gray = grayscale(out)
    out = (out - gray) * _uniform(b, 1 - s, 1 + s, gen).view(b, 1, 1, 1) + gray
    rotation = hue_rotation(_uniform(b, -0.2 * strength, 0.2 * strength, gen) * 2 * math.pi).to(x.dtype)
    out = torch.einsum("bij,bjhw->bihw", rotation, out)
    return torch.where(apply, out.clamp(0, 1), x)


def augment(x: torch.Tensor, cfg: Dict[str, Any], gen: torch.Generator) -> torch.Tensor:
    """One random view of every image in the batch, as the config's ``augment`` section says."""
    out = resized_crop_flip(x, tuple(cfg["crop_scale"]), cfg["flip"], gen)
    if cfg["color"]:
        out = color_distort(out, cfg["color_strength"], gen)
        gray = (_uniform(x.shape[0], 0, 1, gen) < cfg["grayscale_p"]).view(-1, 1, 1, 1)
        out = torch.where(gray, grayscale(out), out)
    if cfg["noise_std"] > 0:
        out = out + cfg["noise_std"] * torch.randn(out.shape, generator=gen, dtype=out.dtype)
    return out.clamp(0, 1)


def augment_pair(x: torch.Tensor, cfg: Dict[str, Any], gen: torch.Generator) -> Tuple[torch.Tensor, torch.Tensor]:
    """The two views of a positive pair."""
    return augment(x, cfg, gen), augment(x, cfg, gen)
