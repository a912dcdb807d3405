#!/usr/bin/env python3
"""Write a deterministic synthetic machine-learning repository, for benchmarks.

    gen_repo.py OUT_DIR --files N [--seed S] [--git]

N is the number of files written (not counting .git). The mix, by count, is about
40% Python (a quarter of it tests/test_*.py), 5% Jupyter notebooks, 10% YAML,
15% CSV (a few of them several MB), 15% Markdown, 10% binaries (random bytes, some
over 1 MB), and the rest small JSON/text/shell files, Dockerfiles,
requirements.txt and pyproject.toml files. About 3% of the files sit where a
scanner must not look: node_modules/, .venv/ and *.log, all named in the root
.gitignore (.venv is also hidden, node_modules also on mlproj's built-in skip list).

The same N and seed give a byte-identical tree (names, contents, and the mtimes of
everything outside .git), and with --git the same commit id. Standard library only.
"""

import argparse
import base64
import json
import math
import os
import random
import shutil
import subprocess
import sys
import time

FIXED_TIME = 1704067200  # 2024-01-01T00:00:00Z: every file's and directory's mtime
GIT_DATE = "2024-01-01T00:00:00+00:00"

LEAF_MAX = 180  # at most this many files in one directory (plus a few subdirectories)
LEAF_TARGET = 110
MAX_DEPTH = 6
MIN_DEPTH = 3

# --------------------------------------------------------------------------- vocabulary

NOUNS = ("customer churn fraud transaction feature embedding session user item rating image label "
         "token sample batch event order price sensor signal claim policy account review query "
         "document score metric forecast demand store product region device click vector cluster "
         "segment cohort window invoice basket patient visit loan").split()
VERBS = ("load clean build compute train evaluate encode normalize split merge aggregate predict "
         "score validate export parse filter sample resample transform fit rank embed tokenize "
         "serialize summarize impute").split()
CLASS_SUFFIXES = "Model Dataset Encoder Pipeline Trainer Service Config Transformer Scorer Loader Store Client".split()
DIR_WORDS = ("core features models pipelines training serving utils io metrics preprocessing encoders "
             "datasets experiments analysis monitoring registry tuning inference schemas transforms "
             "evaluation reports ranking retrieval vision nlp tabular timeseries graphs api jobs tasks "
             "common legacy etl quality drift calibration sampling storage").split()
PROSE = ("the a of to and in is for on with that this we model data training set feature features "
         "results using our from be are by as each which run runs pipeline evaluation baseline "
         "accuracy metric metrics dataset validation test split we use value values table column "
         "columns experiment experiments notebook notes see below above should can will may not "
         "only also more than when after before trained tuned hyperparameters learning rate loss "
         "epoch epochs batch size performance improvement drift monitoring deployment service "
         "latency throughput inference request requests users customers fraud churn ranking "
         "recommendation signal signals score scores threshold precision recall").split()
COLUMN_NAMES = ("id customer_id user_id item_id age tenure_months monthly_charges total_charges "
                "amount balance score label target churned is_fraud region segment channel "
                "device country plan clicks sessions rating price quantity discount days_since "
                "event_count avg_basket ctr conversion").split()
CATEGORIES = ("north south east west mobile web retail online basic premium gold silver "
              "bronze A B C yes no").split()
PACKAGES = ("pandas numpy scikit-learn torch fastapi uvicorn mlflow pydantic pyyaml joblib "
            "matplotlib seaborn xgboost lightgbm dvc great-expectations evidently prefect "
            "requests boto3 pytest ruff black mypy hydra-core omegaconf").split()

# --------------------------------------------------------------------------- Python

IMPORTS_BASE = ["import os", "import json", "import logging", "from pathlib import Path",
                "from typing import Any, Dict, List, Optional"]
IMPORTS_ML = {
    "pandas": ["import numpy as np", "import pandas as pd"],
    "sklearn": ["from sklearn.model_selection import train_test_split",
                "from sklearn.ensemble import RandomForestClassifier",
                "from sklearn.metrics import accuracy_score, f1_score, roc_auc_score",
                "from sklearn.preprocessing import OneHotEncoder, StandardScaler",
                "from sklearn.pipeline import Pipeline"],
    "torch": ["import torch", "import torch.nn as nn", "from torch.utils.data import DataLoader, Dataset"],
    "fastapi": ["from fastapi import FastAPI, HTTPException", "from pydantic import BaseModel"],
    "mlflow": ["import mlflow", "import mlflow.sklearn"],
    "yaml": ["import yaml"],
    "joblib": ["import joblib"],
    "plot": ["import matplotlib.pyplot as plt"],
}

