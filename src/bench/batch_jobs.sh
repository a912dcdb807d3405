#!/usr/bin/env bash
# Benchmark: `mlproj batch --jobs 1` against `--jobs 2` on a cohort of small repositories made from
# the examples. See src/bench/README.md. Prints a Markdown report on stdout; progress goes to stderr.
# Target (issue 6): --jobs 2 at least 1.7x faster than --jobs 1 on a 2-core machine.
set -euo pipefail
shopt -s inherit_errexit

usage() {
  cat <<'EOF2'
usage: src/bench/batch_jobs.sh [options]

  --repos N          repositories in the cohort (default 100), copies of examples/ with one commit each
  --files F          make each repository a synthetic one of F files instead (src/bench/gen_repo.py,
                     seed = its number): a cohort whose scans outweigh the JVM's start and warm-up
  --runs R           timed runs per job count, after one untimed warm-up run (default 3)
  --jobs A,B         the two job counts compared (default 1,2)
  --urls             list the repositories as file:// URLs (cloned into a warm cache) instead of
                     local paths assessed in place
  --mlproj-cmd CMD   command used for mlproj, split on spaces (default: the repository's ./mlproj)
  --out FILE         also write the report to FILE
  --check            exit 1 when the target (ratio >= 1.7) is missed
  -h, --help         this help

The cohort is cached under ${TMPDIR:-/tmp}/mlproj-bench/cohort-N (remade when examples/ change), or
cohort-N-F with --files (remade when gen_repo.py changes).
EOF2
}

die() {
  echo "batch_jobs: $*" >&2
  exit 2
}

note() {
  echo "batch_jobs: $*" >&2
}

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
project="$(cd "$here/../.." && pwd)"
# shellcheck source=src/bench/lib.sh
. "$here/lib.sh"

repos=100
files=""
runs=3
jobs_text="1,2"
urls=false
mlproj_cmd_text="$project/mlproj"
out=""
check=false
target="1.7"

while [ "$#" -gt 0 ]; do
  case "$1" in
    --repos) need_value "$@"; repos="$2"; shift 2 ;;
    --files) need_value "$@"; files="$2"; shift 2 ;;
    --runs) need_value "$@"; runs="$2"; shift 2 ;;
    --jobs) need_value "$@"; jobs_text="$2"; shift 2 ;;
    --urls) urls=true; shift ;;
    --mlproj-cmd) need_value "$@"; mlproj_cmd_text="$2"; shift 2 ;;
    --out) need_value "$@"; out="$2"; shift 2 ;;
    --check) check=true; shift ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; die "unknown argument: $1" ;;
  esac
done

[[ "$repos" =~ ^[1-9][0-9]*$ ]] || die "--repos must be a positive whole number, not '$repos'"
[ -z "$files" ] || [[ "$files" =~ ^[1-9][0-9]*$ ]] || die "--files must be a positive whole number, not '$files'"
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || die "--runs must be a positive whole number, not '$runs'"
[[ "$jobs_text" =~ ^([1-9][0-9]*),([1-9][0-9]*)$ ]] || die "--jobs must be A,B (e.g. 1,2), not '$jobs_text'"
jobs_a="${BASH_REMATCH[1]}"
jobs_b="${BASH_REMATCH[2]}"
command -v git >/dev/null || die "git is needed to build the cohort (apt-get install -y git)"
read -r -a mlproj_cmd <<<"$mlproj_cmd_text"

# --- the cohort: N repositories cycling through the examples (or synthetic ones of F files), each a git
# repository with one commit made with a fixed author and date and no user or system git config, so the
# same N (and F) gives the same commits.
base="${TMPDIR:-/tmp}/mlproj-bench"
if [ -n "$files" ]; then
  cohort="$base/cohort-$repos-$files"
  stamp="$(sha256sum "$here/gen_repo.py" | cut -c1-16)"
else
  cohort="$base/cohort-$repos"
  stamp="$(cd "$project" && find examples -type f -print0 | sort -z | xargs -0 sha256sum | sha256sum | cut -c1-16)"
fi
if [ -n "$files" ] && { [ ! -f "$cohort/stamp" ] || [ "$(cat "$cohort/stamp")" != "$stamp" ]; }; then
  command -v python3 >/dev/null || die "python3 is needed to generate synthetic repositories"
  note "generating $repos synthetic repositories of $files files in $cohort"
  rm -rf "$cohort"
  mkdir -p "$cohort/repos"
  for ((i = 1; i <= repos; i++)); do
    python3 "$here/gen_repo.py" --files "$files" --seed "$i" --git "$cohort/repos/$(printf 'repo-%03d' "$i")" >/dev/null
  done
  echo "$stamp" >"$cohort/stamp"
