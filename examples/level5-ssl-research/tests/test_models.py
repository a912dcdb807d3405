import pytest
import torch

from ssl_research.config import ModelConfig
from ssl_research.models import (
    CifarResNet,
    GatedMixingBlock,
    MultiHeadSelfAttention,
    TransformerBlock,
    VisionEncoder,
    build_model,
)

SMALL = dict(dim=32, depth=2, heads=4, patch_size=4, proj_hidden=64, proj_dim=16)


@pytest.mark.parametrize("block", ["transformer", "gated"])
def test_ssl_model_output_shapes(block):
    model = build_model(ModelConfig(block=block, **SMALL))
    h, z = model(torch.randn(5, 3, 32, 32))
    assert h.shape == (5, 32)
    assert z.shape == (5, 16)


def test_attention_matches_pytorch_reference():
    torch.manual_seed(0)
    ours = MultiHeadSelfAttention(dim=16, heads=4)
    ref = torch.nn.MultiheadAttention(16, 4, batch_first=True)
    with torch.no_grad():
        ref.in_proj_weight.copy_(ours.qkv.weight)
        ref.in_proj_bias.copy_(ours.qkv.bias)
        ref.out_proj.weight.copy_(ours.proj.weight)
        ref.out_proj.bias.copy_(ours.proj.bias)
    x = torch.randn(2, 10, 16)
    expected, _ = ref(x, x, x, need_weights=False)
    torch.testing.assert_close(ours(x), expected, rtol=1e-5, atol=1e-5)


def test_gate_starts_balanced_and_stays_in_unit_interval():
    block = GatedMixingBlock(dim=16, heads=2, grid=4)
    x = torch.randn(3, 16, 16)
    assert block(x).shape == x.shape
    torch.testing.assert_close(block.last_gate, torch.full((3, 1, 16), 0.5))
    with torch.no_grad():
        block.gate.weight.normal_(0, 5)
    block(x)
    assert ((block.last_gate > 0) & (block.last_gate < 1)).all()
    assert block.last_gate.std() > 0  # input-dependent after training moves the weights


def test_fixed_gate_ablation_has_no_gate_parameters():
    learned = GatedMixingBlock(dim=16, heads=2, grid=4, learn_gate=True)
    fixed = GatedMixingBlock(dim=16, heads=2, grid=4, learn_gate=False)
    n = lambda m: sum(p.numel() for p in m.parameters())  # noqa: E731
    assert n(learned) - n(fixed) == 16 * 16 + 16
    fixed(torch.randn(2, 16, 16))
    assert torch.all(fixed.last_gate == 0.5)


def test_gate_routes_between_branches():
    """Gate saturated at 1 -> local conv branch contributes nothing."""
    block = GatedMixingBlock(dim=8, heads=2, grid=4).eval()
    with torch.no_grad():
        block.gate.bias.fill_(50.0)
    x = torch.randn(1, 16, 8)
    before = block(x)
    with torch.no_grad():
        block.local.weight.mul_(10)
    torch.testing.assert_close(block(x), before)


def test_encoder_reports_gate_statistics_only_for_gated_blocks():
    gated = VisionEncoder(ModelConfig(block="gated", **SMALL))
    plain = VisionEncoder(ModelConfig(block="transformer", **SMALL))
    x = torch.randn(2, 3, 32, 32)
    gated(x)
    plain(x)
    assert len(gated.gate_statistics()) == 2
    assert plain.gate_statistics() == []
    assert all(isinstance(b, TransformerBlock) for b in plain.blocks)


@pytest.mark.parametrize("depth,out_dim", [(18, 512), (50, 2048)])
def test_cifar_resnet_feature_dim(depth, out_dim):
    net = CifarResNet(depth).eval()
    assert net(torch.randn(2, 3, 32, 32)).shape == (2, out_dim)


def test_invalid_configs_raise():
    with pytest.raises(ValueError):
        build_model(ModelConfig(block="mamba", **SMALL))
    with pytest.raises(ValueError):
        MultiHeadSelfAttention(dim=10, heads=3)