PY_CHUNKS = {
    "load": '''
def {fn}(path: str) -> "pd.DataFrame":
    """Load the {noun} table from ``path`` and drop rows without a {col}."""
    df = pd.read_csv(path)
    df = df.dropna(subset=["{col}"])
    logger.info("loaded %d {noun} rows from %s", len(df), path)
    return df
''',
    "features": '''
def {fn}(df: "pd.DataFrame") -> "pd.DataFrame":
    # One-hot encode the categorical columns and fill the gaps in the numeric ones.
    out = df.copy()
    out["{col}"] = out["{col}"].fillna(out["{col}"].median())
    out = pd.get_dummies(out, columns=["{col2}"], drop_first=True)
    scaler = StandardScaler()
    out[["{col}"]] = scaler.fit_transform(out[["{col}"]])
    return out
''',
    "train": '''
def {fn}(X, y, n_estimators: int = {n}, seed: int = {seed}):
    """Train a random forest on a stratified split and return it with its test score."""
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=seed, stratify=y)
    model = RandomForestClassifier(n_estimators=n_estimators, random_state=seed)
    model.fit(X_train, y_train)
    score = accuracy_score(y_test, model.predict(X_test))
    return model, score
''',
    "evaluate": '''
def {fn}(model, X_test, y_test) -> Dict[str, float]:
    proba = model.predict_proba(X_test)[:, 1]
    preds = (proba >= {threshold}).astype(int)
    return {{
        "f1": f1_score(y_test, preds),
        "roc_auc": roc_auc_score(y_test, proba),
        "accuracy": accuracy_score(y_test, preds),
    }}
''',
    "mlflow": '''
def {fn}(params: Dict[str, Any], metrics: Dict[str, float], model=None) -> str:
    """Record one run in the tracking server; returns the run id."""
    mlflow.set_experiment("{noun}-{verb}")
    with mlflow.start_run() as run:
        mlflow.log_params(params)
        for name, value in metrics.items():
            mlflow.log_metric(name, value)
        if model is not None:
            mlflow.sklearn.log_model(model, "model")
        return run.info.run_id
''',
    "torch_module": '''
class {cls}(nn.Module):
    """A small feed-forward network over {noun} features."""

    def __init__(self, in_features: int, hidden: int = {n}, dropout: float = 0.{digit}):
        super().__init__()
        self.net = nn.Sequential(
            nn.Linear(in_features, hidden),
            nn.ReLU(),
            nn.Dropout(dropout),
            nn.Linear(hidden, 1),
        )

    def forward(self, x: "torch.Tensor") -> "torch.Tensor":
        return self.net(x).squeeze(-1)
''',
    "torch_train": '''
def {fn}(model, loader, epochs: int = {small}, lr: float = 1e-{digit}):
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    loss_fn = nn.BCEWithLogitsLoss()
    model.train()
    for epoch in range(epochs):
        total = 0.0
        for xb, yb in loader:
            optimizer.zero_grad()
            loss = loss_fn(model(xb), yb.float())
            loss.backward()
            optimizer.step()
            total += loss.item()
        logger.info("epoch %d loss %.4f", epoch, total / max(1, len(loader)))
    torch.save(model.state_dict(), "{noun}_model.pt")
    return model
''',
    "dataset": '''
class {cls}(Dataset):
    def __init__(self, frame: "pd.DataFrame", target: str = "{col}"):
        self.x = torch.tensor(frame.drop(columns=[target]).values, dtype=torch.float32)
        self.y = torch.tensor(frame[target].values)

    def __len__(self) -> int:
        return len(self.y)

    def __getitem__(self, idx: int):
        return self.x[idx], self.y[idx]
''',
    "api": '''
app = FastAPI(title="{noun} service")
_model = None


class {cls}(BaseModel):
    {col}: float
    {col2}: str = "{cat}"


@app.get("/health")
def health() -> Dict[str, str]:
    return {{"status": "ok"}}


@app.post("/predict")
def {fn}(request: {cls}) -> Dict[str, float]:
    if _model is None:
        raise HTTPException(status_code=503, detail="model not loaded")
    score = float(_model.predict_proba([[request.{col}]])[0][1])
    return {{"score": score}}
''',
    "config": '''
def {fn}(path: str = "configs/{noun}.yaml") -> Dict[str, Any]:
    with open(path, encoding="utf-8") as fh:
        cfg = yaml.safe_load(fh)
    cfg.setdefault("seed", {seed})
    return cfg
''',
    "persist": '''
def {fn}(model, out_dir: str = "models") -> Path:
    target = Path(out_dir) / "{noun}_{verb}.joblib"
    target.parent.mkdir(parents=True, exist_ok=True)
    joblib.dump(model, target)
    return target
''',
    "plot": '''
def {fn}(df, column: str = "{col}", out: str = "reports/{noun}.png") -> None:
    fig, ax = plt.subplots(figsize=(8, 4))
    df[column].hist(ax=ax, bins={small})
    ax.set_title("Distribution of {col}")
    fig.savefig(out)
    plt.close(fig)
''',
    "util": '''
def {fn}(values: List[float], window: int = {small}) -> List[float]:
    # Moving average; the first window-1 values average over what is available.
    out: List[float] = []
    total = 0.0
    for i, value in enumerate(values):
        total += value
        if i >= window:
            total -= values[i - window]
        out.append(total / min(i + 1, window))
    return out
''',
    "class": '''
class {cls}:
    """Keeps {noun} records in memory, keyed by id."""

    def __init__(self, name: str = "{noun}") -> None:
        self.name = name
        self._items: Dict[str, Dict[str, Any]] = {{}}

    def add(self, key: str, record: Dict[str, Any]) -> None:
        if not key:
            raise ValueError("empty key")
        self._items[key] = dict(record)

    def get(self, key: str) -> Optional[Dict[str, Any]]:
        return self._items.get(key)

    def __len__(self) -> int:
        return len(self._items)
''',
}
CHUNK_NEEDS = {"load": "pandas", "features": "sklearn", "train": "sklearn", "evaluate": "sklearn",
               "mlflow": "mlflow", "torch_module": "torch", "torch_train": "torch", "dataset": "torch",
               "api": "fastapi", "config": "yaml", "persist": "joblib", "plot": "plot"}
