#!/usr/bin/env bash
# A/B benchmark of two mlproj jars on one target: does a change slow `assess` down? See src/bench/README.md.
# Prints a Markdown report on stdout; progress goes to stderr.
set -euo pipefail
shopt -s inherit_errexit

usage() {
  cat <<'USAGE'
usage: src/bench/assess_ab.sh BEFORE.jar AFTER.jar TARGET [RUNS]

Runs `java -XX:+UseSerialGC -Xmx384m -jar JAR assess --format json TARGET` alternately with the two
jars (one untimed run each first), RUNS times each (default 5), then compares the two scanners inside
one JVM (src/bench/ScanAB.java: each jar in its own class loader, Scanner.scan alternated, two
warm-up rounds, process CPU time per scan), which is steadier on a shared machine.
USAGE
}

die() {
  echo "assess_ab: $*" >&2
  exit 2
}

[ "$#" -ge 3 ] || { usage >&2; exit 2; }
before="$1"
after="$2"
target="$3"
runs="${4:-5}"
[ -f "$before" ] || die "$before is not a file"
[ -f "$after" ] || die "$after is not a file"
[ -d "$target" ] || die "$target is not a directory"
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive integer, not '$runs'"
[ -x /usr/bin/time ] || die "/usr/bin/time is missing (GNU time); install it with: apt-get install -y time"
command -v javac >/dev/null 2>&1 || die "javac (a JDK 17) is needed for the in-process comparison"

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/mlproj-assess-ab.XXXXXX")"
trap 'rm -rf "$work"' EXIT
java_cmd=(java -XX:+UseSerialGC -Xmx384m -Xshare:auto)

load_before="$(uptime)"
for jar in "$before" "$after"; do
  "${java_cmd[@]}" -jar "$jar" assess --format json "$target" >/dev/null
done
: >"$work/before.txt"
: >"$work/after.txt"
for ((i = 1; i <= runs; i++)); do
  for side in before after; do
    jar="$before"
    [ "$side" = after ] && jar="$after"
    /usr/bin/time -f "%e %U %S %M" -o "$work/t.txt" "${java_cmd[@]}" -jar "$jar" assess --format json "$target" >/dev/null
    cat "$work/t.txt" >>"$work/$side.txt"
  done
  echo "assess_ab: run $i/$runs done" >&2
done
javac -d "$work" "$here/ScanAB.java"
in_process="$(java -XX:+UseSerialGC -Xmx768m -cp "$work" ScanAB "$target" "$runs" "$before" "$after")"
load_after="$(uptime)"

echo "## assess A/B: $target"
echo
echo "| jar | runs | wall median s | wall min s | wall max s | CPU median s | peak RSS MB |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
for side in before after; do
  sort -g "$work/$side.txt" | awk -v side="$side" '
    { w[NR] = $1; c[NR] = $2 + $3; if ($4 > m) m = $4 }
    END {
      n = NR; for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (c[j] < c[i]) { t = c[i]; c[i] = c[j]; c[j] = t }
      wm = (n % 2) ? w[(n + 1) / 2] : (w[n / 2] + w[n / 2 + 1]) / 2
      cm = (n % 2) ? c[(n + 1) / 2] : (c[n / 2] + c[n / 2 + 1]) / 2
      printf "| %s | %d | %.2f | %.2f | %.2f | %.2f | %d |\n", side, n, wm, w[1], w[n], cm, m / 1024
    }'
done
echo
echo "In one JVM (ScanAB, process CPU per scan):"
echo
echo '```'
echo "$in_process"
echo '```'
echo
echo "- before: $before; after: $after"
echo "- load before: ${load_before#*load average: }; after: ${load_after#*load average: }"
echo "- nproc: $(nproc); java: $(java -version 2>&1 | sed -n 1p)"
echo "- date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
