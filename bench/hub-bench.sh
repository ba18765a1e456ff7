#!/usr/bin/env bash
# ConnectionHub capacity in one run (issue #4, "Performance"), everything on 127.0.0.1:
#   memory     — hub RSS before and after 10,000 idle connections (steady RSS after ≥ 10 s): KB per connection
#   push       — 64 keep-alive connections POST presigned 1 KB pushes to 1,000 sockets on the same replica (embedded, Redis),
#                and across replicas through Redis (sockets on B, POSTs to A)
#   broadcast  — 10,000 connections joined to one room, BROADCASTS sequential 1 KB broadcasts, POST → last receive;
#                on one replica (embedded, Redis) and split over two replicas sharing Redis
#   handshakes — 32 connectors open and close connections for DURATION s, with $connect and without
# The load tool (bench/HubLoad, Release) opens raw WebSocket clients, signs @connections calls with SigV4 and
# serves the bench API's $connect function itself, which tells it each socket's connection id (bench/hub/apis.json).
# Hubs run as built (Release, default GC settings) with Warning-level logs; HUB_ENV adds environment to every hub
# (e.g. HUB_ENV=DOTNET_gcServer=0), SECTIONS picks "embedded" and/or "redis". Each phase has a timeout and the
# whole run a budget (BUDGET_S, default 600 s, build included: a phase that would not fit is skipped); the script
# owns and stops every process it starts (hubs, redis-server, the tool).
# Usage: bench/hub-bench.sh [duration_s=10] [broadcasts=20]
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-10}; broadcasts=${2:-20}
sections=${SECTIONS:-embedded redis}
hub_env=${HUB_ENV:-}
deadline=$((SECONDS + ${BUDGET_S:-600}))