CHUNK_NAMES = list(PY_CHUNKS)
CHUNK_WEIGHTS = [6, 5, 4, 4, 3, 3, 3, 2, 1, 3, 2, 2, 8, 6]

TEST_CHUNKS = [
    '''
def test_{fn}_{case}():
    result = {fn}({arg})
    assert result is not None
    assert len(result) == {small}
''',
    '''
@pytest.mark.parametrize("value,expected", [({small}, {small}), (0, 0), (-1, -1)])
def test_{fn}_{case}(value, expected):
    assert {fn}(value) == expected
''',
    '''
def test_{fn}_{case}(tmp_path):
    path = tmp_path / "{noun}.csv"
    path.write_text("{col},{col2}\\n1,{cat}\\n2,{cat}\\n")
    df = {fn}(str(path))
    assert list(df.columns) == ["{col}", "{col2}"]
    assert df["{col}"].sum() == 3
''',
    '''
def test_{fn}_{case}_raises():
    with pytest.raises(ValueError):
        {fn}(None)
''',
]


def ident(rng):
    return rng.choice(VERBS) + "_" + rng.choice(NOUNS)


def fill(rng):
    """The values a template may use."""
    noun = rng.choice(NOUNS)
    return {
        "fn": ident(rng), "noun": noun, "verb": rng.choice(VERBS),
        "cls": noun.capitalize() + rng.choice(CLASS_SUFFIXES),
        "col": rng.choice(COLUMN_NAMES), "col2": rng.choice(COLUMN_NAMES), "cat": rng.choice(CATEGORIES),
        "n": rng.choice((32, 64, 100, 128, 200, 256, 300, 500)), "seed": rng.choice((0, 7, 13, 42, 1234)),
        "small": rng.randint(2, 20), "digit": rng.randint(1, 5), "threshold": rng.choice((0.3, 0.4, 0.5, 0.6)),
        "case": rng.choice(("basic", "empty", "edge", "large", "missing", "roundtrip", "types")),
        "arg": rng.choice(("[]", "None", "{}", "[1, 2, 3]", '"x"')),
    }


def sentence(rng, lo=6, hi=18):
    words = rng.choices(PROSE, k=rng.randint(lo, hi))
    return " ".join(words).capitalize() + "."


def paragraph(rng, lo=2, hi=6):
    return " ".join(sentence(rng) for _ in range(rng.randint(lo, hi)))


def python_module(rng):
    chunks = rng.choices(CHUNK_NAMES, weights=CHUNK_WEIGHTS, k=rng.randint(2, 10))
    needs = []
    for chunk in chunks:
        need = CHUNK_NEEDS.get(chunk)
        if need and need not in needs:
            needs.append(need)
    if rng.random() < 0.3:  # an import the module never uses, as real code has
        extra = rng.choice(list(IMPORTS_ML))
        if extra not in needs:
            needs.append(extra)
    lines = ['"""' + sentence(rng, 4, 10) + "\n\n" + paragraph(rng, 1, 3) + '\n"""', ""]
    lines += rng.sample(IMPORTS_BASE, rng.randint(1, len(IMPORTS_BASE)))
    if "pandas" not in needs and ("sklearn" in needs or "torch" in needs):
        needs.insert(0, "pandas")
    for need in needs:
        lines += IMPORTS_ML[need]
    if "logging" not in "\n".join(lines):
        lines.append("import logging")
    lines += ["", "logger = logging.getLogger(__name__)", ""]
    if rng.random() < 0.4:
        lines.append(f"DEFAULT_{rng.choice(COLUMN_NAMES).upper()} = {rng.randint(1, 1000)}")
        lines.append(f'DATA_DIR = Path(os.environ.get("DATA_DIR", "data/{rng.choice(DIR_WORDS)}"))')
    body = []
    for chunk in chunks:
        if rng.random() < 0.25:
            body.append("\n# " + sentence(rng, 5, 14).rstrip(".") + ("" if rng.random() < 0.7 else "  # TODO"))
        body.append(PY_CHUNKS[chunk].format_map(fill(rng)))
    if rng.random() < 0.2:
        body.append('\nif __name__ == "__main__":\n    logging.basicConfig(level=logging.INFO)\n'
                    f'    {ident(rng)}()\n')
    return "\n".join(lines) + "\n" + "\n".join(body)


def python_test(rng, module_ref):
    target_fn = ident(rng)
    lines = ['"""Tests for ' + module_ref + '."""', "", "import pytest", "",
             f"from {module_ref} import {target_fn}", ""]
    if rng.random() < 0.3:
        lines += ["", "@pytest.fixture", "def sample_rows():",
                  f'    return [{{"{rng.choice(COLUMN_NAMES)}": {rng.randint(0, 99)}}} for _ in range(10)]', ""]
    for _ in range(rng.randint(2, 9)):
        values = fill(rng)
        values["fn"] = target_fn
        lines.append(rng.choice(TEST_CHUNKS).format_map(values))
    return "\n".join(lines)


