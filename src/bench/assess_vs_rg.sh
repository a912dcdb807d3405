#!/usr/bin/env bash
# Benchmark: `mlproj assess` against ripgrep searching the same tree for the rubric's content patterns.
# See src/bench/README.md. Prints a Markdown table on stdout; progress goes to stderr.
set -euo pipefail
shopt -s inherit_errexit # so that a failure inside $(...) stops the script too

usage() {
  cat <<'EOF'
usage: src/bench/assess_vs_rg.sh [options]

  --files N          size of the synthetic repository (default 100000)
  --sizes A,B,...    scaling series: one synthetic repository per size (overrides --files)
  --shapes A,B,...   tree shapes, each at every size (default gen_repo): gen_repo (gen_repo.py's tree, with
                     its several-MB CSVs), small (many small files: gen_shapes.py --shape small), monorepo
                     (ignored node_modules/.venv, 3,000 commits: gen_shapes.py --shape monorepo)
  --trees DIR        where synthetic trees are generated and kept (default ${TMPDIR:-/tmp}/mlproj-bench)
  --repo DIR         benchmark an existing checkout instead of a synthetic repository
  --runs R           timed runs per tool, after one warm-up run each (default 5)
  --seed S           generator seed (default 42)
  --patterns FILE    regular expressions for rg, one per line (default: `mlproj rubric patterns`)
  --mlproj-cmd CMD   command used for mlproj, split on spaces (default: the repository's ./mlproj)
  --rg-args ARGS     extra rg flags, split on spaces (e.g. --no-unicode for a stricter baseline)
  --out FILE         also write the results to FILE
  --check            exit 1 when a target is missed (see README.md)
  -h, --help         this help

Synthetic repositories are kept under --trees DIR as repo-N (gen_repo), small-N and monorepo-N.
EOF
}

die() {
  echo "assess_vs_rg: $*" >&2
  exit 2
}

note() {
  echo "assess_vs_rg: $*" >&2
}

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
project="$(cd "$here/../.." && pwd)"
# shellcheck source=src/bench/lib.sh
. "$here/lib.sh"

files=100000
sizes=""
shapes="gen_repo"
trees=""
repo=""
runs=5
seed=42
patterns=""
mlproj_cmd_text="$project/mlproj"
rg_args_text=""
out=""
check=false
invocation="$(quoted_invocation "$0" "$@")"

while [ "$#" -gt 0 ]; do
  case "$1" in
    --files) need_value "$@"; files="$2"; shift 2 ;;
    --sizes) need_value "$@"; sizes="$2"; shift 2 ;;
    --shapes) need_value "$@"; shapes="$2"; shift 2 ;;
    --trees) need_value "$@"; trees="$2"; shift 2 ;;
    --repo) need_value "$@"; repo="$2"; shift 2 ;;
    --runs) need_value "$@"; runs="$2"; shift 2 ;;
    --seed) need_value "$@"; seed="$2"; shift 2 ;;
    --patterns) need_value "$@"; patterns="$2"; shift 2 ;;
    --mlproj-cmd) need_value "$@"; mlproj_cmd_text="$2"; shift 2 ;;
    --rg-args) need_value "$@"; rg_args_text="$2"; shift 2 ;;
    --out) need_value "$@"; out="$2"; shift 2 ;;
    --check) check=true; shift ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; die "unknown argument: $1" ;;
  esac
done

is_count "$runs" || die "--runs must be a positive integer, not '$runs'"
is_count "$files" || die "--files must be a positive integer, not '$files'"
[[ "$seed" =~ ^[0-9]+$ ]] || die "--seed must be a non-negative integer, not '$seed'"
[ -z "$sizes" ] && sizes="$files"
IFS=',' read -r -a size_list <<<"$sizes"
for n in "${size_list[@]}"; do
  is_count "$n" || die "--sizes takes positive integers separated by commas, not '$sizes'"
done
IFS=',' read -r -a shape_list <<<"$shapes"
for shape in "${shape_list[@]}"; do
  case "$shape" in
    gen_repo | small | monorepo) ;;
    *) die "--shapes takes gen_repo, small and monorepo separated by commas, not '$shapes'" ;;
  esac
done
read -r -a mlproj_cmd <<<"$mlproj_cmd_text"
[ "${#mlproj_cmd[@]}" -gt 0 ] || die "--mlproj-cmd is empty"
read -r -a rg_args <<<"$rg_args_text"

# ---------------------------------------------------------------------------- prerequisites

command -v rg >/dev/null 2>&1 \
  || die "ripgrep (rg) is not installed; install it with: apt-get install -y ripgrep"
[ -x /usr/bin/time ] \
  || die "/usr/bin/time is missing (GNU time, for peak RSS); install it with: apt-get install -y time"
if [ -n "$repo" ]; then
  [ -d "$repo" ] || die "--repo $repo is not a directory"
  repo="$(cd "$repo" && pwd)"
