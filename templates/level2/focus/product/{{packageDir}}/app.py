"""A page for the retention team: look up a customer's churn risk, and flag calls that were wrong.
Flags land in data/feedback.csv and are reviewed before the next training run.

Run from the project root, after the pipeline has trained a model: uvicorn <package>.app:app --reload
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

from .features import add_features, feature_columns

INPUTS = ["contract", "internet_service", "tenure_months", "senior", "monthly_charges", "support_calls", "data_gb"]
FEEDBACK_FIELDS = ["received_at", *INPUTS, "churn_risk", "outcome"]

app = FastAPI(title="Churn risk lookup")


@lru_cache(maxsize=1)
def load_model(path: str):
    return joblib.load(path)


def churn_risk(customer: dict) -> float:
    path = os.environ.get("MODEL_PATH", "models/model.joblib")
    if not Path(path).exists():
        raise HTTPException(status_code=503, detail=f"no model at {path}: run the pipeline first")
    rows = add_features(pd.DataFrame([customer]))
    return float(load_model(path).predict_proba(rows[feature_columns()])[0, 1])


PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Churn risk</title>
<style>body{{font-family:sans-serif;max-width:36rem;margin:2rem auto}} label{{display:block;margin:.4rem 0}}</style></head>
<body><h1>Churn risk lookup</h1>
<form method="post" action="/risk">
<label>Contract <select name="contract"><option>month-to-month</option><option>one year</option><option>two year</option></select></label>
<label>Internet <select name="internet_service"><option>fiber</option><option>dsl</option><option>none</option></select></label>
<label>Tenure (months) <input name="tenure_months" type="number" value="6"></label>
<label>Senior <select name="senior"><option value="0">no</option><option value="1">yes</option></select></label>
<label>Monthly charges <input name="monthly_charges" type="number" step="0.01" value="70"></label>
<label>Support calls <input name="support_calls" type="number" value="2"></label>
<label>Data (GB) <input name="data_gb" type="number" step="0.1" value="15"></label>
<button>Look up</button></form>{result}</body></html>"""

RESULT = """<h2>Churn risk: {risk:.0%}</h2>
<form method="post" action="/feedback">{hidden}
<p>After the call, what happened?
<button name="outcome" value="stayed">Customer stayed</button>
<button name="outcome" value="left">Customer left</button>
<button name="outcome" value="wrong-call">Should not have been called</button></p></form>"""


def _customer(contract: str, internet_service: str, tenure_months: float, senior: int, monthly_charges: float,
              support_calls: int, data_gb: float) -> dict:
    return {"contract": contract, "internet_service": internet_service, "tenure_months": tenure_months,
            "senior": bool(senior), "monthly_charges": monthly_charges, "support_calls": support_calls, "data_gb": data_gb}


@app.get("/", response_class=HTMLResponse)
def index() -> str:
    return PAGE.format(result="")


@app.post("/risk", response_class=HTMLResponse)
def risk(contract: str = Form(...), internet_service: str = Form(...), tenure_months: float = Form(...),
         senior: int = Form(0), monthly_charges: float = Form(...), support_calls: int = Form(0),
         data_gb: float = Form(0.0)) -> str:
    customer = _customer(contract, internet_service, tenure_months, senior, monthly_charges, support_calls, data_gb)
    value = churn_risk(customer)
    hidden = "".join(f'<input type="hidden" name="{k}" value="{html.escape(str(int(v) if isinstance(v, bool) else v))}">'
                     for k, v in customer.items())
    hidden += f'<input type="hidden" name="churn_risk" value="{value:.4f}">'
    return PAGE.format(result=RESULT.format(risk=value, hidden=hidden))


@app.post("/feedback", response_class=HTMLResponse)
def record_feedback(contract: str = Form(...), internet_service: str = Form(...), tenure_months: float = Form(...),
                    senior: int = Form(0), monthly_charges: float = Form(...), support_calls: int = Form(0),
                    data_gb: float = Form(0.0), churn_risk: float = Form(...), outcome: str = Form(...)) -> str:
    if outcome not in {"stayed", "left", "wrong-call"}:
        raise HTTPException(status_code=422, detail="outcome must be stayed, left or wrong-call")
    row = {"received_at": datetime.now(timezone.utc).isoformat(),
           **_customer(contract, internet_service, tenure_months, senior, monthly_charges, support_calls, data_gb),
           "churn_risk": churn_risk, "outcome": outcome}
    path = Path(os.environ.get("FEEDBACK_PATH", "data/feedback.csv"))
    path.parent.mkdir(parents=True, exist_ok=True)
    new_file = not path.exists()
    with path.open("a", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=FEEDBACK_FIELDS)
        if new_file:
            writer.writeheader()
        writer.writerow(row)
    return PAGE.format(result="<p>Recorded. Thank you.</p>")
