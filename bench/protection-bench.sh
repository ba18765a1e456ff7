#!/usr/bin/env bash
# Traffic protection cost, side by side in one run (issue #6, "Performance"), one Redis-mode gateway:
#   proxy / cached          — GET through HTTP_PROXY to the Orders service, without and with the stage cache (hits)
#   open / throttled        — a MOCK route without and with a route token bucket (Redis, leased; far above the load)
#   nowaf / waf             — a MOCK route on a stage without and with the web ACL (SQLi, XSS, per-IP rate rule)
#   unvalidated / validated — POST of a CreateUser body to a MOCK route, without and with the body validator
# The account bucket is on for every target (10,000,000 rps here, so it never refuses). wrk -t2 -cCONNECTIONS
# -dDURATION per target, ROUNDS interleaved rounds, medians; ratios against the issue's targets.
# Release builds, Orders in embedded mode, Warning-level logs, loopback only; the script stops every process it starts.
# Usage: bench/protection-bench.sh [duration_s=10] [rounds=3] [connections=64]
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-10}; rounds=${2:-3}; connections=${3:-64}
threads=2
targets=${TARGETS:-proxy cached open throttled nowaf waf unvalidated validated}

command -v wrk >/dev/null || { echo "wrk is missing (apt-get install wrk)" >&2; exit 1; }
command -v redis-server >/dev/null || { echo "redis-server is missing (apt-get install redis-server)" >&2; exit 1; }
for p in Gateway Services/Orders; do dotnet build "$p" -c Release -nologo -v q >/dev/null; done

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
tmp=$(mktemp -d)
pids=()
cleanup() { for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT

wait_ready() { # $1 url
  for _ in $(seq 1 300); do curl -fs -o /dev/null "$1" && return 0; sleep 0.1; done
  echo "not ready: $1" >&2; exit 1
}

redis_port=$(free_port); orders_port=$(free_port); gateway_port=$(free_port)
redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no >"$tmp/redis.log" 2>&1 &
pids+=("$!")
for _ in $(seq 1 100); do redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break; sleep 0.1; done

export Logging__LogLevel__Default=Warning DOTNET_gcServer=0
ASPNETCORE_URLS=http://127.0.0.1:$orders_port dotnet Services/Orders/bin/Release/net10.0/Platform.Orders.dll >"$tmp/orders.log" 2>&1 &
pids+=("$!")
sed -e "s/@ORDERS_PORT@/$orders_port/g" bench/gateway/protection-apis.json.template >"$tmp/apis.json"
ConnectionStrings__redis="127.0.0.1:$redis_port" ASPNETCORE_URLS="http://127.0.0.1:$gateway_port" Gateway__Definitions__0="$tmp/apis.json" \
  Gateway__Throttling__AccountRateLimit=10000000 Gateway__Throttling__AccountBurstLimit=10000000 \
  dotnet Gateway/bin/Release/net10.0/Platform.Gateway.dll >"$tmp/gateway.log" 2>&1 &
gateway_pid=$!; pids+=("$gateway_pid")
wait_ready "http://127.0.0.1:$orders_port/health"
wait_ready "http://127.0.0.1:$gateway_port/_gateway/health"

order=$(curl -fs -X POST "http://127.0.0.1:$orders_port/orders" -H 'content-type: application/json' \
  -d '{"customerId":"bench","items":[{"sku":"sku-1","quantity":2,"unitPrice":9.5}]}')
id=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["id"])' "$order")
g="http://127.0.0.1:$gateway_port"
declare -A url=(
  [proxy]="$g/proxy/$id" [cached]="$g/cached/$id" [open]="$g/open" [throttled]="$g/throttled"
  [nowaf]="$g/nowaf?q=shoes" [waf]="$g/waf/nowaf?q=shoes" [unvalidated]="$g/unvalidated" [validated]="$g/validated"
)
declare -A script=([unvalidated]=bench/gateway/post-user.lua [validated]=bench/gateway/post-user.lua)
for target in $targets; do
  args=(); [ -n "${script[$target]:-}" ] && args=(-X POST -H 'content-type: application/json' -d '{"email":"ada@example.com","name":"Ada Lovelace","age":36,"role":"admin"}')
  status=$(curl -s -o /dev/null -w '%{http_code}' "${args[@]}" "${url[$target]}")
  case "$status" in 200|201) ;; *) echo "$target answered $status" >&2; cat "$tmp/gateway.log" >&2; exit 1 ;; esac
