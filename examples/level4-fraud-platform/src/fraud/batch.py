"""Nightly batch re-scoring of the previous day's transactions.

Catches fraud the real-time path missed (late features, outages) and fills the
analysts' review queue.

    python -m fraud.batch --input /data/exports/transactions_2024-06-01.csv
"""
from __future__ import annotations

import argparse
import logging
from pathlib import Path

import pandas as pd

from .config import load_config
from .data import add_card_features, load_transactions
from .scoring import Scorer

log = logging.getLogger(__name__)


def rescore(scorer: Scorer, transactions: pd.DataFrame, history: pd.DataFrame | None = None) -> pd.DataFrame:
    """Score ``transactions``; ``history`` (earlier transactions) feeds the card windows."""
    frame = pd.concat([history, transactions]) if history is not None else transactions
    frame = add_card_features(frame.reset_index(drop=True))
    frame = frame[frame["transaction_id"].isin(transactions["transaction_id"])]
    out = frame[["transaction_id", "card_id", "amount", "ts"]].copy()
    out["score"] = scorer.score_frame(frame)
    out["decision"] = out["score"].map(scorer.decide)
    out["model_version"] = scorer.version
    return out.sort_values("score", ascending=False, ignore_index=True)


def main(argv=None) -> pd.DataFrame:
    parser = argparse.ArgumentParser()
    parser.add_argument("--config")
    parser.add_argument("--input", required=True, help="day of transactions to re-score")
    parser.add_argument("--history", help="earlier transactions for the card windows")
    parser.add_argument("--output", default="outputs/review_queue.csv")
    args = parser.parse_args(argv)

    cfg = load_config(args.config)
    serving = cfg["serving"]
    scorer = Scorer.load(serving["champion_dir"], review_threshold=serving["review_threshold"],
                         decline_threshold=serving["decline_threshold"])
    day = load_transactions(args.input)
    history = load_transactions(args.history) if args.history else None
    scored = rescore(scorer, day, history)

    out = Path(args.output)
    out.parent.mkdir(parents=True, exist_ok=True)
    queue = scored[scored["decision"] != "approve"]
    queue.to_csv(out, index=False)
    log.info("re-scored %d transactions, %d queued for review (%s)", len(scored), len(queue), out)
    return scored


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    main()
