"""Retraining triggered by drift, with a champion/challenger gate before anything is promoted.

    python -m <package>.retrain --config configs/config.yaml [--force] [--no-prepare]

Settings come from the ``retraining`` section of the configuration:

0. **Prepare.** The ``prepare`` commands (a list of argument lists) run first: whatever refreshes
   the data and writes the drift report (an orchestrator that runs those as its own tasks passes
   ``--no-prepare``).
1. **Trigger.** Retraining starts when there is no champion yet, when the drift report (``drift_report``, as written by
   ``python -m <package>.drift``) lists at least ``min_drifted_features`` drifted features, or when
   the champion's average precision on recent labelled data (``recent_labelled``, optional) is more
   than ``max_ap_drop`` below the one recorded next to it when it was trained, or with ``--force``.
2. **Retrain.** ``command`` (a list of arguments) trains a challenger and writes it to
   ``challenger_path``.
3. **Compare.** Champion and challenger score the ``holdout`` (labelled payments neither was
   trained on). The challenger is promoted only if its average precision beats the champion's by
   ``min_improvement``: the champion is archived to ``archive_dir`` (for rollback) and replaced
   atomically, together with its metadata file. Otherwise the challenger stays where it is, and
   shadow or A/B routing (``champion.py``) can keep comparing the two on live traffic.
4. **Record.** Every run writes its decision to ``decisions_dir`` and prints it.
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

import joblib
import numpy as np
import pandas as pd
import yaml
from sklearn.metrics import average_precision_score

logger = logging.getLogger(__name__)

DEFAULTS: Dict[str, Any] = {
    "prepare": [],
    "drift_report": "reports/drift.json",
    "min_drifted_features": 1,
    "recent_labelled": None,
    "max_ap_drop": 0.1,
    "command": None,
    "challenger_path": "models/challenger.joblib",
    "holdout": "data/processed/test.csv",
    "target": "label",
    "min_improvement": 0.0,
    "archive_dir": "models/archive",
    "decisions_dir": "reports/retraining",
}


def load_settings(config_path: str | Path) -> Dict[str, Any]:
    """The ``retraining`` section of the configuration over the defaults; the champion is
    ``MODEL_PATH`` (default ``models/model.joblib``)."""
    config = yaml.safe_load(Path(config_path).read_text()) if Path(config_path).exists() else {}
    settings = {**DEFAULTS, **(config or {}).get("retraining", {})}
    settings["champion_path"] = os.environ.get("MODEL_PATH", settings.get("champion_path", "models/model.joblib"))
    return settings


def _metadata(model_path: str | Path) -> Dict[str, Any]:
    path = Path(model_path).with_suffix(".json")
    return json.loads(path.read_text()) if path.exists() else {}


def average_precision(model: Any, frame: pd.DataFrame, target: str) -> float:
    columns = getattr(model, "feature_names_in_", None)
    features = frame[list(columns)] if columns is not None else frame.drop(columns=[target])
    return float(average_precision_score(frame[target], model.predict_proba(features)[:, 1]))


def drift_trigger(report: Dict[str, Any], min_drifted: int) -> Tuple[bool, List[str]]:
    """Whether enough features drifted, and which."""
    drifted = list(report.get("drifted_features", []))
    return len(drifted) >= min_drifted and bool(report.get("drift_detected", drifted)), drifted


def performance_trigger(champion: Any, recent: pd.DataFrame, target: str, recorded: Optional[float],
                        max_drop: float) -> Tuple[bool, Dict[str, Optional[float]]]:
    """Whether the champion's AP on recent labelled data fell more than ``max_drop`` below the recorded AP."""
    if recorded is None or recent[target].nunique() < 2:
        return False, {"recorded_ap": recorded, "recent_ap": None}
    recent_ap = average_precision(champion, recent, target)
    return recent_ap < recorded - max_drop, {"recorded_ap": recorded, "recent_ap": recent_ap}