done
# The protections really act: a SQL injection on the WAF stage is blocked, an invalid body is refused, the cache hits.
blocked=$(curl -s -o /dev/null -w '%{http_code}' "$g/waf/nowaf?q=1%27%20OR%20%271%27=%271")
[ "$blocked" = 403 ] || { echo "the WAF stage let a SQL injection through ($blocked)" >&2; exit 1; }
invalid=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'content-type: application/json' -d '{"email":"x"}' "$g/validated")
[ "$invalid" = 400 ] || { echo "the validator let an invalid body through ($invalid)" >&2; exit 1; }

median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
to_ms() { awk '{ v = $1; if (v ~ /us$/) { sub(/us$/, "", v); v /= 1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v) } else if (v ~ /s$/) { sub(/s$/, "", v); v *= 1000 } printf "%.3f", v }'; }
evals() { redis-cli -p "$redis_port" info commandstats | tr -d '\r' | awk -F'[:=,]' '/^cmdstat_eval/ { s += $3 } END { print s + 0 }'; }

run_wrk() { # $1 target; prints "rps p50ms p99ms requests"
  local out target=$1 args=()
  if [ -n "${script[$target]:-}" ]; then args=(-s "${script[$target]}"); fi
  out=$(wrk -t"$threads" -c"$connections" -d"${duration}s" --latency "${args[@]}" "${url[$target]}")
  local errors
  errors=$(awk '/Non-2xx|Socket errors/' <<<"$out")
  if [ -n "$errors" ]; then echo "  $target: $errors" >&2; fi
  echo "$(awk '/Requests\/sec/ { print $2 }' <<<"$out") $(awk '$1 == "50%" { print $2 }' <<<"$out" | to_ms) $(awk '$1 == "99%" { print $2 }' <<<"$out" | to_ms) $(awk '/requests in/ { print $1 }' <<<"$out")"
}

declare -A rps p50 p99
echo "# wrk -t$threads -c$connections -d${duration}s --latency; $rounds interleaved rounds; $(nproc) cores shared by wrk, the gateway, Orders and redis; $(redis-server --version | cut -d' ' -f3)"
for round in $(seq 1 "$rounds"); do
  for target in $targets; do
    e0=$(evals)
    read -r r l p n <<<"$(run_wrk "$target")"
    e1=$(evals)
    rps[$target]+="$r "; p50[$target]+="$l "; p99[$target]+="$p "
    printf 'round %s  %-12s %10s rps  p50 %7s ms  p99 %7s ms  (%s requests; %s Redis EVAL/EVALSHA per request)\n' "$round" "$target" "$r" "$l" "$p" "$n" \
      "$(awk -v e=$((e1 - e0)) -v n="$n" 'BEGIN { printf "%.3f", e / n }')"
  done
done

echo
echo "| target | rps (median) | p50 ms (median) | p99 ms (median) |"
echo "|---|---|---|---|"
for target in $targets; do
  printf '| %s | %s | %s | %s |\n' "$target" "$(tr ' ' '\n' <<<"${rps[$target]}" | grep . | median)" \
    "$(tr ' ' '\n' <<<"${p50[$target]}" | grep . | median)" "$(tr ' ' '\n' <<<"${p99[$target]}" | grep . | median)"
done
ratio() { # $1 numerator target, $2 denominator target, $3 label, $4 goal
  if [[ " $targets " == *" $1 "* && " $targets " == *" $2 "* ]]; then
    local a b
    a=$(tr ' ' '\n' <<<"${rps[$1]}" | grep . | median); b=$(tr ' ' '\n' <<<"${rps[$2]}" | grep . | median)
    echo "$3: $(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.2f", a / b }')× (target ≥ $4)"
  fi
}
echo
ratio cached proxy "cache hit vs bare proxy" 1.3
ratio throttled open "throttled vs unthrottled" 0.8
ratio waf nowaf "WAF vs no WAF" 0.8
ratio validated unvalidated "validated vs unvalidated POST" 0.8

if grep -E '^(warn|fail|crit)' "$tmp/gateway.log" >/dev/null; then
  echo "# gateway.log:"; grep -E -A2 '^(warn|fail|crit)' "$tmp/gateway.log" | head -20
fi
