# Helpers the benchmark scripts share; sourced, never run. Each script defines die() before using them.

# quoted_invocation ARGS...: the command line as one string a shell would read back.
quoted_invocation() {
  local line="$1" arg
  shift
  for arg in "$@"; do
    if [[ "$arg" =~ ^[A-Za-z0-9_./,:=+-]+$ ]]; then
      line+=" $arg"
    else
      line+=" $(printf '%q' "$arg")"
    fi
  done
  printf '%s' "$line"
}

# need_value OPTION VALUE...: an option's value must be there and not empty.
need_value() {
  if [ "$#" -lt 2 ] || [ -z "$2" ]; then
    die "$1 needs a value (see --help)"
  fi
}

# is_count TEXT: a positive whole number.
is_count() {
  [[ "$1" =~ ^[1-9][0-9]*$ ]]
}

# wall_stats SAMPLES_FILE DECIMALS: from lines "wall_seconds peak_rss_kb", prints "median min max peak_rss_mb".
wall_stats() {
  sort -g -k1,1 "$1" | awk -v d="$2" '
    { wall[NR] = $1; if ($2 > rss) rss = $2 }
    END {
      median = (NR % 2) ? wall[(NR + 1) / 2] : (wall[NR / 2] + wall[NR / 2 + 1]) / 2
      f = "%." d "f"
      printf f " " f " " f " %.0f\n", median, wall[1], wall[NR], rss / 1024
    }'
}

# mlproj_version PROJECT CMD_TEXT: which mlproj ran. The launcher rebuilds the jar from the checkout when its
# sources are newer, so the checkout's commit is what ran; a --mlproj-cmd may run anything.
mlproj_version() {
  local project="$1" cmd="$2" head
  head="$(git -C "$project" rev-parse --short HEAD 2>/dev/null || echo unknown)"
  if [ "$cmd" = "$project/mlproj" ]; then
    if [ -n "$(git -C "$project" status --porcelain --untracked-files=no 2>/dev/null || true)" ]; then
      printf 'commit %s (with uncommitted changes)' "$head"
    else
      printf 'commit %s' "$head"
    fi
  else
    printf 'as run by --mlproj-cmd (checkout at %s)' "$head"
  fi
}