# --------------------------------------------------------------------------- notebooks


def notebook(rng, image_pool):
    cells = []
    counter = 0
    for i in range(rng.randint(4, 24)):
        if i == 0 or rng.random() < 0.35:
            text = "## " + sentence(rng, 2, 6).rstrip(".") + "\n\n" + paragraph(rng, 1, 3)
            cells.append({"cell_type": "markdown", "metadata": {}, "source": lines_of(text)})
            continue
        chunk = rng.choices(CHUNK_NAMES, weights=CHUNK_WEIGHTS)[0]
        code = PY_CHUNKS[chunk].format_map(fill(rng)).strip("\n")
        if rng.random() < 0.4:
            code += f"\ndf = pd.read_csv(\"../data/{rng.choice(NOUNS)}.csv\")\ndf.head()"
        outputs = []
        executed = rng.random() < 0.6
        if executed:
            counter += 1
            roll = rng.random()
            if roll < 0.4:
                outputs.append({"name": "stdout", "output_type": "stream",
                                "text": lines_of("\n".join(f"epoch {e} loss {rng.random():.4f}" for e in range(rng.randint(1, 30))))})
            elif roll < 0.8:
                outputs.append({"data": {"text/plain": [f"{rng.random():.6f}"]}, "execution_count": counter,
                                "metadata": {}, "output_type": "execute_result"})
            else:
                outputs.append({"data": {"image/png": rng.choice(image_pool), "text/plain": ["<Figure size 800x400 with 1 Axes>"]},
                                "metadata": {}, "output_type": "display_data"})
        cells.append({"cell_type": "code", "execution_count": counter if executed else None, "metadata": {},
                      "outputs": outputs, "source": lines_of(code)})
    nb = {"cells": cells,
          "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
                       "language_info": {"name": "python", "version": "3.11.4"}},
          "nbformat": 4, "nbformat_minor": 5}
    for n, cell in enumerate(cells):  # nbformat 4.5 cell ids
        cell["id"] = f"c{n:04d}{rng.getrandbits(32):08x}"
    return json.dumps(nb, indent=1, ensure_ascii=False) + "\n"


def lines_of(text):
    parts = text.split("\n")
    return [p + "\n" for p in parts[:-1]] + [parts[-1]]


# --------------------------------------------------------------------------- YAML


def yaml_config(rng):
    return (f"# {sentence(rng, 4, 10)}\n"
            f"seed: {rng.choice((0, 7, 42, 1234))}\n"
            f"experiment: {rng.choice(NOUNS)}-{rng.choice(VERBS)}\n"
            "data:\n"
            f"  train_path: data/{rng.choice(DIR_WORDS)}/{rng.choice(NOUNS)}_train.csv\n"
            f"  test_path: data/{rng.choice(DIR_WORDS)}/{rng.choice(NOUNS)}_test.csv\n"
            f"  target: {rng.choice(COLUMN_NAMES)}\n"
            "  features:\n" + "".join(f"    - {c}\n" for c in rng.sample(COLUMN_NAMES, rng.randint(3, 10))) +
            "model:\n"
            f"  name: {rng.choice(('random_forest', 'xgboost', 'lightgbm', 'logreg', 'mlp'))}\n"
            "  params:\n"
            f"    n_estimators: {rng.choice((100, 200, 500))}\n"
            f"    max_depth: {rng.randint(3, 12)}\n"
            f"    learning_rate: {rng.choice((0.01, 0.05, 0.1))}\n"
            "trainer:\n"
            f"  epochs: {rng.randint(1, 50)}\n"
            f"  batch_size: {rng.choice((32, 64, 128, 256))}\n"
            f"  early_stopping: {rng.choice(('true', 'false'))}\n"
            "tracking:\n"
            "  mlflow_uri: http://mlflow.internal:5000\n"
            f"  run_name: {ident(rng)}\n")


def k8s_manifest(rng, name):
    return f"""apiVersion: apps/v1
kind: Deployment
metadata:
  name: {name}
  labels:
    app: {name}
spec:
  replicas: {rng.randint(1, 6)}
  selector:
    matchLabels:
      app: {name}
  template:
    metadata:
      labels:
        app: {name}
    spec:
      containers:
        - name: {name}
          image: registry.example.com/{name}:1.{rng.randint(0, 30)}.{rng.randint(0, 9)}
          ports:
            - containerPort: 8000
          resources:
            requests:
              cpu: "{rng.choice(('250m', '500m', '1'))}"
              memory: {rng.choice(('256Mi', '512Mi', '1Gi'))}
            limits:
              memory: {rng.choice(('512Mi', '1Gi', '2Gi'))}
          readinessProbe:
            httpGet:
              path: /health
              port: 8000
---
apiVersion: v1
kind: Service
metadata:
  name: {name}
spec:
  selector:
    app: {name}
  ports:
    - port: 80
      targetPort: 8000
"""


def hpa_manifest(name):
    return f"""apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: {name}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: {name}
  minReplicas: 2
  maxReplicas: 10
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: 70
"""


