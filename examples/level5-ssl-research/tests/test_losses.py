import math

import pytest
import torch
import torch.nn.functional as F

from ssl_research.losses import alignment, info_nce, nt_xent_loss, uniformity


def reference_nt_xent(z1, z2, t):
    """Loop-based transcription of eq. (1) in the SimCLR paper."""
    z = F.normalize(torch.cat([z1, z2]), dim=1)
    n = z1.shape[0]
    total = 0.0
    for i in range(2 * n):
        j = (i + n) % (2 * n)
        sims = torch.stack([z[i] @ z[k] / t for k in range(2 * n) if k != i])
        total += -(z[i] @ z[j] / t) + torch.logsumexp(sims, dim=0)
    return total / (2 * n)


@pytest.mark.parametrize("temperature", [0.1, 0.5, 1.0])
def test_nt_xent_matches_reference(temperature):
    torch.manual_seed(0)
    z1, z2 = torch.randn(6, 16), torch.randn(6, 16)
    assert nt_xent_loss(z1, z2, temperature).item() == pytest.approx(
        reference_nt_xent(z1, z2, temperature).item(), rel=1e-5)


def test_nt_xent_is_symmetric_and_scale_invariant():
    torch.manual_seed(1)
    z1, z2 = torch.randn(8, 32), torch.randn(8, 32)
    assert nt_xent_loss(z1, z2).item() == pytest.approx(nt_xent_loss(z2, z1).item(), rel=1e-6)
    assert nt_xent_loss(3 * z1, 0.5 * z2).item() == pytest.approx(nt_xent_loss(z1, z2).item(), rel=1e-5)


def test_nt_xent_prefers_aligned_pairs():
    torch.manual_seed(2)
    z = torch.randn(32, 64)
    aligned = nt_xent_loss(z, z + 0.01 * torch.randn_like(z))
    random = nt_xent_loss(z, torch.randn(32, 64))
    assert aligned < random
    # random embeddings: loss close to log(2N - 1)
    assert random.item() == pytest.approx(math.log(63), rel=0.15)


def test_nt_xent_gradients_flow_to_both_views():
    z1 = torch.randn(4, 8, requires_grad=True)
    z2 = torch.randn(4, 8, requires_grad=True)
    nt_xent_loss(z1, z2).backward()
    assert z1.grad is not None and z1.grad.abs().sum() > 0
    assert z2.grad is not None and z2.grad.abs().sum() > 0


def test_nt_xent_rejects_mismatched_shapes():
    with pytest.raises(ValueError):
        nt_xent_loss(torch.randn(4, 8), torch.randn(5, 8))


def test_info_nce_in_batch_and_explicit_negatives():
    torch.manual_seed(3)
    q = torch.randn(10, 16)
    easy = info_nce(q, q.clone(), temperature=0.1)
    hard = info_nce(q, torch.randn(10, 16), temperature=0.1)
    assert easy < hard
    basis = torch.eye(16)
    # positives identical, negatives orthogonal: loss = log(1 + 6 * exp(-1 / 0.1))
    separable = info_nce(basis[:10], basis[:10], negatives=basis[10:], temperature=0.1)
    assert separable.item() == pytest.approx(math.log1p(6 * math.exp(-10)), rel=1e-2)


def test_alignment_and_uniformity():
    torch.manual_seed(4)
    z = torch.randn(128, 32)
    assert alignment(z, z).item() == pytest.approx(0.0, abs=1e-6)
    collapsed = torch.ones(128, 32) + 1e-4 * torch.randn(128, 32)
    assert uniformity(z) < uniformity(collapsed)