else
  command -v python3 >/dev/null 2>&1 || [ -x /usr/bin/python3 ] \
    || die "python3 is needed to generate the synthetic repository (apt-get install -y python3)"
  command -v git >/dev/null 2>&1 || die "git is needed to generate the synthetic repository (apt-get install -y git)"
fi
python=/usr/bin/python3
[ -x "$python" ] || python="$(command -v python3 || true)"

cache="${trees:-${TMPDIR:-/tmp}/mlproj-bench}"
mkdir -p "$cache" || die "cannot create $cache"
work="$(mktemp -d "$cache/run.XXXXXX")"
trap 'rm -rf "$work"' EXIT

# ---------------------------------------------------------------------------- patterns

if [ -n "$patterns" ]; then
  [ -r "$patterns" ] || die "--patterns $patterns cannot be read"
  cp "$patterns" "$work/patterns.txt"
else
  note "reading the rubric's patterns: ${mlproj_cmd[*]} rubric patterns"
  if ! "${mlproj_cmd[@]}" rubric patterns >"$work/patterns.txt" 2>"$work/patterns.err"; then
    cat "$work/patterns.err" >&2
    die "'${mlproj_cmd[*]} rubric patterns' failed; pass a hand-written file with --patterns FILE"
  fi
fi
pattern_count="$(grep -c . "$work/patterns.txt" || true)"
[ "$pattern_count" -gt 0 ] || die "the pattern list is empty"
# rg exits 1 (no match) on empty input when every pattern compiles, 2 when one does not. The explicit "-" matters:
# given /dev/null as stdin, rg would search the current directory instead.
rg_check=0
rg -f "$work/patterns.txt" - </dev/null >/dev/null 2>"$work/rg-check.err" || rg_check=$?
if [ "$rg_check" -ne 1 ]; then
  cat "$work/rg-check.err" >&2
  die "ripgrep rejects the patterns in ${patterns:-the output of 'mlproj rubric patterns'}"
fi

# ---------------------------------------------------------------------------- repositories

# Prints the directory of the synthetic repository of a shape with n files, generating it when missing or stale.
synthetic_repo() {
  local shape="$1" n="$2" dir stamp want
  if [ "$shape" = gen_repo ]; then
    dir="$cache/repo-$n"
    want="$(sha256sum "$here/gen_repo.py" | cut -c1-16) seed=$seed git"
  else
    dir="$cache/$shape-$n"
    want="$(cat "$here/gen_repo.py" "$here/gen_shapes.py" | sha256sum | cut -c1-16) seed=$seed"
  fi
  stamp="$dir.stamp"
  if [ -d "$dir" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    note "using cached $dir"
  else
    mkdir -p "$cache"
    rm -rf "$dir" "$dir.partial" "$stamp"
    note "generating $dir ($shape, $n files, seed $seed)..."
    if [ "$shape" = gen_repo ]; then
      "$python" "$here/gen_repo.py" "$dir.partial" --files "$n" --seed "$seed" --git >&2
    else
      "$python" "$here/gen_shapes.py" "$dir.partial" --shape "$shape" --files "$n" --seed "$seed" >&2
    fi
    mv "$dir.partial" "$dir"
    echo "$want" >"$stamp"
  fi
  printf '%s\n' "$dir"
}

# ---------------------------------------------------------------------------- timing

# --no-require-git: honour .gitignore in a tree that is not a git work tree, as mlproj does.
rg_cmd=(rg --no-messages --no-require-git "${rg_args[@]}" -c -f "$work/patterns.txt")

# run_once LABEL SAMPLES_FILE CMD...: runs CMD once with stdout discarded, appends "wall_s rss_kb" to SAMPLES_FILE
# (when not "-"). Wall time comes from the shell's microsecond clock around /usr/bin/time; peak RSS from time -v.
run_once() {
  local label="$1" samples="$2" start end rc=0 wall rss
  shift 2
  start="$EPOCHREALTIME"
  /usr/bin/time -v -o "$work/time.txt" "$@" >/dev/null 2>"$work/stderr.txt" || rc=$?
  end="$EPOCHREALTIME"
  if [ "$label" = rg ]; then
    # 0: matches, 1: none, 2: some file could not be read (the messages are suppressed); only 2+ is worth a word.
    if [ "$rc" -ge 2 ] && [ ! -f "$work/rg-warned" ]; then
      note "warning: rg exited $rc (unreadable files?); timings kept"
      touch "$work/rg-warned"
    fi
  elif [ "$rc" -ne 0 ]; then
    tail -n 20 "$work/stderr.txt" >&2
    die "'$*' exited $rc"
  fi
  rss="$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt")"
  [ -n "$rss" ] || die "no 'Maximum resident set size' in /usr/bin/time -v output"
  wall="$(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.3f", b - a}')"
  if [ "$samples" != - ]; then
    echo "$wall $rss" >>"$samples"
  fi
}

rows="$work/rows.md"
verdicts="$work/verdicts.md"
: >"$rows"
: >"$verdicts"
missed=0