WORKFLOW = """name: {name}
on:
  push:
    branches: [main]
  pull_request:
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.11"
      - run: pip install -r requirements.txt -r requirements-dev.txt
      - run: ruff check .
      - run: pytest -q --cov=src
{extra}"""

DVC_YAML = """stages:
  prepare:
    cmd: python src/{pkg}/prepare.py data/raw data/prepared
    deps:
      - src/{pkg}/prepare.py
      - data/raw
    outs:
      - data/prepared
  train:
    cmd: python src/{pkg}/train.py data/prepared models/model.pkl
    deps:
      - src/{pkg}/train.py
      - data/prepared
    params:
      - train.seed
      - train.n_estimators
    outs:
      - models/model.pkl
  evaluate:
    cmd: python src/{pkg}/evaluate.py models/model.pkl data/prepared
    deps:
      - models/model.pkl
    metrics:
      - reports/metrics.json:
          cache: false
"""

# --------------------------------------------------------------------------- CSV, Markdown, misc


def csv_text(rng, target_bytes):
    cols = rng.sample(COLUMN_NAMES, rng.randint(4, 12))
    pools = []
    for _ in cols:
        kind = rng.random()
        if kind < 0.35:
            pools.append([str(rng.randint(0, 100000)) for _ in range(97)])
        elif kind < 0.75:
            pools.append([f"{rng.uniform(-100, 1000):.3f}" for _ in range(97)])
        else:
            pools.append(rng.sample(CATEGORIES, 5))
    avg_row = sum(sum(len(v) for v in p) / len(p) + 1 for p in pools) + 7
    rows = max(3, int(target_bytes / avg_row))
    columns = [rng.choices(p, k=rows) for p in pools]
    body = "\n".join(f"{i}," + ",".join(r) for i, r in enumerate(zip(*columns)))
    return "row," + ",".join(cols) + "\n" + body + "\n"


def markdown(rng, big=False):
    out = ["# " + sentence(rng, 2, 6).rstrip("."), "", paragraph(rng)]
    for _ in range(rng.randint(2, 12 if big else 6)):
        roll = rng.random()
        out += ["", "## " + sentence(rng, 2, 5).rstrip("."), ""]
        if roll < 0.4:
            out.append(paragraph(rng, 2, 8))
        elif roll < 0.6:
            out += [f"- {sentence(rng, 3, 10)}" for _ in range(rng.randint(2, 8))]
        elif roll < 0.8:
            out += ["```python", PY_CHUNKS[rng.choice(CHUNK_NAMES)].format_map(fill(rng)).strip("\n"), "```"]
        else:
            out += ["| metric | baseline | model |", "| --- | --- | --- |"]
            out += [f"| {m} | {rng.random():.3f} | {rng.random():.3f} |" for m in ("accuracy", "f1", "roc_auc", "precision")]
        if rng.random() < 0.3:
            out += ["", f"See [{rng.choice(NOUNS)} notes](../{rng.choice(DIR_WORDS)}/README.md)."]
    return "\n".join(out) + "\n"


def requirements(rng):
    pkgs = sorted(rng.sample(PACKAGES, rng.randint(5, 14)))
    return "".join(f"{p}=={rng.randint(0, 3)}.{rng.randint(0, 30)}.{rng.randint(0, 9)}\n" for p in pkgs)


def pyproject(rng, name):
    deps = ", ".join(f'"{p}>={rng.randint(0, 2)}.{rng.randint(0, 20)}"' for p in sorted(rng.sample(PACKAGES, 6)))
    return f"""[build-system]
requires = ["setuptools>=68", "wheel"]
build-backend = "setuptools.build_meta"

[project]
name = "{name}"
version = "0.{rng.randint(1, 20)}.0"
requires-python = ">=3.10"
dependencies = [{deps}]

[project.optional-dependencies]
dev = ["pytest>=7", "ruff>=0.4", "mypy>=1.8"]

[tool.pytest.ini_options]
testpaths = ["tests"]

[tool.ruff]
line-length = 110
"""


def dockerfile(rng, module):
    return f"""FROM python:3.11-slim
WORKDIR /app
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
EXPOSE 8000
HEALTHCHECK CMD python -c "import urllib.request; urllib.request.urlopen('http://localhost:8000/health')"
CMD ["uvicorn", "{module}:app", "--host", "0.0.0.0", "--port", "8000", "--workers", "{rng.randint(1, 4)}"]
"""


def shell_script(rng):
    return ("#!/usr/bin/env bash\nset -euo pipefail\n\n"
            f"# {sentence(rng)}\n"
            f"python -m {rng.choice(DIR_WORDS)}.{ident(rng)} --config configs/{rng.choice(NOUNS)}.yaml \"$@\"\n")


def json_doc(rng):
    return json.dumps({"name": ident(rng), "version": rng.randint(1, 9),
                       "metrics": {m: round(rng.random(), 4) for m in ("accuracy", "f1", "auc")},
                       "features": rng.sample(COLUMN_NAMES, 5)}, indent=2) + "\n"


def log_text(rng):
    return "".join(f"2024-01-01 00:{i // 60 % 60:02d}:{i % 60:02d} INFO step={i} loss={rng.random():.4f}\n"
                   for i in range(rng.randint(50, 400)))


