#!/usr/bin/env bash
# JWT authorizer cost (issue: JWT authorizer, "Performance"): wrk → gateway → MOCK, the same route open and behind
# a JWT authorizer of a real Services/Identity, one token for every request (the validated-token cache's case, as
# clients reuse their token until it expires). Target: secure ≥ 0.8 × open throughput.
# Also "distinct": a wrk script cycling through TOKENS different tokens (each token's first use verifies RS256).
# Release builds, Warning-level logs, loopback; c64, ROUNDS interleaved rounds, medians printed.
# Usage: bench/jwt-authorizer.sh [duration_s=10] [rounds=3] [tokens=200]
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-10}; rounds=${2:-3}; tokens=${3:-200}

for p in Gateway Services/Identity; do dotnet build "$p" -c Release -nologo -v q >/dev/null; done

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
tmp=$(mktemp -d)
pids=()
cleanup() { for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT
wait_ready() { for _ in $(seq 1 300); do curl -fs -o /dev/null "$1" && return 0; sleep 0.1; done; echo "not ready: $1" >&2; exit 1; }

identity_port=$(free_port); gateway_port=$(free_port)
export Logging__LogLevel__Default=Warning DOTNET_gcServer=0
ASPNETCORE_URLS=http://127.0.0.1:$identity_port Identity__Issuer=http://identity \
  dotnet Services/Identity/bin/Release/net10.0/Platform.Identity.dll >"$tmp/identity.log" 2>&1 &
pids+=($!)
cp bench/gateway/jwt-apis.json.template "$tmp/apis.json"
ASPNETCORE_URLS=http://127.0.0.1:$gateway_port Gateway__Definitions__0="$tmp/apis.json" \
  services__identity__http__0=http://127.0.0.1:$identity_port \
  dotnet Gateway/bin/Release/net10.0/Platform.Gateway.dll >"$tmp/gateway.log" 2>&1 &
pids+=($!)
wait_ready "http://127.0.0.1:$identity_port/health"
wait_ready "http://127.0.0.1:$gateway_port/_gateway/health"

token() {
  curl -fs -u platform-dev:platform-dev-secret -d grant_type=client_credentials "http://127.0.0.1:$identity_port/connect/token" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])'
}
bearer=$(token)
status=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $bearer" "http://127.0.0.1:$gateway_port/secure")
[ "$status" = 200 ] || { echo "secure route answered $status with a fresh token" >&2; cat "$tmp/gateway.log" >&2; exit 1; }
for _ in $(seq 1 "$tokens"); do token; done >"$tmp/tokens.txt"
cat >"$tmp/distinct.lua" <<LUA
local tokens = {}
for line in io.lines("$tmp/tokens.txt") do tokens[#tokens + 1] = line end
local i = 0
request = function()
  i = i % #tokens + 1
  return wrk.format("GET", nil, { Authorization = "Bearer " .. tokens[i] })
end
LUA

median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
run() { # $1 name; prints rps
  local out
  case $1 in
    open) out=$(wrk -t2 -c64 -d"${duration}s" "http://127.0.0.1:$gateway_port/open") ;;
    secure) out=$(wrk -t2 -c64 -d"${duration}s" -H "Authorization: Bearer $bearer" "http://127.0.0.1:$gateway_port/secure") ;;
    distinct) out=$(wrk -t2 -c64 -d"${duration}s" -s "$tmp/distinct.lua" "http://127.0.0.1:$gateway_port/secure") ;;
  esac
  if grep -q 'Non-2xx' <<<"$out"; then echo "  $1: $(grep 'Non-2xx' <<<"$out")" >&2; fi
  awk '/Requests\/sec/ { print $2 }' <<<"$out"
}

declare -A rps
echo "# wrk -t2 -c64 -d${duration}s; $rounds interleaved rounds; $(nproc) cores; $tokens distinct tokens"
for round in $(seq 1 "$rounds"); do
  for target in open secure distinct; do
    r=$(run "$target"); rps[$target]+="$r "
    printf 'round %s  %-8s %10s rps\n' "$round" "$target" "$r"
  done
done
o=$(tr ' ' '\n' <<<"${rps[open]}" | grep . | median)
s=$(tr ' ' '\n' <<<"${rps[secure]}" | grep . | median)
d=$(tr ' ' '\n' <<<"${rps[distinct]}" | grep . | median)
echo
echo "| route | c64 rps (median) | × open |"
echo "|---|---|---|"
echo "| open (no authorizer) | $o | 1.00 |"
awk -v s="$s" -v o="$o" 'BEGIN { printf "| secure, one token | %s | %.2f |\n", s, s / o }'
awk -v d="$d" -v o="$o" 'BEGIN { printf "| secure, %s tokens in turn | %s | %.2f |\n", '"$tokens"', d, d / o }'
