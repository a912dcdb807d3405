#!/usr/bin/env bash
# Runs every configuration with three seeds and collects the results table.
# On our cluster: one A100 per run, ~7 h for the ViT runs, ~31 h for the R-50 reproduction.
set -euo pipefail

CONFIGS=(baseline ablation_no_gating full)
SEEDS=(0 1 2)

for cfg in "${CONFIGS[@]}"; do
  for seed in "${SEEDS[@]}"; do
    if [[ -f "runs/${cfg}/seed${seed}/results.json" ]]; then
      echo "skip ${cfg} seed ${seed} (done)"
      continue
    fi
    python -m ssl_research.train_ssl --config "configs/${cfg}.yaml" --seed "${seed}"
  done
done

if [[ "${WITH_REPRO:-0}" == "1" ]]; then
  python -m ssl_research.train_ssl --config configs/simclr_r50_repro.yaml --seed 0
fi

python - <<'PY'
import json, pathlib, statistics
rows = {}
for f in sorted(pathlib.Path("runs").glob("*/seed*/results.json")):
    r = json.loads(f.read_text())
    rows.setdefault(r["name"], []).append(100 * r["test_acc"])
print("| config | n | test acc (mean ± std) |")
print("|---|---|---|")
for name, accs in rows.items():
    std = statistics.stdev(accs) if len(accs) > 1 else 0.0
    print(f"| {name} | {len(accs)} | {statistics.mean(accs):.1f} ± {std:.1f} |")
PY
