#!/usr/bin/env bash
# Benchmark: `mlproj history` over many commits of a real repository, with and without the per-blob fact cache.
# See src/bench/README.md. Prints a Markdown report on stdout; progress goes to stderr.
set -euo pipefail
shopt -s inherit_errexit # so that a failure inside $(...) stops the script too

usage() {
  cat <<'EOF'
usage: src/bench/history.sh --repo DIR [options]

  --repo DIR         the repository: a work tree or a bare repository with a long first-parent history
  --commits N        commits to assess, evenly spaced (history --max N; default 1000)
  --runs R           timed runs per mode, interleaved (default 3)
  --modes LIST       comma-separated, of: cache, no-cache (default cache,no-cache)
  --mlproj-cmd CMD   command used for mlproj, split on spaces (default: the repository's ./mlproj)
  --out FILE         also write the results to FILE
  -h, --help         this help

There is no warm-up run (one run over a thousand commits takes minutes); the page cache is warm after
the first run of the first mode.
EOF
}

die() {
  echo "history-bench: $*" >&2
  exit 2
}

note() {
  echo "history-bench: $*" >&2
}

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
project="$(cd "$here/../.." && pwd)"
# shellcheck source=src/bench/lib.sh
. "$here/lib.sh"

repo=""
commits=1000
runs=3
modes_text="cache,no-cache"
mlproj_cmd_text="$project/mlproj"
out=""
invocation="$(quoted_invocation "$0" "$@")"

while [ "$#" -gt 0 ]; do
  case "$1" in
    --repo) need_value "$@"; repo="$2"; shift 2 ;;
    --commits) need_value "$@"; commits="$2"; shift 2 ;;
    --runs) need_value "$@"; runs="$2"; shift 2 ;;
    --modes) need_value "$@"; modes_text="$2"; shift 2 ;;
    --mlproj-cmd) need_value "$@"; mlproj_cmd_text="$2"; shift 2 ;;
    --out) need_value "$@"; out="$2"; shift 2 ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; die "unknown argument: $1" ;;
  esac
done

[ -n "$repo" ] || { usage >&2; die "--repo is required"; }
[ -d "$repo" ] || die "--repo $repo is not a directory"
repo="$(cd "$repo" && pwd)"
is_count "$runs" || die "--runs must be a positive integer, not '$runs'"
is_count "$commits" || die "--commits must be a positive integer, not '$commits'"
IFS=',' read -r -a modes <<<"$modes_text"
for m in "${modes[@]}"; do
  [ "$m" = cache ] || [ "$m" = no-cache ] || die "--modes takes cache and no-cache, not '$m'"
done
read -r -a mlproj_cmd <<<"$mlproj_cmd_text"
[ "${#mlproj_cmd[@]}" -gt 0 ] || die "--mlproj-cmd is empty"
[ -x /usr/bin/time ] \
  || die "/usr/bin/time is missing (GNU time, for peak RSS); install it with: apt-get install -y time"
command -v git >/dev/null 2>&1 || die "git is needed to describe the repository (apt-get install -y git)"

git -C "$repo" rev-parse --git-dir >/dev/null 2>&1 || die "--repo $repo is not a git repository"
head_commit="$(git -C "$repo" rev-parse HEAD)"
first_parent="$(git -C "$repo" rev-list --first-parent --count HEAD)"
[ "$first_parent" -ge "$commits" ] \
  || note "warning: $repo has only $first_parent first-parent commits, fewer than --commits $commits"

work="$(mktemp -d "${TMPDIR:-/tmp}/mlproj-history-bench.XXXXXX")"
trap 'rm -rf "$work"' EXIT

# run_once MODE: one history run; appends "wall_s rss_kb" to $work/MODE.txt and keeps its --verbose notes.
run_once() {
  local mode="$1" start end rc=0 wall rss flags=()
  if [ "$mode" = no-cache ]; then
    flags=(--no-cache)
  fi
  start="$EPOCHREALTIME"
  /usr/bin/time -v -o "$work/time.txt" "${mlproj_cmd[@]}" history --max "$commits" --verbose --no-color "${flags[@]}" \
    "$repo" >"$work/out.txt" 2>"$work/stderr.txt" || rc=$?
  end="$EPOCHREALTIME"
  if [ "$rc" -ne 0 ]; then
    tail -n 20 "$work/stderr.txt" >&2
    die "'${mlproj_cmd[*]} history --max $commits ${flags[*]} $repo' exited $rc"
  fi
  rss="$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt")"
  [ -n "$rss" ] || die "no 'Maximum resident set size' in /usr/bin/time -v output"
  wall="$(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.1f", b - a}')"
  echo "$wall $rss" >>"$work/$mode.txt"
  grep -E '^- (blob cache|[0-9]+ files read)' "$work/out.txt" | sed 's/^- //' | paste -sd ';' | sed 's/;/; /g' >"$work/$mode.notes"
  sed -n 2p "$work/out.txt" >"$work/sampled.txt"
}

load_before="$(uptime)"
note "$repo: $first_parent first-parent commits; $runs runs of: ${modes[*]} (history --max $commits), interleaved"
for ((i = 1; i <= runs; i++)); do
  for m in "${modes[@]}"; do
    run_once "$m"
    note "  run $i/$runs $m: $(tail -n1 "$work/$m.txt" | cut -d' ' -f1)s, peak RSS $(( $(tail -n1 "$work/$m.txt" | cut -d' ' -f2) / 1024 )) MB"
  done
done
load_after="$(uptime)"

mlproj_version="$(mlproj_version "$project" "$mlproj_cmd_text")"
report="$work/report.md"
{
  echo "## mlproj history"
  echo
  echo "Wall seconds over $runs runs per mode; peak RSS is the largest of those runs."
  echo
  echo "| mode | median s | min s | max s | peak RSS MB | what was read |"
  echo "| --- | ---: | ---: | ---: | ---: | --- |"
  for m in "${modes[@]}"; do
    read -r med min max rss < <(wall_stats "$work/$m.txt" 1)
    echo "| $m | $med | $min | $max | $rss | $(cat "$work/$m.notes") |"
  done
  echo
  echo "- repository: $repo at $head_commit ($first_parent first-parent commits$( [ "$(git -C "$repo" rev-parse --is-bare-repository)" = true ] && echo ', bare'))"
  echo "- sampled: $(cat "$work/sampled.txt")"
  echo "- nproc: $(nproc); memory: $(free -g | awk '/^Mem:/ {print $2}') GiB (free -g total)"
  echo "- load before: ${load_before#*load average: }; after: ${load_after#*load average: }"
  echo "- java: $(java -version 2>&1 | sed -n 1p || echo 'not found')${JAVA_OPTS:+; JAVA_OPTS=$JAVA_OPTS}"
  echo "- mlproj: $mlproj_version"
  echo "- benchmark: \`$invocation\`"
  echo "- timed: \`${mlproj_cmd[*]} history --max $commits --verbose --no-color [--no-cache] REPO > out.txt\`"
  echo "- date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
} >"$report"

cat "$report"
if [ -n "$out" ]; then
  cp "$report" "$out"
  note "results written to $out"
fi
