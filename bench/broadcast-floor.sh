#!/usr/bin/env bash
# The floor under the hub's broadcast figure (bench/hub-bench.sh, emb.rooms): the same fan-out on the same machine by
# the simplest server that can do it, so the hub's p50/p99 and CPU per broadcast can be judged against what the
# machine does at all. `HubLoad floor-server` (raw sockets, one frame written to every socket, no Kestrel) holds
# 10,000 WebSocket connections that `HubLoad floor` opens with the same clients as `rooms`; `floor` then runs the
# same 2 warm-up + BROADCASTS timed 1 KB broadcasts, POST → 10,000th receive, and reports CPU per broadcast of the
# server (hub_cpu_ms_per_broadcast: the pid given to --pids) and of itself. Everything on 127.0.0.1, server and tool
# sharing the cores. The script owns and stops the server; the whole run is bounded by BUDGET_S (default 180 s).
# Usage: bench/broadcast-floor.sh [broadcasts=20]
set -euo pipefail
budget=${BUDGET_S:-180}
if [ -z "${BROADCAST_FLOOR_BOUNDED:-}" ]; then
  # timeout signals its whole process group when the budget is up: this script, the server and the tool.
  BROADCAST_FLOOR_BOUNDED=1 exec timeout "$budget" bash "$0" "$@"
fi
cd "$(dirname "$0")/.."
broadcasts=${1:-20}
count=10000

ulimit -n "$(ulimit -Hn)" 2>/dev/null || ulimit -n 65536 2>/dev/null || true
if [ "$(ulimit -n)" -lt 12000 ]; then echo "ulimit -n is $(ulimit -n); 10,000 connections need more" >&2; exit 1; fi
dotnet build bench/HubLoad -c Release -nologo -v q >/dev/null
tool=bench/HubLoad/bin/Release/net10.0/Platform.HubLoad.dll

tmp=$(mktemp -d)
server_pid=
cleanup() {
  if [ -n "$server_pid" ]; then kill -TERM "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 143' TERM INT

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
dotnet "$tool" floor-server --port "$port" --timeout "$budget" >"$tmp/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 300); do curl -fs -o /dev/null "http://127.0.0.1:$port/health" && break; sleep 0.1; done
curl -fs -o /dev/null "http://127.0.0.1:$port/health" || { echo "floor server not ready on $port" >&2; cat "$tmp/server.log" >&2; exit 1; }

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
echo "# $(nproc) cores shared by the floor server (pid $server_pid) and the load tool; $count connections, $broadcasts broadcasts; load average $load_before"
status=0
timeout $((budget - 30)) dotnet "$tool" floor --label floor --ws "ws://127.0.0.1:$port/ws" --count "$count" --broadcasts "$broadcasts" \
  --pids "$server_pid" --timeout $((budget - 35)) | tee "$tmp/results.txt" || status=$?
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

kill -TERM "$server_pid" 2>/dev/null || true
server_status=0; wait "$server_pid" || server_status=$?; server_pid=
if [ "$server_status" -ne 0 ] || grep -q 'connection dropped' "$tmp/server.log"; then
  echo "# floor server exited with $server_status; its log:"; head -20 "$tmp/server.log"; [ "$status" -ne 0 ] || status=1
fi

r() { awk -v k="floor.$1" '$1 == "result" && $2 == k { v = $3 } END { print (v == "" ? "—" : v) }' "$tmp/results.txt"; }
echo "floor: broadcast 1 KB → $count, $(r broadcasts) rounds: p50 $(r broadcast_p50_ms) ms, p99 $(r broadcast_p99_ms) ms," \
  "answer p50 $(r broadcast_answer_p50_ms) ms; CPU per broadcast: server $(r hub_cpu_ms_per_broadcast) ms, tool $(r tool_cpu_ms_per_broadcast) ms;" \
  "load average $load_before → $load_after"
exit "$status"
