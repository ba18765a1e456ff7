#!/usr/bin/env bash
# Gateway throughput and latency, side by side in one run (issue #3, "Performance"):
#   direct  — wrk → the Orders service
#   gateway — wrk → our gateway (HTTP_PROXY) → the same Orders service
#   nginx   — wrk → nginx (upstream keepalive; bench/gateway/nginx.conf.template) → the same Orders service
#   lambda  — wrk → our gateway (AWS_PROXY, payload 2.0) → the echo function (Services/Samples)
# Every configuration at c64 and c256, ROUNDS interleaved rounds, medians printed. Then the latency the gateway
# adds at half load (paced wrk connections offering half the gateway's c64 throughput), the gateway's RSS during
# the c256 runs, and a SOAK_SECONDS run at c256 sampling the gateway's RSS every 10 s.
# Release builds, Orders in embedded (in-memory) mode, Warning-level logs everywhere, loopback only.
# Usage: bench/gateway-throughput.sh [duration_s=10] [rounds=3] [soak_s=300]
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-10}; rounds=${2:-3}; soak=${3:-300}

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
if ! command -v wrk >/dev/null || ! command -v nginx >/dev/null; then
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends wrk nginx >/dev/null
fi

for p in Gateway Services/Orders Services/Samples; do dotnet build "$p" -c Release -nologo -v q >/dev/null; done

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
tmp=$(mktemp -d)
pids=()
cleanup() { for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT

wait_ready() { # $1 url
  for _ in $(seq 1 300); do curl -fs -o /dev/null "$1" && return 0; sleep 0.1; done
  echo "not ready: $1" >&2; exit 1
}

orders_port=$(free_port); samples_port=$(free_port); gateway_port=$(free_port); nginx_port=$(free_port)
export Logging__LogLevel__Default=Warning DOTNET_gcServer=0
ASPNETCORE_URLS=http://127.0.0.1:$orders_port dotnet Services/Orders/bin/Release/net10.0/Platform.Orders.dll >"$tmp/orders.log" 2>&1 &
pids+=($!)
ASPNETCORE_URLS=http://127.0.0.1:$samples_port dotnet Services/Samples/bin/Release/net10.0/Platform.Samples.dll >"$tmp/samples.log" 2>&1 &
pids+=($!)
sed -e "s/@ORDERS_PORT@/$orders_port/g" -e "s/@SAMPLES_PORT@/$samples_port/g" bench/gateway/apis.json.template >"$tmp/apis.json"
ASPNETCORE_URLS=http://127.0.0.1:$gateway_port Gateway__Definitions__0="$tmp/apis.json" \
  dotnet Gateway/bin/Release/net10.0/Platform.Gateway.dll >"$tmp/gateway.log" 2>&1 &
gateway_pid=$!; pids+=($gateway_pid)
mkdir -p "$tmp/client_body" "$tmp/proxy" "$tmp/fastcgi" "$tmp/uwsgi" "$tmp/scgi"
sed -e "s#@TMP@#$tmp#g" -e "s/@NGINX_PORT@/$nginx_port/g" -e "s/@ORDERS_PORT@/$orders_port/g" bench/gateway/nginx.conf.template >"$tmp/nginx.conf"
nginx -c "$tmp/nginx.conf" -p "$tmp" >"$tmp/nginx.log" 2>&1 &
pids+=($!)

wait_ready "http://127.0.0.1:$orders_port/health"
wait_ready "http://127.0.0.1:$samples_port/health"
wait_ready "http://127.0.0.1:$gateway_port/_gateway/health"
order=$(curl -fs -X POST "http://127.0.0.1:$orders_port/orders" -H 'content-type: application/json' \
  -d '{"customerId":"bench","items":[{"sku":"sku-1","quantity":2,"unitPrice":9.5}]}')
id=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["id"])' "$order")
wait_ready "http://127.0.0.1:$nginx_port/orders/$id"
wait_ready "http://127.0.0.1:$gateway_port/orders/$id"
wait_ready "http://127.0.0.1:$gateway_port/echo/warm"

