#!/usr/bin/env bash
# Time from AppHost start to all-healthy (what issue #2 asks to state), with Redis and in embedded mode.
# Builds once, then starts the built AppHost ROUNDS times per mode (interleaved), on free ports with a fresh
# state directory each time; reads the AppHost's own "All N resources healthy in X s" line, stops it with SIGINT
# and prints every figure and the median per mode. Usage: bench/apphost-startup.sh [rounds] (default 5).
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}
dotnet build AppHost/AppHost.csproj -nologo -v q >/dev/null
apphost=AppHost/bin/Debug/net10.0/Platform.AppHost.dll

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

run_once() { # $1 = extra option ("" or --embedded); prints the seconds
  local state out pid seconds
  state=$(mktemp -d); out=$(mktemp)
  # shellcheck disable=SC2086
  dotnet "$apphost" --gateway-port "$(free_port)" --dashboard-port "$(free_port)" --state-dir "$state" $1 >"$out" 2>&1 &
  pid=$!
  for _ in $(seq 1 600); do   # at most 60 s
    if grep -q 'resources healthy in' "$out"; then break; fi
    if ! kill -0 "$pid" 2>/dev/null; then cat "$out" >&2; exit 1; fi
    sleep 0.1
  done
  seconds=$(grep -oE 'healthy in [0-9.]+ s' "$out" | grep -oE '[0-9.]+')
  # SIGTERM: a background job of a non-interactive shell ignores SIGINT (POSIX), whatever the program.
  kill -TERM "$pid"; wait "$pid" || true
  rm -rf "$state" "$out"
  echo "$seconds"
}

median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

redis_times=(); embedded_times=()
for round in $(seq 1 "$rounds"); do
  redis_times+=("$(run_once "")")
  embedded_times+=("$(run_once --embedded)")
  echo "round $round: redis ${redis_times[-1]} s, embedded ${embedded_times[-1]} s"
done
echo "median all-healthy: redis $(printf '%s\n' "${redis_times[@]}" | median) s (7 resources), embedded $(printf '%s\n' "${embedded_times[@]}" | median) s (5 resources)"
