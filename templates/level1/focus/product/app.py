"""A small web page in front of the notebook's model: enter a passenger, get a survival estimate,
and say whether it looks right. Feedback lands in data/feedback.csv for the next training run.

Run: uvicorn app:app --reload   (after the notebook has saved models/model.joblib)
"""
from __future__ import annotations

import csv
import html
import os
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path

import joblib
import pandas as pd
from fastapi import FastAPI, Form, HTTPException
from fastapi.responses import HTMLResponse

FEATURES = ["pclass", "sex", "age", "siblings_spouses", "parents_children", "fare", "embarked"]
FEEDBACK_FIELDS = ["received_at", *FEATURES, "predicted", "user_says_correct"]

app = FastAPI(title="Passenger survival estimate")


def model_path() -> Path:
    return Path(os.environ.get("MODEL_PATH", "models/model.joblib"))


def feedback_path() -> Path:
    return Path(os.environ.get("FEEDBACK_PATH", "data/feedback.csv"))


@lru_cache(maxsize=1)
def load_model(path: Path):
    return joblib.load(path)


def predict(passenger: dict) -> float:
    path = model_path()
    if not path.exists():
        raise HTTPException(status_code=503, detail=f"no model at {path}: run notebooks/01_exploration.ipynb first")
    return float(load_model(path).predict_proba(pd.DataFrame([passenger])[FEATURES])[0, 1])


FORM = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Would they survive?</title>
<style>body{{font-family:sans-serif;max-width:34rem;margin:2rem auto}} label{{display:block;margin:.4rem 0}}</style>
</head><body>
<h1>Would they survive?</h1>
<form method="post" action="/predict">
<label>Class <select name="pclass"><option>1</option><option>2</option><option selected>3</option></select></label>
<label>Sex <select name="sex"><option>female</option><option selected>male</option></select></label>
<label>Age <input name="age" type="number" step="0.5" value="30"></label>
<label>Siblings or spouses aboard <input name="siblings_spouses" type="number" value="0"></label>
<label>Parents or children aboard <input name="parents_children" type="number" value="0"></label>
<label>Fare <input name="fare" type="number" step="0.01" value="15"></label>
<label>Port <select name="embarked"><option>S</option><option>C</option><option>Q</option></select></label>
<button>Estimate</button>
</form>
{result}
</body></html>"""

RESULT = """<h2>Estimated survival probability: {probability:.0%}</h2>
<form method="post" action="/feedback">{hidden}
<p>Does this look right?
<button name="user_says_correct" value="yes">Yes</button>
<button name="user_says_correct" value="no">No</button></p></form>"""


@app.get("/", response_class=HTMLResponse)
def index() -> str:
    return FORM.format(result="")


@app.post("/predict", response_class=HTMLResponse)
def predict_form(pclass: int = Form(...), sex: str = Form(...), age: float = Form(...),
                 siblings_spouses: int = Form(0), parents_children: int = Form(0),
                 fare: float = Form(...), embarked: str = Form("S")) -> str:
    passenger = {"pclass": pclass, "sex": sex, "age": age, "siblings_spouses": siblings_spouses,
                 "parents_children": parents_children, "fare": fare, "embarked": embarked}
    probability = predict(passenger)
    hidden = "".join(f'<input type="hidden" name="{k}" value="{html.escape(str(v))}">' for k, v in passenger.items())
    hidden += f'<input type="hidden" name="predicted" value="{probability:.4f}">'
    return FORM.format(result=RESULT.format(probability=probability, hidden=hidden))


@app.post("/feedback", response_class=HTMLResponse)
def record_feedback(pclass: int = Form(...), sex: str = Form(...), age: float = Form(...),
                    siblings_spouses: int = Form(0), parents_children: int = Form(0), fare: float = Form(...),
                    embarked: str = Form("S"), predicted: float = Form(...), user_says_correct: str = Form(...)) -> str:
    if user_says_correct not in {"yes", "no"}:
        raise HTTPException(status_code=422, detail="user_says_correct must be yes or no")
    row = {"received_at": datetime.now(timezone.utc).isoformat(), "pclass": pclass, "sex": sex, "age": age,
           "siblings_spouses": siblings_spouses, "parents_children": parents_children, "fare": fare,
           "embarked": embarked, "predicted": predicted, "user_says_correct": user_says_correct}
    path = feedback_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    new_file = not path.exists()
    with path.open("a", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=FEEDBACK_FIELDS)
        if new_file:
            writer.writeheader()
        writer.writerow(row)
    return FORM.format(result="<p>Thank you: your feedback was recorded.</p>")