bench() {
  local name="$1" dir="$2" nominal="$3" searched rg_samples ml_samples i
  local rg_med rg_min rg_max rg_rss ml_med ml_min ml_max ml_rss ratio
  searched="$(rg --no-messages --no-require-git --files "$dir" | wc -l)"
  rg_samples="$work/rg-$name.txt"
  ml_samples="$work/mlproj-$name.txt"
  : >"$rg_samples"
  : >"$ml_samples"
  note "$name: $searched files for rg; warm-up, then $runs runs of each tool, interleaved"
  run_once rg - "${rg_cmd[@]}" "$dir"
  run_once mlproj - "${mlproj_cmd[@]}" assess --format json "$dir"
  for ((i = 1; i <= runs; i++)); do
    run_once rg "$rg_samples" "${rg_cmd[@]}" "$dir"
    run_once mlproj "$ml_samples" "${mlproj_cmd[@]}" assess --format json "$dir"
    note "  run $i/$runs: rg $(tail -n1 "$rg_samples" | cut -d' ' -f1)s, mlproj $(tail -n1 "$ml_samples" | cut -d' ' -f1)s"
  done
  read -r rg_med rg_min rg_max rg_rss < <(wall_stats "$rg_samples" 3)
  read -r ml_med ml_min ml_max ml_rss < <(wall_stats "$ml_samples" 3)
  ratio="$(awk -v m="$ml_med" -v r="$rg_med" 'BEGIN {if (r > 0) printf "%.2f", m / r; else print "n/a"}')"
  printf '| %s | %s | rg | %s | %s | %s | %s | |\n' "$name" "$searched" "$rg_med" "$rg_min" "$rg_max" "$rg_rss" >>"$rows"
  printf '| %s | %s | mlproj | %s | %s | %s | %s | %s |\n' "$name" "$searched" "$ml_med" "$ml_min" "$ml_max" "$ml_rss" "$ratio" >>"$rows"

  local rss_ok=met ratio_note=""
  if [ "$ml_rss" -ge 512 ]; then
    rss_ok=MISSED
    missed=1
  fi
  if [ "$nominal" -ge 100000 ]; then
    if awk -v r="$ratio" 'BEGIN {exit !(r != "n/a" && r <= 2.0)}'; then
      ratio_note="; wall ratio $ratio (target <= 2.00): met"
    else
      ratio_note="; wall ratio $ratio (target <= 2.00): MISSED"
      missed=1
    fi
  fi
  echo "- $name: mlproj peak RSS ${ml_rss} MB (target < 512): $rss_ok$ratio_note" >>"$verdicts"
}

if [ -n "$repo" ]; then
  bench "$(basename "$repo")" "$repo" 0
else
  for shape in "${shape_list[@]}"; do
    for n in "${size_list[@]}"; do
      dir="$(synthetic_repo "$shape" "$n")" # a separate assignment, so that a failed generation stops the script
    done
  done
  for shape in "${shape_list[@]}"; do
    for n in "${size_list[@]}"; do
      if [ "$shape" = gen_repo ]; then
        bench "synthetic-$n" "$cache/repo-$n" "$n"
      else
        bench "$shape-$n" "$cache/$shape-$n" "$n"
      fi
    done
  done
fi

# ---------------------------------------------------------------------------- report

mlproj_version="$(mlproj_version "$project" "$mlproj_cmd_text")"
report="$work/report.md"
{
  echo "## mlproj assess vs ripgrep"
  echo
  echo "Wall seconds over $runs runs per tool after one warm-up each (warm page cache); peak RSS is the largest of those runs."
  echo
  echo "| repo | files searched | tool | median s | min s | max s | peak RSS MB | mlproj/rg |"
  echo "| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: |"
  cat "$rows"
  echo
  echo "Targets (assess at most 2x rg's wall time on 100k files; peak RSS under 512 MB):"
  echo
  cat "$verdicts"
  echo
  echo "Machine and commands:"
  echo
  echo "- nproc: $(nproc); memory: $(free -g | awk '/^Mem:/ {print $2}') GiB (free -g total); load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "- java: $(java -version 2>&1 | sed -n 1p || echo 'not found')${JAVA_OPTS:+; JAVA_OPTS=$JAVA_OPTS}"
  echo "- rg: $(rg --version | sed -n 1p)"
  echo "- mlproj: $mlproj_version"
  echo "- patterns: $pattern_count, from ${patterns:-${mlproj_cmd[*]} rubric patterns}"
  echo "- benchmark: \`$invocation\`"
  echo "- timed: \`rg --no-messages --no-require-git ${rg_args_text:+$rg_args_text }-c -f PATTERNS REPO > /dev/null\` and \`${mlproj_cmd[*]} assess --format json REPO > /dev/null\`"
  echo "- date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
} >"$report"

cat "$report"
if [ -n "$out" ]; then
  cp "$report" "$out"
  note "results written to $out"
fi
if "$check" && [ "$missed" -ne 0 ]; then
  note "a target was missed"
  exit 1
fi
