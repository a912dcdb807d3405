#!/usr/bin/env bash
# Benchmark (not a test): `mlproj new` of a level-4 project, whole process, next to cookiecutter
# generating a template of the same size: the same files, with the package name as its variable.
# Usage: src/bench/new_vs_cookiecutter.sh [--runs N] [--level N] [--focus AREA] [--mlproj-cmd "CMD"]
set -euo pipefail
cd "$(dirname "$0")/../.."

runs=5
level=4
focus=architecture
mlproj_cmd=""
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --level) level="$2"; shift 2 ;;
    --focus) focus="$2"; shift 2 ;;
    --mlproj-cmd) mlproj_cmd="$2"; shift 2 ;;
    -h|--help) sed -n 2,4p "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
command -v cookiecutter >/dev/null || { echo "cookiecutter is missing (apt-get install -y cookiecutter)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "/usr/bin/time is missing (apt-get install -y time)" >&2; exit 2; }
if [ -z "$mlproj_cmd" ]; then
  ./mlproj --version >/dev/null          # builds the jar (and its class-data archive) when needed, outside the timings
  mlproj_cmd="$PWD/mlproj"               # the launcher, as a user runs it: its JVM options are part of the whole process
fi

work=$(mktemp -d /tmp/mlproj-new-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

# One reference rendering, turned into a cookiecutter template of the same files and bytes.
read -r -a mlproj <<< "$mlproj_cmd"
"${mlproj[@]}" new bench-proj --level "$level" --focus "$focus" --dir "$work/reference" --no-git >/dev/null
template="$work/cc"
mkdir -p "$template"
printf '{"project_slug": "bench-proj", "package": "bench_proj", "_copy_without_render": []}\n' > "$template/cookiecutter.json"
python3 - "$work/reference" "$template" <<'PY'
import json, os, sys
src, tpl = sys.argv[1], sys.argv[2]
root = os.path.join(tpl, "{{cookiecutter.project_slug}}")
verbatim = []
for d, _, files in os.walk(src):
    for f in files:
        rel = os.path.relpath(os.path.join(d, f), src)
        out_rel = rel.replace("bench_proj", "{{cookiecutter.package}}")
        data = open(os.path.join(d, f), "rb").read()
        text = data.decode("utf-8", "replace")
        if "{{" in text or "{%" in text:
            verbatim.append(out_rel)   # cookiecutter would try to render Jinja-like text; copy it as is
        else:
            data = text.replace("bench_proj", "{{cookiecutter.package}}").encode()
        dest = os.path.join(root, out_rel)
        os.makedirs(os.path.dirname(dest), exist_ok=True)
        open(dest, "wb").write(data)
cfg = json.load(open(os.path.join(tpl, "cookiecutter.json")))
cfg["_copy_without_render"] = verbatim
json.dump(cfg, open(os.path.join(tpl, "cookiecutter.json"), "w"), indent=2)
PY
files=$(find "$work/reference" -type f | wc -l)
bytes=$(find "$work/reference" -type f -printf '%s\n' | awk '{s+=$1} END {print s}')

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
# time_it LABEL CMD...: prints the wall time and appends the CPU time (user + system, children
# included) to $work/cpu.LABEL; on a loaded machine the CPU time is the steadier measure of the work.
time_it() {
  local label=$1 s e
  shift
  s=$(date +%s.%N)
  /usr/bin/time -f '%U %S' -o "$work/cpu.last" "$@" >/dev/null 2>&1
  e=$(date +%s.%N)
  awk '{printf "%.4f\n", $1 + $2}' "$work/cpu.last" >> "$work/cpu.$label"
  awk -v a="$s" -v b="$e" 'BEGIN {printf "%.4f", b - a}'
}

# Like for like: cookiecutter renders files and nothing else, so mlproj runs with --no-git; the default
# run (git init and a first commit of every file) is timed too.
m_times=(); g_times=(); c_times=()
for i in $(seq 1 "$runs"); do
  m_times+=("$(time_it m "${mlproj[@]}" new bench-proj --level "$level" --focus "$focus" --dir "$work/m$i" --no-git)")
  c_times+=("$(time_it c cookiecutter --no-input -o "$work/c$i" "$template")")
  g_times+=("$(time_it g "${mlproj[@]}" new bench-proj --level "$level" --focus "$focus" --dir "$work/g$i")")
done
m=$(printf '%s\n' "${m_times[@]}" | median)
g=$(printf '%s\n' "${g_times[@]}" | median)
c=$(printf '%s\n' "${c_times[@]}" | median)
mc=$(median < "$work/cpu.m"); gc=$(median < "$work/cpu.g"); cc=$(median < "$work/cpu.c")
generated=$(find "$work/c1" -type f | wc -l)
printf '| tool | median wall (s), %d runs | median CPU (s) | files | bytes |\n|---|---|---|---|---|\n' "$runs"
printf '| mlproj new --level %s --focus %s --no-git | %.3f | %.3f | %d | %d |\n' "$level" "$focus" "$m" "$mc" "$files" "$bytes"
printf '| mlproj new --level %s --focus %s (git init + first commit) | %.3f | %.3f | %d | |\n' "$level" "$focus" "$g" "$gc" "$files"
printf '| cookiecutter %s (same files) | %.3f | %.3f | %d | |\n' "$(cookiecutter --version | awk '{print $2}')" "$c" "$cc" "$generated"
awk -v m="$m" -v c="$c" -v mc="$mc" -v cc="$cc" 'BEGIN {printf "ratio mlproj/cookiecutter: %.2f wall, %.2f CPU\n", m / c, mc / cc}'
