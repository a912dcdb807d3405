import numpy as np

from checks import check_duplicates, check_missing, check_ranges, check_schema, fare_anomalies, validate
from make_data import make_passengers


def test_clean_synthetic_data_passes_every_check():
    assert validate(make_passengers(seed=3)) == []


def test_schema_check_names_a_missing_column_and_a_wrong_dtype():
    df = make_passengers(seed=3).drop(columns="fare").assign(pclass=lambda d: d["pclass"].astype(str))
    problems = check_schema(df)
    assert "missing column fare" in problems
    assert any(p.startswith("pclass has dtype") for p in problems)


def test_gaps_ranges_and_duplicates_are_reported():
    df = make_passengers(seed=3)
    df.loc[:400, "age"] = np.nan
    df.loc[0, "fare"] = -5.0
    df.loc[1, "passenger_id"] = df.loc[2, "passenger_id"]
    assert any(p.startswith("age is") for p in check_missing(df))
    assert check_ranges(df) == ["1 values of fare outside [0, 1000]"]
    assert check_duplicates(df) == ["1 duplicated passenger ids"]


def test_a_planted_extreme_fare_is_flagged_and_ordinary_fares_are_not():
    df = make_passengers(seed=3)
    third_class = df.index[df["pclass"] == 3][0]
    df.loc[third_class, "fare"] = 900.0
    flags = fare_anomalies(df)
    assert flags[third_class]
    assert flags.mean() < 0.02
