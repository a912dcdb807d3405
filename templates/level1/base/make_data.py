"""Synthetic passenger manifest: a clean, Titanic-like table with a known signal and some gaps.

The notebook calls this when data/passengers.csv is missing, so the project runs without downloads.
"""
from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pandas as pd


def make_passengers(n_rows: int = 900, seed: int = 42) -> pd.DataFrame:
    """Passengers with class, sex, age, fare and port; survival depends on them like on the Titanic."""
    rng = np.random.default_rng(seed)
    pclass = rng.choice([1, 2, 3], size=n_rows, p=[0.24, 0.21, 0.55])
    sex = rng.choice(["female", "male"], size=n_rows, p=[0.35, 0.65])
    age = np.clip(rng.normal(30 - 4 * (pclass - 2), 13, n_rows), 0.5, 80).round(1)
    fare = np.round(rng.lognormal(4.2 - 0.8 * (pclass - 1), 0.5), 2)
    siblings_spouses = rng.poisson(0.5, n_rows)
    parents_children = rng.poisson(0.4, n_rows)
    embarked = rng.choice(["S", "C", "Q"], size=n_rows, p=[0.72, 0.19, 0.09])
    logit = 1.2 + 2.4 * (sex == "female") - 0.9 * (pclass - 1) - 0.025 * age + 0.003 * fare
    survived = (rng.random(n_rows) < 1 / (1 + np.exp(-logit))).astype(int)
    df = pd.DataFrame({
        "passenger_id": np.arange(1, n_rows + 1),
        "pclass": pclass,
        "sex": sex,
        "age": age,
        "siblings_spouses": siblings_spouses,
        "parents_children": parents_children,
        "fare": fare,
        "embarked": embarked,
        "survived": survived,
    })
    # Real manifests have gaps: ages are often unknown, a few ports were never recorded.
    df.loc[rng.random(n_rows) < 0.18, "age"] = np.nan
    df.loc[rng.random(n_rows) < 0.01, "embarked"] = np.nan
    return df


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=Path("data/passengers.csv"))
    parser.add_argument("--rows", type=int, default=900)
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    make_passengers(args.rows, args.seed).to_csv(args.out, index=False)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
