#!/usr/bin/env bash
# Access control cost, side by side in one run (issue #5, "Performance"): the same MOCK route behind
#   open      — no access control (GET /open/ping)
#   key       — apiKeyRequired, usage plan with throttle + quota far above the load (GET /key/ping), Redis store
#   key-emb   — the same route on a second gateway in embedded mode (in-memory store), for comparison
# One Redis-mode gateway serves open and key; TARGETS picks what runs (the JWT route joins here later).
# wrk -t2 -cCONNECTIONS -dDURATION (-t1 for one connection) per target, ROUNDS interleaved rounds, medians. For the key target, Redis
# INFO commandstats is read before and after each run: EVALSHA + EVAL per request is the round trips a request
# costs (the gateway sends nothing else per request), and all calls per request include those the script makes.
# Release build, Warning-level logs, loopback only; the script stops every process it starts.
# Usage: bench/access-bench.sh [duration_s=10] [rounds=3] [connections=64]
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-10}; rounds=${2:-3}; connections=${3:-64}
threads=$(( connections < 2 ? 1 : 2 ))   # wrk needs a connection per thread
targets=${TARGETS:-open key key-emb}

command -v wrk >/dev/null || { echo "wrk is missing (apt-get install wrk)" >&2; exit 1; }
command -v redis-server >/dev/null || { echo "redis-server is missing (apt-get install redis-server)" >&2; exit 1; }
dotnet build Gateway -c Release -nologo -v q >/dev/null

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
tmp=$(mktemp -d)
pids=()
cleanup() { for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT

wait_ready() { # $1 url
  for _ in $(seq 1 300); do curl -fs -o /dev/null "$1" && return 0; sleep 0.1; done
  echo "not ready: $1" >&2; exit 1
}

key=bench-key-0123456789abcdef
cat >"$tmp/apis.json" <<EOF
{
  "apis": {
    "bench": {
      "protocol": "HTTP",
      "routes": {
        "GET /open/{proxy+}": { "integration": "pong" },
        "GET /key/{proxy+}": { "integration": "pong", "apiKeyRequired": true }
      },
      "integrations": { "pong": { "integrationType": "MOCK", "mockResponse": { "statusCode": 200, "body": "{\"pong\":true}" } } },
      "stages": { "\$default": {} }
    }
  },
  "domainNames": { "\$default": { "apiMappings": [ { "apiMappingKey": "", "api": "bench", "stage": "\$default" } ] } },
  "usagePlans": {
    "bench": {
      "apiStages": [ { "api": "bench", "stage": "\$default" } ],
      "throttle": { "rateLimit": 10000000, "burstLimit": 10000000 },
      "quota": { "limit": 1000000000, "period": "DAY" }
    }
  },
  "apiKeys": { "bench-key": { "value": "$key", "usagePlans": ["bench"] } }
}
EOF

redis_port=$(free_port); gateway_port=$(free_port); embedded_port=$(free_port)
redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no >"$tmp/redis.log" 2>&1 &
redis_pid=$!; pids+=("$redis_pid")
for _ in $(seq 1 100); do redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break; sleep 0.1; done

export Logging__LogLevel__Default=Warning DOTNET_gcServer=0
ConnectionStrings__redis="127.0.0.1:$redis_port" ASPNETCORE_URLS="http://127.0.0.1:$gateway_port" Gateway__Definitions__0="$tmp/apis.json" \
  dotnet Gateway/bin/Release/net10.0/Platform.Gateway.dll >"$tmp/gateway.log" 2>&1 &
gateway_pid=$!; pids+=("$gateway_pid")
ASPNETCORE_URLS="http://127.0.0.1:$embedded_port" Gateway__Definitions__0="$tmp/apis.json" \
  dotnet Gateway/bin/Release/net10.0/Platform.Gateway.dll >"$tmp/embedded.log" 2>&1 &
embedded_pid=$!; pids+=("$embedded_pid")
wait_ready "http://127.0.0.1:$gateway_port/_gateway/health"
wait_ready "http://127.0.0.1:$embedded_port/_gateway/health"
wait_ready "http://127.0.0.1:$gateway_port/open/warm"
status=$(curl -s -o /dev/null -w '%{http_code}' -H "x-api-key: $key" "http://127.0.0.1:$gateway_port/key/warm")
[ "$status" = 200 ] || { echo "the key route answered $status" >&2; cat "$tmp/gateway.log" >&2; exit 1; }
status=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$gateway_port/key/warm")
[ "$status" = 403 ] || { echo "the key route without a key answered $status, not 403" >&2; exit 1; }

declare -A url=(
  [open]="http://127.0.0.1:$gateway_port/open/ping"
  [key]="http://127.0.0.1:$gateway_port/key/ping"
  [key-emb]="http://127.0.0.1:$embedded_port/key/ping"
)
declare -A headers=([open]="" [key]="x-api-key: $key" [key-emb]="x-api-key: $key")

median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
to_ms() { awk '{ v = $1; if (v ~ /us$/) { sub(/us$/, "", v); v /= 1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v) } else if (v ~ /s$/) { sub(/s$/, "", v); v *= 1000 } printf "%.3f", v }'; }
stats() { redis-cli -p "$redis_port" info commandstats | tr -d '\r' | awk -F'[:=,]' '/^cmdstat_/ { sub(/^cmdstat_/, "", $1); print $1, $3 }' | sort; }
calls() { awk -v c="$2" '$1 == c { v = $2 } END { print v + 0 }' "$1"; }
total_calls() { awk '$1 != "info" { s += $2 } END { print s + 0 }' "$1"; }
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; } # user + system clock ticks of a process
tick_us=$(awk -v t="$(getconf CLK_TCK)" 'BEGIN { print 1000000 / t }')

