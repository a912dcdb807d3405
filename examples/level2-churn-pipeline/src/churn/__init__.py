"""Customer churn prediction pipeline."""

__version__ = "0.4.0"