BINARY_MAGIC = {".png": b"\x89PNG\r\n\x1a\n", ".pkl": b"\x80\x04\x95", ".pt": b"PK\x03\x04",
                ".joblib": b"\x80\x04\x95", ".npy": b"\x93NUMPY", ".parquet": b"PAR1", ".onnx": b"\x08\x07"}


def binary(rng, ext, size):
    magic = BINARY_MAGIC.get(ext, b"")
    return magic + rng.randbytes(max(0, size - len(magic)))


# --------------------------------------------------------------------------- layout

# area, share of the bulk files, kind weights
AREAS = [
    ("src", 0.32, {"py": 86, "md": 4, "yaml": 4, "json": 3, "txt": 3}),
    ("tests", 0.105, {"test": 90, "csv": 5, "yaml": 3, "json": 2}),
    ("notebooks", 0.066, {"ipynb": 78, "csv": 10, "png": 8, "md": 4}),
    ("configs", 0.085, {"yaml": 93, "md": 3, "json": 4}),
    ("data", 0.155, {"csv": 90, "bin": 6, "md": 4}),
    ("docs", 0.128, {"md": 93, "png": 5, "yaml": 2}),
    ("models", 0.083, {"bin": 92, "yaml": 3, "json": 5}),
    ("scripts", 0.02, {"py": 50, "sh": 50}),
]
DATA_BIN_EXTS = [".parquet", ".npy"]
MODEL_BIN_EXTS = [".pkl", ".pt", ".joblib", ".onnx", ".npy"]


def split_counts(rng, total, parts):
    weights = [rng.uniform(0.5, 1.5) for _ in range(parts)]
    scale = total / sum(weights)
    counts = [int(w * scale) for w in weights]
    for i in range(total - sum(counts)):
        counts[i % parts] += 1
    return counts


def child_names(rng, k):
    names = []
    for word in rng.sample(DIR_WORDS, min(k, len(DIR_WORDS))):
        names.append(word)
    i = 0
    while len(names) < k:
        names.append(f"{DIR_WORDS[i % len(DIR_WORDS)]}_{i // len(DIR_WORDS) + 2}")
        i += 1
    return names


def tree(rng, base, n, depth):
    """Directories under base holding n files in total: [(dir, count)], each dir within LEAF_MAX files."""
    if depth >= MAX_DEPTH or (n <= LEAF_MAX and depth >= MIN_DEPTH and rng.random() < 0.65):
        return [(base, n)]
    here = min(n, rng.randint(0, 3)) if n > LEAF_MAX else 0  # a README or __init__ beside subdirectories
    rest = n - here
    if rest <= LEAF_MAX:
        k = 1 if rest <= LEAF_TARGET // 2 else rng.randint(1, 3)
    else:
        want = math.ceil(rest / LEAF_TARGET)
        levels_left = MAX_DEPTH - depth
        k = max(2, min(want, rng.randint(4, 16) if levels_left > 1 else 200))
    out = [(base, here)] if here else []
    for name, count in zip(child_names(rng, k), split_counts(rng, rest, k)):
        if count:
            out += tree(rng, f"{base}/{name}", count, depth + 1)
    return out


class Writer:
    def __init__(self, root):
        self.root = root
        self.dirs = set()
        self.files = 0
        self.bytes = 0
        self.by_ext = {}

    def write(self, rel, data):
        if isinstance(data, str):
            data = data.encode("utf-8")
        parent = os.path.dirname(rel)
        if parent and parent not in self.dirs:
            os.makedirs(os.path.join(self.root, parent), exist_ok=True)
            self.dirs.add(parent)
        path = os.path.join(self.root, rel)
        with open(path, "wb") as fh:
            fh.write(data)
        os.utime(path, (FIXED_TIME, FIXED_TIME))
        self.files += 1
        self.bytes += len(data)
        base = os.path.basename(rel)
        ext = os.path.splitext(base)[1] or base
        count, size = self.by_ext.get(ext, (0, 0))
        self.by_ext[ext] = (count + 1, size + len(data))

    def finish(self):
        """Sets every directory's mtime, deepest first (a write into a directory changes its mtime)."""
        every = {""}
        for d in self.dirs:
            while d and d not in every:
                every.add(d)
                d = os.path.dirname(d)
        for d in sorted(every, key=lambda p: (-p.count("/"), p)):
            os.utime(os.path.join(self.root, d), (FIXED_TIME, FIXED_TIME))


def unique_name(used, stem, ext):
    name = stem + ext
    i = 2
    while name in used:
        name = f"{stem}_{i}{ext}"
        i += 1
    used.add(name)
    return name


TOP_FILES = 17  # written at the top, in .github and in deploy
SERVICE_FILES = 8  # written per service


