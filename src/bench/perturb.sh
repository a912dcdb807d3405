#!/usr/bin/env bash
# Stability of the level (docs/calibration.md): for every calibration repository, remove one file at a time
# (from the index and the work tree, nothing committed) and assess again; report every removal that moves
# the level by more than one. The files tried are those a met criterion cites as evidence, the only files
# whose removal can change a verdict, up to --files per repository (default 15), defining practices first.
#
#   src/bench/perturb.sh [--labels FILE] [--cache DIR] [--mlproj-cmd CMD] [--files N] [--set NAME]
#
# Run src/bench/calibrate.sh first with the same --cache: it checks the repositories out.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
project="$(cd "$here/../.." && pwd)"
die() { echo "perturb.sh: $*" >&2; exit 2; }
source "$here/lib.sh"

labels="$project/docs/calibration/labels.tsv"
cache="${XDG_CACHE_HOME:-$HOME/.cache}/mlproj-calibration"
mlproj_cmd="$project/mlproj"
per_repo=15
only=""
while [ "$#" -gt 0 ]; do
  case "$1" in
    --labels) need_value "$@"; labels="$2"; shift 2 ;;
    --cache) need_value "$@"; cache="$2"; shift 2 ;;
    --mlproj-cmd) need_value "$@"; mlproj_cmd="$2"; shift 2 ;;
    --files) need_value "$@"; is_count "$2" || die "--files needs a positive count"; per_repo="$2"; shift 2 ;;
    --set) need_value "$@"; only="$2"; shift 2 ;;
    -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
done
[ -f "$labels" ] || die "no labels file $labels"

level_of() { $mlproj_cmd assess --format json "$1" 2>/dev/null | python3 -c 'import json,sys; print(json.load(sys.stdin)["level"])' 2>/dev/null || echo error; }

repos=0; removals=0; jumps=0
while IFS=$'\t' read -r name _commit _files _level _acc _focus set _evidence; do
  [ -z "$name" ] || [ "${name:0:1}" = "#" ] && continue
  [ -n "$only" ] && [ "$set" != "$only" ] && continue
  dir="$cache/${name/\//+}"
  [ -d "$dir/.git" ] || { echo "skip $name: not checked out (run calibrate.sh first)" >&2; continue; }
  json="$($mlproj_cmd assess --format json "$dir" 2>/dev/null)" || continue
  base="$(printf '%s' "$json" | python3 -c 'import json,sys; print(json.load(sys.stdin)["level"])')"
  # evidence files of met level criteria: the defining practices' criteria first, then the heaviest
  mapfile -t files < <(printf '%s' "$json" | python3 -c '
import json, sys
r = json.load(sys.stdin)
seen, out = set(), []
crit = [c for c in r["criteria"] if c["outcome"] == "met" and c.get("level")]
crit.sort(key=lambda c: (not c["id"].endswith(("model-serving", "ml-platform", "module-structure", "novel-method", "custom-architecture")), -c.get("weight", 1)))
for c in crit:
    for e in c["evidence"]:
        p = e.get("path")
        if p and p not in seen:
            seen.add(p); out.append(p)
print("\n".join(out[:int(sys.argv[1])]))' "$per_repo")
  repos=$((repos + 1))
  for f in "${files[@]}"; do
    [ -n "$f" ] && [ -e "$dir/$f" ] || continue
    git -C "$dir" rm -q --cached -- "$f" && mv "$dir/$f" "$dir/$f.perturb-away"
    got="$(level_of "$dir")"
    mv "$dir/$f.perturb-away" "$dir/$f" && git -C "$dir" reset -q -- "$f"
    removals=$((removals + 1))
    if [ "$got" = error ] || [ $((got > base ? got - base : base - got)) -gt 1 ]; then
      jumps=$((jumps + 1))
      printf '%s\t%s\tlevel %s -> %s without %s\n' "$name" "$set" "$base" "$got" "$f"
    fi
  done
done <"$labels"
echo "$repos repositories, $removals single-file removals, $jumps moved the level by more than one"
