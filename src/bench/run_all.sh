#!/usr/bin/env bash
# Every benchmark of issue 6 in one run, on a quiet machine: the tables docs/performance.md holds.
# Usage: src/bench/run_all.sh [--quick] [--history-repo DIR] [--out FILE]
#   --quick              smaller sizes and fewer runs (a check that everything works, not figures)
#   --history-repo DIR   a repository with over 1,000 first-parent commits for the history benchmark
#                        (skipped without one: none ships with mlproj)
#   --out FILE           also write the report to FILE
# Needs what each script needs (src/bench/README.md): rg, GNU time, git, /usr/bin/python3, node and npm,
# cookiecutter, and Java 17 with Maven.
set -euo pipefail
cd "$(dirname "$0")/../.."
quick=false
history_repo=""
out=""
while [ "$#" -gt 0 ]; do
  case "$1" in
    --quick) quick=true; shift ;;
    --history-repo) history_repo="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    -h | --help) sed -n 2,9p "$0"; exit 0 ;;
    *) echo "run_all: unknown argument: $1" >&2; exit 2 ;;
  esac
done
if $quick; then
  sizes=1000,10000; runs=1; repos=10; commits=50; small=3
else
  sizes=1000,10000,100000; runs=3; repos=100; commits=1000; small=20
fi
report="$(mktemp)"
trap 'rm -f "$report"' EXIT
section() { printf '\n## %s\n\n' "$1" >>"$report"; echo "run_all: $1" >&2; }

echo "# mlproj benchmarks, $(date -u +%Y-%m-%d), commit $(git rev-parse --short HEAD)" >"$report"
echo "" >>"$report"
echo "$(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -1), load before: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$report"

section "assess against ripgrep (target: at most 2x at 100,000 files, peak RSS under 512 MB)"
src/bench/assess_vs_rg.sh --sizes "$sizes" --runs "$runs" >>"$report"

section "Start-up (target: mlproj --version at most 5x java -version)"
src/bench/startup.sh --runs "$small" >>"$report"

section "batch --jobs 1 against --jobs 2 (target: at least 1.7x on 2 cores)"
src/bench/batch_jobs.sh --repos "$repos" --runs "$runs" >>"$report"

section "Against repolinter with an equivalent ruleset"
src/bench/assess_vs_repolinter.sh --sizes 1000,10000 --runs "$runs" >>"$report"

section "new of a level-4 project against cookiecutter"
src/bench/new_vs_cookiecutter.sh --runs "$small" >>"$report"

section "history over $commits commits, with and without the blob cache"
if [ -n "$history_repo" ]; then
  src/bench/history.sh --repo "$history_repo" --commits "$commits" --runs "$runs" >>"$report"
else
  echo "Skipped: pass --history-repo DIR (a repository with more than $commits first-parent commits)." >>"$report"
fi

section "JMH: the scan's inner loops (files per millisecond of one thread)"
mvn -q -Pbench test-compile exec:exec -Djmh.args="ScanBenchmarks -f 1 $($quick && echo '-wi 1 -i 1 -w 1 -r 1' || echo '-wi 3 -i 5 -w 2 -r 2')" 2>&1 \
  | sed -n '/^Benchmark /,$p' | sed 's/^/    /' >>"$report"

echo "" >>"$report"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$report"
cat "$report"
[ -z "$out" ] || cp "$report" "$out"