def should_retrain(settings: Dict[str, Any]) -> Tuple[bool, Dict[str, Any]]:
    """The trigger: no champion yet, drift in the latest report, or decay of the champion on recent labels."""
    missing = not Path(settings["champion_path"]).exists()
    reasons: Dict[str, Any] = {"champion_missing": missing}
    report_path = Path(settings["drift_report"])
    drifted, features = (drift_trigger(json.loads(report_path.read_text()), settings["min_drifted_features"])
                         if report_path.exists() else (False, []))
    reasons["drift"] = {"triggered": drifted, "drifted_features": features, "report": str(report_path)}
    decayed = False
    if settings.get("recent_labelled") and Path(settings["recent_labelled"]).exists() \
            and Path(settings["champion_path"]).exists():
        decayed, numbers = performance_trigger(
            joblib.load(settings["champion_path"]), pd.read_csv(settings["recent_labelled"]), settings["target"],
            _metadata(settings["champion_path"]).get("val_average_precision"), settings["max_ap_drop"])
        reasons["performance"] = {"triggered": decayed, **numbers}
    return missing or drifted or decayed, reasons


def promote(challenger_path: str | Path, champion_path: str | Path, archive_dir: str | Path) -> Optional[Path]:
    """Archives the champion (model and metadata) and moves the challenger into its place."""
    challenger, champion = Path(challenger_path), Path(champion_path)
    archived = None
    if champion.exists():
        archive = Path(archive_dir)
        archive.mkdir(parents=True, exist_ok=True)
        archived = archive / f"{champion.stem}-{time.strftime('%Y%m%d-%H%M%S')}{champion.suffix}"
        shutil.copy2(champion, archived)
        if champion.with_suffix(".json").exists():
            shutil.copy2(champion.with_suffix(".json"), archived.with_suffix(".json"))
    if challenger.with_suffix(".json").exists():
        os.replace(challenger.with_suffix(".json"), champion.with_suffix(".json"))
    elif champion.with_suffix(".json").exists():
        champion.with_suffix(".json").unlink()  # the old threshold does not belong to the new model
    os.replace(challenger, champion)
    return archived


def _run_command(command: List[Any]) -> None:
    logger.info("running: %s", " ".join(map(str, command)))
    subprocess.run([str(part) for part in command], check=True)


def run(settings: Dict[str, Any], force: bool = False, prepare: bool = True) -> Dict[str, Any]:
    """Prepare, trigger, retrain, compare, promote; returns the decision record (also written to disk)."""
    if prepare:
        for command in settings.get("prepare") or []:
            _run_command(command)
    triggered, reasons = should_retrain(settings)
    decision: Dict[str, Any] = {"time": time.strftime("%Y-%m-%dT%H:%M:%S"), "forced": force, "trigger": reasons,
                                "retrained": False, "promoted": False}
    if triggered or force:
        if not settings.get("command"):
            raise ValueError("retraining is needed but retraining.command is not set in the configuration")
        _run_command(settings["command"])
        decision["retrained"] = True
        holdout = pd.read_csv(settings["holdout"])
        challenger_ap = average_precision(joblib.load(settings["challenger_path"]), holdout, settings["target"])
        champion_ap = (average_precision(joblib.load(settings["champion_path"]), holdout, settings["target"])
                       if Path(settings["champion_path"]).exists() else float("-inf"))
        decision.update(champion_ap=None if np.isinf(champion_ap) else champion_ap, challenger_ap=challenger_ap)
        if challenger_ap > champion_ap + settings["min_improvement"]:
            archived = promote(settings["challenger_path"], settings["champion_path"], settings["archive_dir"])
            decision.update(promoted=True, archived_champion=None if archived is None else str(archived))
    out = Path(settings["decisions_dir"])
    out.mkdir(parents=True, exist_ok=True)
    (out / f"decision-{time.strftime('%Y%m%d-%H%M%S')}.json").write_text(json.dumps(decision, indent=2, default=str))
    logger.info("retraining decision: %s", decision)
    return decision


def main(argv: Optional[List[str]] = None) -> None:
    parser = argparse.ArgumentParser(description="Retrain when features drift; promote the challenger if it wins.")
    parser.add_argument("--config", default="configs/config.yaml")
    parser.add_argument("--force", action="store_true", help="retrain even without drift or decay")
    parser.add_argument("--check", action="store_true", help="only evaluate the trigger; exit 0 if retraining is needed")
    parser.add_argument("--no-prepare", action="store_true", help="skip retraining.prepare (the orchestrator ran it)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    settings = load_settings(args.config)
    if args.check:
        needed, reasons = should_retrain(settings)
        print(json.dumps({"retrain": needed, **reasons}, default=str))
        raise SystemExit(0 if needed else 1)
    print(json.dumps(run(settings, args.force, prepare=not args.no_prepare), default=str))


if __name__ == "__main__":
    main()
