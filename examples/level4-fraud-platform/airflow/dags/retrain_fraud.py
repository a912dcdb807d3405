"""Daily drift check; retrain, evaluate and promote the fraud model when drift is found.

materialize_features -> check_drift -> build_dataset -> retrain -> evaluate -> promote

A promoted model becomes the *challenger* (served in shadow mode by the API);
making it champion is a manual decision after reviewing a week of shadow logs.
"""
from __future__ import annotations

from datetime import datetime, timedelta

from airflow import DAG
from airflow.exceptions import AirflowSkipException
from airflow.operators.python import PythonOperator, ShortCircuitOperator

CONFIG = "/opt/fraud/configs/config.yaml"
EXPORTS = "/data/exports"
WORK_DIR = "/data/retrain/{{ ds_nodash }}"


def _cfg(work_dir: str | None = None):
    from fraud.config import load_config

    if work_dir is None:
        return load_config(CONFIG)
    return load_config(CONFIG, overrides={
        "data": {"raw_path": f"{work_dir}/transactions.csv",
                 "processed_dir": f"{work_dir}/processed",
                 "card_features_path": f"{work_dir}/card_features.parquet"},
    })


def materialize_features(ds: str, **_):
    from feast import FeatureStore

    store = FeatureStore(repo_path="/opt/fraud/feature_repo")
    store.materialize_incremental(end_date=datetime.fromisoformat(ds) + timedelta(days=1))


def check_drift(ds: str, params: dict, **_) -> bool:
    from fraud.drift import check_drift as run_check

    report = run_check(_cfg(), current_path=f"{EXPORTS}/transactions_{ds}.csv")
    print(f"drift={report['drift']} features={report['drifted_features']} score_psi={report['score_psi']}")
    return bool(report["drift"] or params.get("force_retrain", False))


def build_dataset(ds: str, work_dir: str, **_):
    """Last 90 days of exports -> time-split parquet files for training."""
    import os

    import pandas as pd

    from fraud import data

    os.makedirs(work_dir, exist_ok=True)
    days = pd.date_range(end=ds, periods=90, freq="D").strftime("%Y-%m-%d")
    raw = pd.concat([pd.read_csv(f"{EXPORTS}/transactions_{d}.csv") for d in days], ignore_index=True)
    raw.to_csv(f"{work_dir}/transactions.csv", index=False)

    cfg = _cfg(work_dir)
    tx = data.load_transactions(cfg["data"]["raw_path"])
    splits = data.temporal_split(data.add_card_features(tx), cfg["data"]["val_days"],
                                 cfg["data"]["test_days"])
    os.makedirs(cfg["data"]["processed_dir"], exist_ok=True)
    for name, part in zip(("train", "val", "test"), splits):
        part.to_parquet(f"{cfg['data']['processed_dir']}/{name}.parquet", index=False)


def retrain(work_dir: str, **_) -> dict:
    from fraud.train import run_training

    result = run_training(_cfg(work_dir), artifacts_dir=f"{work_dir}/artifacts")
    return {"run_id": result["run_id"], "artifacts_dir": result["artifacts_dir"]}


def evaluate(work_dir: str, ti, **_) -> dict:
    from pathlib import Path

    import joblib
    import pandas as pd

    from fraud.evaluate import evaluate_bundle, should_promote

    cfg = _cfg(work_dir)
    trained = ti.xcom_pull(task_ids="retrain")
    test = pd.read_parquet(f"{work_dir}/processed/test.parquet")
    ecfg = cfg["evaluate"]
    candidate = evaluate_bundle(joblib.load(f"{trained['artifacts_dir']}/bundle.joblib"), test,
                                ecfg["review_cost"], ecfg["max_review_rate"])
    champion_path = Path(cfg["serving"]["champion_dir"]) / "bundle.joblib"
    champion = (evaluate_bundle(joblib.load(champion_path), test, ecfg["review_cost"],
                                ecfg["max_review_rate"]) if champion_path.exists() else None)
    decision = should_promote(candidate, champion, ecfg["min_pr_auc_gain"])
    print(f"candidate PR-AUC {candidate['ensemble']['pr_auc']:.4f}, champion "
          f"{champion['ensemble']['pr_auc'] if champion else float('nan'):.4f}, promote={decision}")
    return {"run_id": trained["run_id"], "promote": decision,
            "candidate_pr_auc": candidate["ensemble"]["pr_auc"]}


def promote(ti, **_):
    from fraud.evaluate import promote as set_alias

    result = ti.xcom_pull(task_ids="evaluate")
    if not result["promote"]:
        raise AirflowSkipException("candidate is not better than the champion")
    version = set_alias(_cfg(), result["run_id"], alias="challenger")
    print(f"fraud-ensemble v{version} is now the challenger")


default_args = {
    "owner": "fraud-ml",
    "retries": 2,
    "retry_delay": timedelta(minutes=10),
    "email_on_failure": True,
    "email": ["fraud-ml-oncall@example.com"],
}

with DAG(
    dag_id="retrain_fraud",
    description="Drift-triggered retraining of the fraud ensemble",
    schedule="30 2 * * *",
    start_date=datetime(2024, 1, 1),
    catchup=False,
    max_active_runs=1,
    default_args=default_args,
    params={"force_retrain": False},
    tags=["fraud", "ml", "retraining"],
) as dag:
    t_materialize = PythonOperator(task_id="materialize_features", python_callable=materialize_features)
    t_drift = ShortCircuitOperator(task_id="check_drift", python_callable=check_drift)
    t_dataset = PythonOperator(task_id="build_dataset", python_callable=build_dataset,
                               op_kwargs={"work_dir": WORK_DIR})
    t_retrain = PythonOperator(task_id="retrain", python_callable=retrain,
                               op_kwargs={"work_dir": WORK_DIR},
                               execution_timeout=timedelta(hours=3))
    t_evaluate = PythonOperator(task_id="evaluate", python_callable=evaluate,
                                op_kwargs={"work_dir": WORK_DIR})
    t_promote = PythonOperator(task_id="promote", python_callable=promote)

    t_materialize >> t_drift >> t_dataset >> t_retrain >> t_evaluate >> t_promote
