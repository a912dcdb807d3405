from pathlib import Path

import pytest
import yaml

from churn.config import load_config

CONFIG = Path(__file__).resolve().parents[1] / "configs" / "config.yaml"


def test_project_config_loads():
    cfg = load_config(CONFIG)
    assert cfg.target == "churned"
    assert cfg.paths.raw_dir == Path("data/raw")
    assert 0 < cfg.split.test_size < 1
    assert cfg.imbalance_strategy in {"class_weight", "smote"}
    assert cfg.business.churn_loss > cfg.business.offer_cost


def test_invalid_imbalance_strategy_is_rejected(tmp_path):
    raw = yaml.safe_load(CONFIG.read_text())
    raw["imbalance"]["strategy"] = "magic"
    path = tmp_path / "config.yaml"
    path.write_text(yaml.safe_dump(raw))
    with pytest.raises(ValueError, match="imbalance"):
        load_config(path)