def service_count(n_files):
    return max(1, min(8, n_files // 12000))


def ignored_count(n_files):
    return max(3, n_files * 3 // 100)


def minimum_files(n_files):
    """The smallest --files that leaves each area at least ten files, given the fixed ones for n_files."""
    return TOP_FILES + SERVICE_FILES * service_count(n_files) + ignored_count(n_files) + 10 * len(AREAS)


def generate(out, n_files, seed):
    rng = random.Random(seed)
    w = Writer(out)
    image_pool = [base64.b64encode(rng.randbytes(rng.randint(2000, 30000))).decode("ascii") for _ in range(16)]
    pkg = "mlcore"

    # --- fixed files at the top and in the services
    services = service_count(n_files)
    w.write(".gitignore", "# generated\n*.log\n__pycache__/\n*.egg-info/\n.venv/\nnode_modules/\n.ipynb_checkpoints/\n")
    w.write("README.md", markdown(rng, big=True))
    w.write("requirements.txt", requirements(rng))
    w.write("requirements-dev.txt", "pytest==8.2.0\nruff==0.4.4\nmypy==1.10.0\npytest-cov==5.0.0\n")
    w.write("pyproject.toml", pyproject(rng, pkg))
    w.write("Dockerfile", dockerfile(rng, f"{pkg}.serving.api"))
    w.write("dvc.yaml", DVC_YAML.format(pkg=pkg))
    w.write("params.yaml", yaml_config(rng))
    w.write("MLproject", f"name: {pkg}\npython_env: python_env.yaml\nentry_points:\n  main:\n"
                         f"    command: python -m {pkg}.train --config configs/train.yaml\n")
    w.write("Makefile", "test:\n\tpytest -q\n\nlint:\n\truff check .\n\ntrain:\n\tdvc repro\n")
    w.write("docker-compose.yml", "services:\n" + "".join(
        f"  svc{i}:\n    build: services/svc{i}\n    ports:\n      - \"{8000 + i}:8000\"\n" for i in range(services)))
    w.write("LICENSE", "MIT License\n\nCopyright (c) 2024 Synthetic Authors\n")
    w.write(".github/workflows/ci.yml", WORKFLOW.format(name="ci", extra=""))
    w.write(".github/workflows/train.yml", WORKFLOW.format(
        name="train", extra="      - run: dvc repro\n      - run: python -m mlcore.evaluate --fail-under 0.8\n"))
    w.write(".github/workflows/deploy.yml", WORKFLOW.format(
        name="deploy", extra="      - run: docker build -t mlcore .\n      - run: kubectl apply -f deploy/k8s/\n"))
    w.write("deploy/k8s/deployment.yaml", k8s_manifest(rng, pkg))
    w.write("deploy/k8s/hpa.yaml", hpa_manifest(pkg))
    for i in range(services):
        base = f"services/svc{i}"
        w.write(f"{base}/Dockerfile", dockerfile(rng, "app.main"))
        w.write(f"{base}/requirements.txt", requirements(rng))
        w.write(f"{base}/pyproject.toml", pyproject(rng, f"svc{i}"))
        w.write(f"{base}/README.md", markdown(rng))
        w.write(f"{base}/app/__init__.py", "")
        w.write(f"{base}/app/main.py", python_module(rng) + PY_CHUNKS["api"].format_map(fill(rng)))
        w.write(f"{base}/k8s/deployment.yaml", k8s_manifest(rng, f"svc{i}"))
        w.write(f"{base}/dvc.yaml", DVC_YAML.format(pkg=f"svc{i}"))

    assert w.files == TOP_FILES + SERVICE_FILES * services, w.files
    # --- files the tools must skip: ~3% of the total
    ignored = ignored_count(n_files)
    n_modules = ignored * 2 // 5
    n_venv = ignored * 2 // 5
    n_logs = ignored - n_modules - n_venv
    for rel, count in tree(rng, "frontend/node_modules", n_modules, 2):
        for j in range(count):
            w.write(f"{rel}/index{j}.js" if j else f"{rel}/package.json",
                    f"module.exports = function f{j}(x) {{ return x * {j}; }};\n" if j else json_doc(rng))
    for rel, count in tree(rng, ".venv/lib/python3.11/site-packages", n_venv, 4):
        for j in range(count):  # vendored ML code that would skew an assessment if read
            w.write(f"{rel}/mod{j}.py", python_module(rng))
    for j in range(n_logs):
        w.write(f"logs/run_{j // 150}/train_{j}.log", log_text(rng))

    # --- the bulk, spread over the areas
    bulk = n_files - w.files
    shares = [int(bulk * share) for _, share, _ in AREAS]
    shares[0] += bulk - sum(shares)
    plan = []  # (dir, area, count)
    for (area, _, _), count in zip(AREAS, shares):
        root = f"src/{pkg}" if area == "src" else area
        for rel, c in tree(rng, root, count, root.count("/") + 1):
            plan.append((rel, area, c))

    src_modules = []
    slots = []  # (path, kind)
    for rel, area, count in plan:
        weights = dict(next(a[2] for a in AREAS if a[0] == area))
        kinds = rng.choices(list(weights), weights=list(weights.values()), k=count)
        used = set()
        for i, kind in enumerate(kinds):
            if i == 0 and area in ("src", "tests"):
                kind = "init"
            if kind == "init":
                name = unique_name(used, "__init__", ".py")
            elif kind == "py":
                name = unique_name(used, ident(rng), ".py")
                src_modules.append((rel + "/" + name[:-3]).replace("src/", "", 1).replace("/", "."))
            elif kind == "test":
                name = unique_name(used, "test_" + ident(rng), ".py")
            elif kind == "ipynb":
                name = unique_name(used, f"{rng.randint(1, 99):02d}_{ident(rng)}", ".ipynb")
            elif kind == "bin":
                exts = DATA_BIN_EXTS if area == "data" else MODEL_BIN_EXTS
                name = unique_name(used, f"{rng.choice(NOUNS)}_v{rng.randint(1, 40)}", rng.choice(exts))
            elif kind == "png":
                name = unique_name(used, f"{rng.choice(NOUNS)}_{rng.choice(('hist', 'roc', 'confusion', 'shap'))}", ".png")
            elif kind == "md":
                name = unique_name(used, "README" if i < 2 else ident(rng), ".md")
            else:
                name = unique_name(used, ident(rng), "." + kind)
            slots.append((rel + "/" + name, kind))

    # the few big ones
    csv_slots = [i for i, (_, k) in enumerate(slots) if k == "csv"]
    bin_slots = [i for i, (_, k) in enumerate(slots) if k in ("bin", "png")]
    big_csv = set(rng.sample(csv_slots, min(len(csv_slots), max(1, n_files // 5000))))
    big_bin = set(rng.sample(bin_slots, min(len(bin_slots), max(1, n_files // 2000))))
    src_modules = src_modules or [pkg]

    for i, (rel, kind) in enumerate(slots):
        if kind == "init":
            data = "" if rng.random() < 0.7 else f'"""{sentence(rng)}"""\n'
        elif kind == "py":
            data = python_module(rng)
        elif kind == "test":
            data = python_test(rng, rng.choice(src_modules))
        elif kind == "ipynb":
            data = notebook(rng, image_pool)
        elif kind == "yaml":
            data = yaml_config(rng) if rng.random() < 0.97 else k8s_manifest(rng, ident(rng).replace("_", "-"))
        elif kind == "csv":
            size = rng.randint(2_000_000, 6_000_000) if i in big_csv else int(rng.lognormvariate(8.0, 1.0))
            data = csv_text(rng, size)
        elif kind == "md":
            data = markdown(rng, big=rng.random() < 0.1)
        elif kind in ("bin", "png"):
            if i in big_bin:
                size = rng.randint(1_100_000, 3_000_000)
            elif rng.random() < 0.1:
                size = rng.randint(16_000, 128_000)
            else:
                size = rng.randint(1_000, 16_000)
            data = binary(rng, os.path.splitext(rel)[1], size)
        elif kind == "json":
            data = json_doc(rng)
        elif kind == "txt":
            data = paragraph(rng) + "\n"
        elif kind == "sh":
            data = shell_script(rng)
        else:
            raise AssertionError(kind)
        w.write(rel, data)

    w.finish()
    assert w.files == n_files, (w.files, n_files)
    return w


def git_commit(out):
    env = dict(os.environ)
    env.update({"GIT_AUTHOR_NAME": "Bench Author", "GIT_AUTHOR_EMAIL": "bench@example.com",
                "GIT_COMMITTER_NAME": "Bench Author", "GIT_COMMITTER_EMAIL": "bench@example.com",
                "GIT_AUTHOR_DATE": GIT_DATE, "GIT_COMMITTER_DATE": GIT_DATE,
                "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1"})
    opts = ["-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false", "-c", "core.autocrlf=false",
            "-c", "core.compression=1", "-c", "gc.auto=0"]

    def git(*args):
        subprocess.run(["git", *opts, *args], cwd=out, env=env, check=True, stdout=subprocess.DEVNULL)

    git("init", "-q")
    git("add", "-A")
    git("commit", "-q", "--no-verify", "-m", "Synthetic repository for mlproj benchmarks")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", metavar="OUT_DIR", help="directory to create (must not exist, or be empty)")
    parser.add_argument("--files", type=int, required=True, metavar="N", help="number of files to write")
    parser.add_argument("--seed", type=int, default=42, metavar="S", help="random seed (default 42)")
    parser.add_argument("--git", action="store_true", help="git init and commit everything once, with fixed dates")
    args = parser.parse_args()

    if args.files < minimum_files(args.files):
        sys.exit(f"gen_repo: --files {args.files} is too small (use at least {minimum_files(args.files)})")
    if os.path.exists(args.out) and os.listdir(args.out):
        sys.exit(f"gen_repo: {args.out} exists and is not empty")
    if args.git and shutil.which("git") is None:
        sys.exit("gen_repo: --git needs the git CLI (apt-get install -y git)")
    os.makedirs(args.out, exist_ok=True)
    started = time.monotonic()
    w = generate(args.out, args.files, args.seed)
    written = time.monotonic()
    if args.git:
        git_commit(args.out)
        w.finish()  # git init changed the top directory's mtime
    done = time.monotonic()

    print(f"gen_repo: {w.files} files, {len(w.dirs)} directories, {w.bytes / 1e6:.1f} MB in {args.out} "
          f"(seed {args.seed}); wrote in {written - started:.1f}s"
          + (f", git commit in {done - written:.1f}s" if args.git else ""), file=sys.stderr)
    for ext, (count, size) in sorted(w.by_ext.items(), key=lambda kv: -kv[1][0]):
        print(f"  {ext:16} {count:7d} files {size / 1e6:9.1f} MB", file=sys.stderr)


if __name__ == "__main__":
    main()
