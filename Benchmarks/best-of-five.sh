# best COMMAND...: the best of five wall-clock runs of COMMAND, in seconds: the run least
# disturbed by whatever else the machine runs. Sourced by the benchmark scripts.
best() {
  local best=""
  for _ in 1 2 3 4 5; do
    local start end
    start=$(date +%s.%N)
    "$@" > /dev/null 2>&1 || true
    end=$(date +%s.%N)
    best=$(python3 -c "a='$best'; t=$end-$start; print(t if not a else min(float(a), t))")
  done
  echo "$best"
}
