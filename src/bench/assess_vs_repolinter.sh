#!/usr/bin/env bash
# Benchmark (not a test): `mlproj assess` next to the repolinter npm package running an equivalent
# ruleset (the rubric's file-existence and content rules, made by repolinter_rules.py) on the same
# tree. Prints a Markdown table on stdout; progress on stderr. See src/bench/README.md.
set -euo pipefail

usage() {
  cat <<'USAGE'
usage: src/bench/assess_vs_repolinter.sh [--sizes A,B,...] [--repo DIR] [--runs R] [--timeout S]

  --sizes A,B,...  synthetic repositories of these sizes (default 1000,10000), made by gen_repo.py
  --repo DIR       an existing checkout instead
  --runs R         timed runs per tool (default 3)
  --timeout S      give up on one repolinter run after S seconds (default 1800)
Needs node and npm (repolinter@0.12.0 is installed into ${TMPDIR:-/tmp}/mlproj-bench/repolinter),
/usr/bin/python3 with PyYAML, and GNU time.
USAGE
}

die() { echo "assess_vs_repolinter: $*" >&2; exit 2; }
note() { echo "assess_vs_repolinter: $*" >&2; }

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
project="$(cd "$here/../.." && pwd)"
sizes="1000,10000"
repo=""
runs=3
limit=1800
while [ "$#" -gt 0 ]; do
  case "$1" in
    --sizes) sizes="$2"; shift 2 ;;
    --repo) repo="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --timeout) limit="$2"; shift 2 ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; die "unknown argument: $1" ;;
  esac
done
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || die "--runs must be a positive integer"
command -v npm >/dev/null || die "npm is missing (the machine's Node.js)"
[ -x /usr/bin/time ] || die "GNU time is missing: apt-get install -y time"
/usr/bin/python3 -c 'import yaml' 2>/dev/null || die "/usr/bin/python3 with PyYAML is needed (apt-get install -y python3-yaml)"

cache="${TMPDIR:-/tmp}/mlproj-bench"
mkdir -p "$cache"
linter="$cache/repolinter/node_modules/.bin/repolinter"
if [ ! -x "$linter" ]; then
  note "installing repolinter@0.12.0 into $cache/repolinter"
  mkdir -p "$cache/repolinter"
  (cd "$cache/repolinter" && npm install --no-audit --no-fund --silent repolinter@0.12.0 >&2) || die "npm install repolinter failed"
fi
rules="$cache/repolinter-rules.json"
/usr/bin/python3 "$here/repolinter_rules.py" "$project/rubrics/mlproj.yaml" > "$rules"
"$project/mlproj" --version >/dev/null # build outside the timings

# seconds peak_kb of one command, or "timeout"
timed() {
  local out status
  out="$(mktemp)"
  set +e
  /usr/bin/time -f "%e %M" -o "$out" timeout "$limit" "$@" >/dev/null 2>&1
  status=$?
  set -e
  if [ "$status" -eq 124 ]; then echo "timeout"; else cat "$out"; fi
  rm -f "$out"
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

targets=()
if [ -n "$repo" ]; then
  targets=("$repo")
else
  IFS=, read -r -a list <<<"$sizes"
  for n in "${list[@]}"; do
    dir="$cache/repo-$n"
    want="$(sha256sum "$here/gen_repo.py" | cut -c1-16) seed=42 git" # the stamp assess_vs_rg.sh writes: they share the trees
    if [ ! -f "$dir.stamp" ] || [ "$(cat "$dir.stamp")" != "$want" ]; then
      note "generating $n files in $dir"
      rm -rf "$dir"
      /usr/bin/python3 "$here/gen_repo.py" "$dir" --files "$n" --seed 42 --git >&2
      echo "$want" > "$dir.stamp"
    fi
    targets+=("$dir")
  done
fi

echo "| tree | files | repolinter median s | peak RSS MB | mlproj median s | peak RSS MB | repolinter / mlproj |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
for target in "${targets[@]}"; do
  files="$(git -C "$target" ls-files 2>/dev/null | wc -l || true)"
  rl_times=(); ml_times=(); rl_rss=0; ml_rss=0; rl_timeout=false
  for ((r = 1; r <= runs; r++)); do
    note "$(basename "$target"): run $r of $runs"
    read -r t m <<<"$(timed "$linter" lint "$target" -r "$rules" || true)"
    if [ "$t" = "timeout" ]; then rl_timeout=true; break; fi
    rl_times+=("$t"); [ "$m" -gt "$rl_rss" ] && rl_rss="$m"
    read -r t m <<<"$(timed "$project/mlproj" assess --format json "$target")"
    ml_times+=("$t"); [ "$m" -gt "$ml_rss" ] && ml_rss="$m"
  done
  if $rl_timeout; then
    echo "| $(basename "$target") | $files | over $limit | - | - | - | - |"
    continue
  fi
  rl="$(printf '%s\n' "${rl_times[@]}" | median)"
  ml="$(printf '%s\n' "${ml_times[@]}" | median)"
  echo "| $(basename "$target") | $files | $rl | $((rl_rss / 1024)) | $ml | $((ml_rss / 1024)) | $(awk -v a="$rl" -v b="$ml" 'BEGIN {printf "%.1f", a / b}') |"
done
echo
echo "repolinter $(cd "$cache/repolinter" && node -e 'console.log(require("repolinter/package.json").version)'), $(node --version), $(jq -r '.rules | length' "$rules" 2>/dev/null || grep -c '"type"' "$rules") rules; mlproj $(git -C "$project" rev-parse --short HEAD); $(nproc) cores; $(date -u +%Y-%m-%dT%H:%MZ)"
