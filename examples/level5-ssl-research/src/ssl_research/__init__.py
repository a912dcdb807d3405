"""Gated token mixing for self-supervised vision transformers (research code)."""

__version__ = "0.3.0"