ulimit -n "$(ulimit -Hn)" 2>/dev/null || ulimit -n 65536 2>/dev/null || true
if [ "$(ulimit -n)" -lt 12000 ]; then echo "ulimit -n is $(ulimit -n); 10,000 connections need more" >&2; exit 1; fi
for p in ConnectionHub bench/HubLoad; do dotnet build "$p" -c Release -nologo -v q >/dev/null; done

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
tmp=$(mktemp -d)
pids=()
cleanup() { for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT

wait_ready() { # $1 url
  for _ in $(seq 1 300); do curl -fs -o /dev/null "$1" && return 0; sleep 0.1; done
  echo "not ready: $1" >&2; exit 1
}

stop() { # $1 pid we started: stop it, wait for it, forget it (so cleanup never signals a reused pid)
  kill -TERM "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
  local kept=() pid
  for pid in "${pids[@]}"; do [ "$pid" = "$1" ] || kept+=("$pid"); done
  pids=("${kept[@]}")
}

access_key=BENCH
secret_key=$(python3 -c 'import secrets; print(secrets.token_hex(20))')
fn_port=$(free_port)

start_hub() { # $1 name, $2 port, $3 redis port or "" (embedded); sets hub_pid
  local redis=()
  if [ -n "$3" ]; then redis=("ConnectionStrings__redis=127.0.0.1:$3"); fi
  # shellcheck disable=SC2086
  env $hub_env "${redis[@]}" Logging__LogLevel__Default=Warning ASPNETCORE_URLS="http://127.0.0.1:$2" \
    Gateway__Definitions__0="$PWD/bench/hub/apis.json" \
    Platform__Credentials__0__AccessKeyId=$access_key Platform__Credentials__0__SecretAccessKey="$secret_key" \
    services__hubload__http__0="http://127.0.0.1:$fn_port" \
    dotnet ConnectionHub/bin/Release/net10.0/Platform.ConnectionHub.dll >"$tmp/$1.log" 2>&1 &
  hub_pid=$!; pids+=("$hub_pid")
  wait_ready "http://127.0.0.1:$2/_hub/health"
}

load() { # $1 phase timeout (s), then the tool's arguments; a failed phase is reported and the run goes on
  local limit=$1; shift
  if [ $((deadline - SECONDS)) -lt "$limit" ]; then limit=$((deadline - SECONDS)); fi
  if [ "$limit" -lt 20 ]; then echo "!!! out of time budget, skipped: $*" | tee -a "$tmp/results.txt"; return; fi
  echo "--- $* (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  if ! timeout "$limit" dotnet bench/HubLoad/bin/Release/net10.0/Platform.HubLoad.dll "$@" --timeout $((limit - 5)) \
      --function-port "$fn_port" --access-key "$access_key" --secret-key "$secret_key" | tee -a "$tmp/results.txt"; then
    echo "!!! phase failed or timed out: $*" | tee -a "$tmp/results.txt"
  fi
  sleep 3   # let the hub finish closing the phase's connections before the next one
}

echo "# $(nproc) cores shared by hub(s), redis and the load tool; duration ${duration}s, $broadcasts broadcasts; HUB_ENV='$hub_env'"

if [[ $sections == *embedded* ]]; then
  port=$(free_port)
  start_hub embedded "$port" ""
  ws="ws://127.0.0.1:$port"
  echo "# embedded mode: one hub (pid $hub_pid), no Redis"
  load 120 rooms --label emb.rooms --ws "$ws/bench/prod" --count 10000 --broadcasts "$broadcasts" --pids "$hub_pid"
  load 60 push --label emb.push --ws "$ws/bench/prod" --post "$ws/bench/prod" --count 1000 --concurrency 64 --duration "$duration" --pids "$hub_pid"
  load 45 handshake --label emb.hs_connect --ws "$ws/bench/prod" --concurrency 32 --sources 8 --duration "$duration" --pids "$hub_pid"
  load 45 handshake --label emb.hs_open --ws "$ws/open/prod" --concurrency 32 --sources 8 --duration "$duration" --pids "$hub_pid"
  stop "$hub_pid"
fi

if [[ $sections == *redis* ]]; then
  redis_port=$(free_port)
  redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no >"$tmp/redis.log" 2>&1 &
  redis_pid=$!; pids+=("$redis_pid")
  for _ in $(seq 1 100); do redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break; sleep 0.1; done
  port_a=$(free_port); port_b=$(free_port)
  start_hub replica-a "$port_a" "$redis_port"; pid_a=$hub_pid
  start_hub replica-b "$port_b" "$redis_port"; pid_b=$hub_pid
  a="ws://127.0.0.1:$port_a"; b="ws://127.0.0.1:$port_b"
  echo "# Redis mode: replicas A (pid $pid_a) and B (pid $pid_b), redis-server (pid $redis_pid)"
  load 120 rooms --label redis.rooms --ws "$a/bench/prod" --count 10000 --broadcasts "$broadcasts" --pids "$pid_a" --side-pids "$redis_pid"
  load 120 rooms --label redis.rooms2 --ws "$a/bench/prod,$b/bench/prod" --count 10000 --broadcasts "$broadcasts" --pids "$pid_a,$pid_b" --side-pids "$redis_pid"
  load 60 push --label redis.push_same --ws "$a/bench/prod" --post "$a/bench/prod" --count 1000 --concurrency 64 --duration "$duration" --pids "$pid_a" --side-pids "$redis_pid"
  load 60 push --label redis.push_cross --ws "$b/bench/prod" --post "$a/bench/prod" --count 1000 --concurrency 64 --duration "$duration" --pids "$pid_a,$pid_b" --side-pids "$redis_pid"
  load 45 handshake --label redis.hs_open --ws "$a/open/prod" --concurrency 32 --sources 8 --duration "$duration" --pids "$pid_a" --side-pids "$redis_pid"
  stop "$pid_a"; stop "$pid_b"; stop "$redis_pid"
fi

# The hubs log at Warning: anything but the embedded-mode notice is worth a look.
for log in "$tmp"/*.log; do
  if grep -E '^(warn|fail|crit)' "$log" | grep -qv 'PlatformRedis\[1\]'; then
    echo "# $(basename "$log"):"; grep -E -A2 '^(warn|fail|crit)' "$log" | grep -v -A1 'PlatformRedis\[1\]' | head -20
  fi
done

r() { awk -v k="$1" '$1 == "result" && $2 == k { v = $3 } END { print v }' "$tmp/results.txt"; }
fmt() { awk -v v="$1" -v d="${2:-0}" 'BEGIN { if (v == "") print "—"; else printf "%.*f", d, v }'; }
met() { # $1 value, $2 le|ge, $3 bound
  awk -v v="$1" -v op="$2" -v t="$3" 'BEGIN { if (v == "") print "n/a"; else if ((op == "le" && v + 0 <= t) || (op == "ge" && v + 0 >= t)) print "yes"; else print "no" }'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b == 0) print ""; else printf "%.2f", a / b }'; }

echo
echo "| measure | figure | target | met? |"
echo "|---|---|---|---|"
for m in emb redis; do
  kb=$(r "$m.rooms.kb_per_connection"); [ -n "$kb" ] || continue
  echo "| idle connections, $m: 10k, hub RSS $(fmt "$(r "$m.rooms.rss_before_mb")") → $(fmt "$(r "$m.rooms.rss_after_mb")") MB ($(fmt "$(r "$m.rooms.rss_after_broadcasts_mb")") MB after the broadcasts) | $(fmt "$kb" 1) KB/connection = $(fmt "$(r "$m.rooms.connections_per_gb")") connections/GB | ≤ 25 KB (≥ 40k/GB) | $(met "$kb" le 25) |"
done
for p in emb.push redis.push_same; do
  v=$(r "$p.pushes_per_s"); [ -n "$v" ] || continue
  echo "| pushes/s, 1 KB, same replica ($p) | $(fmt "$v") /s (POST p50 $(fmt "$(r "$p.post_p50_ms")" 1) ms, p99 $(fmt "$(r "$p.post_p99_ms")" 1) ms; CPU per push: hub $(fmt "$(r "$p.hub_cpu_us_per_push")") µs$([ -n "$(r "$p.side_cpu_us_per_push")" ] && echo ", redis $(fmt "$(r "$p.side_cpu_us_per_push")") µs"), tool $(fmt "$(r "$p.tool_cpu_us_per_push")") µs) | ≥ 20,000/s | $(met "$v" ge 20000) |"
done
v=$(r redis.push_cross.pushes_per_s)
if [ -n "$v" ]; then
  q=$(ratio "$v" "$(r redis.push_same.pushes_per_s)")
  echo "| pushes/s across replicas (sockets on B, POST to A) | $(fmt "$v") /s = ${q:-?}× same-replica Redis (POST p50 $(fmt "$(r redis.push_cross.post_p50_ms)" 1) ms; CPU per push: hubs $(fmt "$(r redis.push_cross.hub_cpu_us_per_push)") µs, redis $(fmt "$(r redis.push_cross.side_cpu_us_per_push)") µs, tool $(fmt "$(r redis.push_cross.tool_cpu_us_per_push)") µs) | ≥ 0.5× | $(met "$q" ge 0.5) |"
fi
for b in emb.rooms redis.rooms redis.rooms2; do
  v=$(r "$b.broadcast_p99_ms"); [ -n "$v" ] || continue
  echo "| broadcast 1 KB → 10k ($b, $(r "$b.broadcasts") rounds) | p50 $(fmt "$(r "$b.broadcast_p50_ms")" 1) ms, p99 $(fmt "$v" 1) ms (hub CPU $(fmt "$(r "$b.hub_cpu_ms_per_broadcast")") ms per broadcast) | p99 ≤ 100 ms | $(met "$v" le 100) |"
done
for h in emb.hs_connect emb.hs_open redis.hs_open; do
  v=$(r "$h.handshakes_per_s"); [ -n "$v" ] || continue
  echo "| handshakes/s ($h, open+close, 32 connectors) | $(fmt "$v") /s (p50 $(fmt "$(r "$h.handshake_p50_ms")" 1) ms; hub CPU $(fmt "$(r "$h.hub_cpu_us_per_handshake")") µs per handshake) | ≥ 1,000/s | $(met "$v" ge 1000) |"
done