run_wrk() { # $1 target; prints "rps p50ms p99ms requests"
  local out target=$1 args=()
  if [ -n "${headers[$target]}" ]; then args=(-H "${headers[$target]}"); fi
  out=$(wrk -t"$threads" -c"$connections" -d"${duration}s" --latency "${args[@]}" "${url[$target]}")
  local errors
  errors=$(awk '/Non-2xx|Socket errors/' <<<"$out")
  if [ -n "$errors" ]; then echo "  $target: $errors" >&2; fi
  echo "$(awk '/Requests\/sec/ { print $2 }' <<<"$out") $(awk '$1 == "50%" { print $2 }' <<<"$out" | to_ms) $(awk '$1 == "99%" { print $2 }' <<<"$out" | to_ms) $(awk '/requests in/ { print $1 }' <<<"$out")"
}

declare -A rps p50
round_trips=(); all_calls=()
echo "# wrk -t$threads -c$connections -d${duration}s --latency; $rounds interleaved rounds; $(nproc) cores shared by wrk, gateways and redis; $(redis-server --version | cut -d' ' -f3)"
for round in $(seq 1 "$rounds"); do
  for target in $targets; do
    [ "$target" = key ] && stats >"$tmp/before"
    served_by=$gateway_pid; [ "$target" = key-emb ] && served_by=$embedded_pid
    g0=$(cpu_ticks "$served_by"); r0=$(cpu_ticks "$redis_pid")
    read -r r l p n <<<"$(run_wrk "$target")"
    g1=$(cpu_ticks "$served_by"); r1=$(cpu_ticks "$redis_pid")
    cpu=$(awk -v g=$((g1 - g0)) -v r=$((r1 - r0)) -v n="$n" -v u="$tick_us" 'BEGIN { printf "CPU per request: gateway %.1f µs, redis %.1f µs", g * u / n, r * u / n }')
    rps[$target]+="$r "; p50[$target]+="$l "
    extra=""
    if [ "$target" = key ]; then
      stats >"$tmp/after"
      evals=$(( $(calls "$tmp/after" evalsha) - $(calls "$tmp/before" evalsha) + $(calls "$tmp/after" eval) - $(calls "$tmp/before" eval) ))
      everything=$(( $(total_calls "$tmp/after") - $(total_calls "$tmp/before") ))
      rt=$(awk -v e="$evals" -v n="$n" 'BEGIN { printf "%.3f", e / n }'); ac=$(awk -v e="$everything" -v n="$n" 'BEGIN { printf "%.2f", e / n }')
      round_trips+=("$rt"); all_calls+=("$ac")
      extra="  redis: $rt EVALSHA/EVAL per request, $ac commands per request incl. the script's"
    fi
    printf 'round %s  %-8s %10s rps  p50 %7s ms  p99 %7s ms  (%s requests; %s)%s\n' "$round" "$target" "$r" "$l" "$p" "$n" "$cpu" "$extra"
  done
done

echo
echo "# Redis commands during the last key run (calls):"
join -a1 -e0 -o 0,1.2,2.2 "$tmp/after" "$tmp/before" | awk '$1 != "info" && $2 - $3 > 0 { printf "#   %s %d\n", $1, $2 - $3 }'

echo
echo "| target | rps (median) | p50 ms (median) |"
echo "|---|---|---|"
for target in $targets; do
  printf '| %s | %s | %s |\n' "$target" "$(tr ' ' '\n' <<<"${rps[$target]}" | grep . | median)" "$(tr ' ' '\n' <<<"${p50[$target]}" | grep . | median)"
done
if [[ " $targets " == *" key "* && " $targets " == *" open "* ]]; then
  o=$(tr ' ' '\n' <<<"${rps[open]}" | grep . | median); k=$(tr ' ' '\n' <<<"${rps[key]}" | grep . | median)
  echo "key/open rps: $(awk -v k="$k" -v o="$o" 'BEGIN { printf "%.2f", k / o }') (target ≥ 0.6)"
  echo "Redis round trips per request (EVALSHA + EVAL): $(printf '%s\n' "${round_trips[@]}" | median) (target ≤ 1); all commands per request incl. the script's: $(printf '%s\n' "${all_calls[@]}" | median)"
fi

# The gateways log at Warning: anything but the embedded-mode notice is worth a look.
for log in "$tmp"/gateway.log "$tmp"/embedded.log; do
  if grep -E '^(warn|fail|crit)' "$log" | grep -qv 'PlatformRedis\[1\]'; then
    echo "# $(basename "$log"):"; grep -E -A2 '^(warn|fail|crit)' "$log" | grep -v -A1 'PlatformRedis\[1\]' | head -20
  fi
done
