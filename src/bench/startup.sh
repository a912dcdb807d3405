#!/usr/bin/env bash
# Benchmark (not a test): start-up. `./mlproj --version` next to a bare `java -version` (target: at most
# 5x), and `./mlproj assess` of a small example, each the median of R runs after two warm-ups (which
# also let the launcher build the jar and its class-data-sharing archive). Markdown on stdout.
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=20
while [ "$#" -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    -h | --help) sed -n 2,4p "$0"; exit 0 ;;
    *) echo "startup: unknown argument: $1" >&2; exit 2 ;;
  esac
done
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || { echo "startup: --runs must be a positive integer" >&2; exit 2; }

# Median wall time in milliseconds of R runs of a command (output discarded).
median_ms() {
  local times=() start end i
  "$@" >/dev/null 2>&1 || true
  "$@" >/dev/null 2>&1 || true
  for ((i = 0; i < runs; i++)); do
    start=$EPOCHREALTIME
    "$@" >/dev/null 2>&1 || true
    end=$EPOCHREALTIME
    times+=("$(awk -v s="$start" -v e="$end" 'BEGIN {printf "%.1f", (e - s) * 1000}')")
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'
}

java_ms="$(median_ms java -version)"
version_ms="$(median_ms ./mlproj --version)"
assess_ms="$(median_ms ./mlproj assess --format json examples/level3-recommender-service)"
rubric_ms="$(median_ms ./mlproj rubric list)"
echo "| command | median ms | vs java -version |"
echo "| --- | ---: | ---: |"
echo "| java -version | $java_ms | 1.0 |"
for row in "mlproj --version:$version_ms" "mlproj rubric list:$rubric_ms" "mlproj assess examples/level3-recommender-service:$assess_ms"; do
  echo "| ${row%%:*} | ${row##*:} | $(awk -v a="${row##*:}" -v b="$java_ms" 'BEGIN {printf "%.1f", a / b}') |"
done
echo
echo "$runs runs each after 2 warm-ups; $(nproc) cores; $(java -version 2>&1 | head -1); mlproj $(git rev-parse --short HEAD); $(date -u +%Y-%m-%dT%H:%MZ)"