declare -A url=(
  [direct]="http://127.0.0.1:$orders_port/orders/$id"
  [gateway]="http://127.0.0.1:$gateway_port/orders/$id"
  [nginx]="http://127.0.0.1:$nginx_port/orders/$id"
  [lambda]="http://127.0.0.1:$gateway_port/echo/bench?x=1"
)
targets=(direct gateway nginx lambda)
rss_mb() { awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$gateway_pid/status"; }
median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
to_ms() { awk '{ v = $1; if (v ~ /us$/) { sub(/us$/, "", v); v /= 1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v) } else if (v ~ /s$/) { sub(/s$/, "", v); v *= 1000 } printf "%.3f", v }'; }

run_wrk() { # $1 target, $2 connections, extra args...; prints "rps p50ms p99ms"
  local out target=$1 c=$2; shift 2
  out=$(wrk -t2 -c"$c" -d"${duration}s" --latency "$@" "${url[$target]}")
  local rps p50 p99 errors
  rps=$(awk '/Requests\/sec/ { print $2 }' <<<"$out")
  p50=$(awk '$1 == "50%" { print $2 }' <<<"$out" | to_ms)
  p99=$(awk '$1 == "99%" { print $2 }' <<<"$out" | to_ms)
  errors=$(awk '/Non-2xx|Socket errors/' <<<"$out")
  if [ -n "$errors" ]; then echo "  $target c$c: $errors" >&2; fi
  echo "$rps $p50 $p99"
}

declare -A rps p50
rss_c256=()
echo "# wrk -t2 -d${duration}s --latency; $rounds interleaved rounds; $(nproc) cores"
for round in $(seq 1 "$rounds"); do
  for c in 64 256; do
    for target in "${targets[@]}"; do
      if [ "$target" = gateway ] && [ "$c" = 256 ]; then
        ( sleep $((duration / 2)); rss_mb >"$tmp/rss" ) &
      fi
      read -r r l p <<<"$(run_wrk "$target" "$c")"
      rps[$target,$c]+="$r "; p50[$target,$c]+="$l "
      if [ "$target" = gateway ] && [ "$c" = 256 ]; then wait $!; rss_c256+=("$(cat "$tmp/rss")"); fi
      printf 'round %s  %-8s c%-4s %10s rps  p50 %7s ms  p99 %7s ms\n' "$round" "$target" "$c" "$r" "$l" "$p"
    done
  done
done

echo
echo "| target | c64 rps | c64 p50 ms | c256 rps | c256 p50 ms |"
echo "|---|---|---|---|---|"
for target in "${targets[@]}"; do
  printf '| %s | %s | %s | %s | %s |\n' "$target" \
    "$(tr ' ' '\n' <<<"${rps[$target,64]}" | grep . | median)" "$(tr ' ' '\n' <<<"${p50[$target,64]}" | grep . | median)" \
    "$(tr ' ' '\n' <<<"${rps[$target,256]}" | grep . | median)" "$(tr ' ' '\n' <<<"${p50[$target,256]}" | grep . | median)"
done
for c in 64 256; do
  g=$(tr ' ' '\n' <<<"${rps[gateway,$c]}" | grep . | median); n=$(tr ' ' '\n' <<<"${rps[nginx,$c]}" | grep . | median)
  echo "gateway/nginx rps at c$c: $(awk -v g="$g" -v n="$n" 'BEGIN { printf "%.2f", g / n }')"
done
echo "gateway RSS mid-run at c256 (MB): ${rss_c256[*]}"

# Half load: 32 paced connections offering half the gateway's median c64 throughput.
half=$(awk -v r="$(tr ' ' '\n' <<<"${rps[gateway,64]}" | grep . | median)" 'BEGIN { printf "%d", r / 2 }')
pace=$(awk -v h="$half" 'BEGIN { p = int(32 * 1000 / h); if (p < 1) p = 1; print p }')
echo
echo "# half load: 32 connections, PACE_MS=$pace (offered ≈ $half rps), $rounds interleaved rounds"
direct_p50=(); gateway_p50=()
for round in $(seq 1 "$rounds"); do
  read -r rd ld _ <<<"$(PACE_MS=$pace run_wrk direct 32 -s bench/gateway/paced.lua)"
  read -r rg lg _ <<<"$(PACE_MS=$pace run_wrk gateway 32 -s bench/gateway/paced.lua)"
  direct_p50+=("$ld"); gateway_p50+=("$lg")
  echo "round $round  direct $rd rps p50 $ld ms   gateway $rg rps p50 $lg ms"
done
dm=$(printf '%s\n' "${direct_p50[@]}" | median); gm=$(printf '%s\n' "${gateway_p50[@]}" | median)
echo "median p50: direct $dm ms, gateway $gm ms, added $(awk -v g="$gm" -v d="$dm" 'BEGIN { printf "%.3f", g - d }') ms"

if [ "$soak" -gt 0 ]; then
  echo
  echo "# soak: gateway at c256 for ${soak}s, RSS every 10 s (MB)"
  wrk -t2 -c256 -d"${soak}s" "${url[gateway]}" >"$tmp/soak.txt" &
  soak_pid=$!
  samples=()
  while kill -0 "$soak_pid" 2>/dev/null; do samples+=("$(rss_mb)"); sleep 10; done
  wait "$soak_pid"
  echo "RSS: ${samples[*]}"
  awk '/Requests\/sec/ { print "soak throughput: " $2 " rps" }' "$tmp/soak.txt"
fi
