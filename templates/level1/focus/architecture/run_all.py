"""Runs the whole project unattended: every notebook in order, then the benchmark.

This is what a scheduler calls (docs/deployment.md). Each notebook's code cells run top to bottom in
one namespace from notebooks/, exactly as "Restart & Run All" would; a failing cell stops the run
with the notebook and cell named.
"""
from __future__ import annotations

import json
import logging
import os
import sys
import time
from pathlib import Path

import matplotlib

ROOT = Path(__file__).resolve().parent
log = logging.getLogger("run_all")


def run_notebook(path: Path) -> float:
    """Executes one notebook's code cells; returns the seconds it took."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    namespace: dict = {"__name__": "__main__"}
    start = time.perf_counter()
    for index, cell in enumerate(cells):
        if cell["cell_type"] == "code":
            exec(compile("".join(cell["source"]), f"{path.name}[cell {index}]", "exec"), namespace)
    return time.perf_counter() - start


def main() -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    matplotlib.use("Agg")
    sys.path.insert(0, str(ROOT))
    os.chdir(ROOT / "notebooks")
    for notebook in sorted(Path(".").glob("*.ipynb")):
        log.info("%s finished in %.1f s", notebook.name, run_notebook(notebook))
    os.chdir(ROOT)
    import benchmark

    sys.argv = [sys.argv[0]]
    benchmark.main()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
