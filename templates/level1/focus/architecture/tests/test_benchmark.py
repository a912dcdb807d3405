from benchmark import default_model, measure
from make_data import make_passengers


def test_benchmark_reports_positive_times_and_throughput():
    result = measure(default_model().set_params(model__n_estimators=20), make_passengers(n_rows=500, seed=1), repeats=1)
    assert result["rows"] == 500
    assert result["train_time_seconds"] > 0
    assert result["batch_predictions_per_second"] > 100
    assert 0 < result["single_row_latency_ms"] < 1000
