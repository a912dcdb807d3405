import sqlite3

import pandas as pd

from ingest import land, simulate_sources


def test_landing_merges_both_sources_one_row_per_passenger(tmp_path):
    manifest, database = simulate_sources(tmp_path / "raw")
    out = tmp_path / "passengers.csv"
    merged = land(manifest, database, out)
    assert merged["passenger_id"].is_unique
    assert len(merged) == len(pd.read_csv(manifest))
    assert {"fare", "embarked", "pclass", "survived"} <= set(merged.columns)
    assert merged["fare"].notna().all()


def test_a_reissued_ticket_keeps_the_newest_sale(tmp_path):
    manifest, database = simulate_sources(tmp_path / "raw")
    merged = land(manifest, database, tmp_path / "passengers.csv").set_index("passenger_id")
    with sqlite3.connect(database) as connection:
        sales = pd.read_sql_query("SELECT * FROM ticket_sales", connection)
    reissued = sales[sales.duplicated("passenger_id", keep=False)]
    newest = reissued.sort_values("sold_at").groupby("passenger_id").last()["fare"]
    assert len(newest) > 0
    pd.testing.assert_series_equal(merged.loc[newest.index, "fare"], newest, check_names=False)


def test_landing_twice_gives_the_same_file(tmp_path):
    manifest, database = simulate_sources(tmp_path / "raw")
    out = tmp_path / "passengers.csv"
    land(manifest, database, out)
    first = out.read_bytes()
    land(manifest, database, out)
    assert out.read_bytes() == first
