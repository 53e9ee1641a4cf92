# best COMMAND...: the best of five wall-clock runs of COMMAND, in seconds: the run least
# disturbed by whatever else the machine runs. Sourced by the benchmark scripts. Runs are timed
# with bash's own clock ($EPOCHREALTIME): forking `date` on either side of each run added a
# millisecond or two to every figure.
best() {
  local best="" start end elapsed
  for _ in 1 2 3 4 5; do
    start=$EPOCHREALTIME
    "$@" > /dev/null 2>&1 || true
    end=$EPOCHREALTIME
    elapsed=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.6f", b - a }')
    if [ -z "$best" ] || awk -v a="$elapsed" -v b="$best" 'BEGIN { exit !(a < b) }'; then best=$elapsed; fi
  done
  echo "$best"
}