fi
if [ ! -f "$cohort/stamp" ] || [ "$(cat "$cohort/stamp")" != "$stamp" ]; then
  note "building $repos repositories in $cohort"
  rm -rf "$cohort"
  mkdir -p "$cohort/repos"
  mapfile -t kinds < <(cd "$project/examples" && find . -mindepth 1 -maxdepth 1 -type d -printf '%f\n' | sort)
  [ "${#kinds[@]}" -gt 0 ] || die "no examples in $project/examples"
  for ((i = 1; i <= repos; i++)); do
    name="$(printf 'repo-%03d' "$i")"
    dir="$cohort/repos/$name"
    cp -r "$project/examples/${kinds[$(((i - 1) % ${#kinds[@]}))]}" "$dir"
    printf '# %s\n' "$name" >"$dir/AUTHORS.md"
    (
      cd "$dir"
      export GIT_CONFIG_NOSYSTEM=1 HOME="$cohort" GIT_AUTHOR_NAME=Bench GIT_AUTHOR_EMAIL=bench@example.com \
        GIT_COMMITTER_NAME=Bench GIT_COMMITTER_EMAIL=bench@example.com \
        GIT_AUTHOR_DATE=2024-01-01T00:00:00Z GIT_COMMITTER_DATE=2024-01-01T00:00:00Z
      git init -q -b main . && git add -A && git commit -q -m "Import $name"
    )
  done
  echo "$stamp" >"$cohort/stamp"
fi
csv="$cohort/cohort.csv"
{
  echo "name,url"
  for dir in "$cohort"/repos/*/; do
    name="$(basename "$dir")"
    if $urls; then echo "$name,file://${dir%/}"; else echo "$name,repos/$name"; fi
  done
} >"$csv"

# --- timing: one warm-up per job count (it also fills the clone cache with --urls), then R runs each, interleaved.
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
run_batch() { # jobs -> seconds on stdout
  local start end
  start=$EPOCHREALTIME
  "${mlproj_cmd[@]}" batch "$csv" --jobs "$1" --cache "$cohort/cache" --output "$work/results-$1.csv" --quiet \
    >/dev/null 2>"$work/err" || {
    local rc=$?
    [ "$rc" -eq 3 ] || { cat "$work/err" >&2; die "mlproj batch --jobs $1 failed (exit $rc)"; }
  }
  end=$EPOCHREALTIME
  echo "$start $end" | awk '{ printf "%.3f\n", $2 - $1 }'
}
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

note "warm-up (and the jar build on first use)"
run_batch "$jobs_a" >/dev/null
run_batch "$jobs_b" >/dev/null
cmp -s "$work/results-$jobs_a.csv" "$work/results-$jobs_b.csv" || die "--jobs $jobs_a and --jobs $jobs_b gave different results"
: >"$work/a"
: >"$work/b"
for ((r = 1; r <= runs; r++)); do
  note "run $r/$runs"
  run_batch "$jobs_a" >>"$work/a"
  run_batch "$jobs_b" >>"$work/b"
done
med_a="$(median <"$work/a")"
med_b="$(median <"$work/b")"
ratio="$(awk -v a="$med_a" -v b="$med_b" 'BEGIN { printf "%.2f", a / b }')"
met="$(awk -v r="$ratio" -v t="$target" 'BEGIN { print (r >= t) ? "met" : "missed" }')"
errors="$(tail -n +2 "$work/results-$jobs_b.csv" | awk -F, '$NF != ""' | wc -l)"

report="$(
  cat <<EOF3
## mlproj batch: --jobs $jobs_a vs --jobs $jobs_b

| repositories | source | --jobs $jobs_a median | --jobs $jobs_b median | ratio | target |
| ---: | --- | ---: | ---: | ---: | --- |
| $repos $([ -n "$files" ] && echo "synthetic, $files files each" || echo "copies of examples/") | $($urls && echo "file:// URLs, warm cache" || echo "local paths") | ${med_a} s | ${med_b} s | ${ratio}x | >= ${target}x: **${met}** |

- runs: $runs per job count after one warm-up each; all times: $(paste -sd' ' "$work/a") (--jobs $jobs_a), $(paste -sd' ' "$work/b") (--jobs $jobs_b)
- error rows: $errors (expected 0); results identical for both job counts
- machine: $(nproc) cores, $(free -g | awk '/^Mem:/ { print $2 }') GiB; $(java -version 2>&1 | head -1)
- mlproj: $(cd "$project" && git rev-parse --short HEAD 2>/dev/null || echo unknown); command: ${mlproj_cmd_text} batch COHORT.csv --jobs J --cache DIR --output FILE --quiet
EOF3
)"
echo "$report"
if [ -n "$out" ]; then
  echo "$report" >"$out"
fi
if $check && [ "$met" != "met" ]; then
  exit 1
fi
