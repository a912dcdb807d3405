"""Content recommendation engine for the media platform."""

__version__ = "1.3.0"
