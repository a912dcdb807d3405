"""Automated ingestion of the processor's daily settlement files.

The processor drops one CSV per day into ``data.landing_dir``. Each pipeline run picks up the
files it has not ingested yet (a ledger keeps their checksums and daily statistics), validates
them, compares each with the days before (``validation.daily_anomalies``), appends the valid rows
to ``raw/transactions.csv`` and moves rejected files to ``data.quarantine_dir`` next to a JSON
file with the reasons. Running it again ingests nothing new.
"""
from __future__ import annotations

import hashlib
import json
import logging
import shutil
from pathlib import Path
from typing import Any, Dict, List

import pandas as pd

from .validation import daily_anomalies, daily_stats, transaction_problems

logger = logging.getLogger(__name__)
EXPORT_PATTERN = "transactions_*.csv"


def _checksum(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _read_ledger(path: Path) -> Dict[str, Dict[str, Any]]:
    return json.loads(path.read_text()) if path.exists() else {}


def pending_exports(landing: Path, ledger: Dict[str, Dict[str, Any]]) -> List[Path]:
    """Files in the landing folder that the ledger has not seen with this content."""
    if not landing.is_dir():
        return []
    files = sorted(path for path in landing.iterdir() if path.match(EXPORT_PATTERN))
    return [path for path in files if ledger.get(path.name, {}).get("sha256") != _checksum(path)]


def _quarantine(path: Path, reasons: List[str], quarantine: Path) -> None:
    quarantine.mkdir(parents=True, exist_ok=True)
    shutil.move(str(path), quarantine / path.name)
    (quarantine / f"{path.stem}.reasons.json").write_text(json.dumps(reasons, indent=2))
    logger.warning("quarantined %s: %s", path.name, "; ".join(reasons))


def ingest_landing(config: Dict[str, Any]) -> Dict[str, Any]:
    """Validates and appends every new file; returns what was accepted and rejected."""
    settings = config["data"]
    landing, quarantine = Path(settings["landing_dir"]), Path(settings["quarantine_dir"])
    target, ledger_path = Path(settings["raw_dir"]) / "transactions.csv", Path(settings["ledger"])
    ledger = _read_ledger(ledger_path)
    exports = {path: pd.read_csv(path, dtype={"amount": str, "transaction_id": str}) for path in pending_exports(landing, ledger)}
    rejected: Dict[str, List[str]] = {}
    for path, frame in exports.items():
        problems = transaction_problems(frame)
        if problems:
            rejected[path.name] = problems
    candidates = [daily_stats(frame, path.name) for path, frame in exports.items() if path.name not in rejected]
    history = [{key: entry[key] for key in ("file", "rows", "frauds", "median_amount")} for entry in ledger.values()]
    for name, reasons in daily_anomalies(pd.DataFrame(history + candidates), settings["anomaly_z_threshold"]).items():
        if name not in ledger:
            rejected.setdefault(name, []).extend(reasons)
    accepted = [path for path in exports if path.name not in rejected]
    if accepted:
        new_rows = pd.concat([exports[path] for path in accepted], ignore_index=True)
        combined = pd.concat([pd.read_csv(target, dtype={"amount": str}), new_rows]) if target.exists() else new_rows
        combined.drop_duplicates().to_csv(target, index=False)
    for path in accepted:
        ledger[path.name] = {"sha256": _checksum(path), **daily_stats(exports[path], path.name)}
    for path in exports:
        if path.name in rejected:
            _quarantine(path, rejected[path.name], quarantine)
    ledger_path.parent.mkdir(parents=True, exist_ok=True)
    ledger_path.write_text(json.dumps(ledger, indent=2))
    summary = {"accepted": [p.name for p in accepted], "rejected": rejected}
    logger.info("ingested %d file(s), rejected %d", len(accepted), len(rejected))
    return summary
