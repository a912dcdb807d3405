"""Lets tests import the project's top-level modules (make_data) without installing anything."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
