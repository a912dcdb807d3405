"""Real-time card fraud detection."""

__version__ = "2.4.1"
