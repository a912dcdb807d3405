"""Nightly batch scoring: precompute top-k recommendations for every user.

Scheduled by cron on the batch host at 02:00 UTC:

    python -m recommender.batch --config configs/config.yaml
"""
from __future__ import annotations

import argparse
import logging
import time
from datetime import datetime, timezone

import pandas as pd

from .config import load_config
from .logging_utils import configure_logging
from .predict import Recommender

log = logging.getLogger(__name__)


def score_users(recommender: Recommender, user_ids, top_k: int, candidate_pool: int,
                chunk_size: int) -> pd.DataFrame:
    parts = []
    for start in range(0, len(user_ids), chunk_size):
        chunk = user_ids[start:start + chunk_size]
        parts.append(recommender.recommend_many(chunk, k=top_k, candidate_pool=candidate_pool))
        log.info("scored chunk", extra={"offset": start, "users": len(chunk)})
    if not parts:
        return pd.DataFrame(columns=["user_id", "item_id", "score", "rank"])
    return pd.concat(parts, ignore_index=True)


def main(config_path: str | None = None, users_path: str | None = None) -> pd.DataFrame:
    cfg = load_config(config_path)
    started = time.perf_counter()
    recommender = Recommender.load(cfg.train.artifacts_dir)
    users = pd.read_csv(users_path or cfg.data.processed_dir / "users.csv")
    user_ids = users["user_id"].drop_duplicates().tolist()

    recs = score_users(recommender, user_ids, cfg.batch.top_k, cfg.serving.candidate_pool,
                       cfg.batch.chunk_size)
    recs["model_version"] = recommender.version
    recs["generated_at"] = datetime.now(timezone.utc).isoformat(timespec="seconds")

    out = cfg.batch.output_path
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".tmp")
    recs.to_csv(tmp, index=False)
    tmp.replace(out)  # atomic swap so readers never see a half-written file
    log.info("batch scoring finished", extra={
        "users": len(user_ids), "rows": len(recs), "output": str(out),
        "seconds": round(time.perf_counter() - started, 1)})
    return recs


if __name__ == "__main__":
    configure_logging()
    parser = argparse.ArgumentParser()
    parser.add_argument("--config", default=None)
    parser.add_argument("--users", default=None, help="CSV with a user_id column")
    args = parser.parse_args()
    main(args.config, args.users)
