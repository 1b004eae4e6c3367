#!/usr/bin/env bash
# The list benchmark's client: wrk (Debian `wrk`, C, epoll) in place of a JVM client, so the load generator
# takes little of the 2 cores the service and PostgreSQL share. 5 s of warm-up, then SECONDS measured.
# Prints one Markdown table row: requests/s, p50/p99/max, timeouts, errors, and the CPU of the service,
# of wrk itself and of the whole machine over the measured run.
#
#   bench/list-wrk.sh URL CONNECTIONS SECONDS SERVER_PID
set -euo pipefail
URL=$1 CONNECTIONS=$2 SECONDS_RUN=$3 PID=$4
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
busy() { awk '/^cpu /{print $2 + $3 + $4 + $7 + $8, $2 + $3 + $4 + $5 + $6 + $7 + $8}' /proc/stat; }
HZ=$(getconf CLK_TCK)

wrk -t2 -c"$CONNECTIONS" -d5s --timeout 10s "$URL" >/dev/null
OUT=$(mktemp)
before=$(ticks "$PID"); read -r busy0 all0 < <(busy); t0=$(date +%s.%N)
/usr/bin/time -f '%U %S' -o "$OUT.time" wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_RUN}s" --timeout 10s --latency "$URL" > "$OUT"
after=$(ticks "$PID"); read -r busy1 all1 < <(busy); t1=$(date +%s.%N)
cat "$OUT" >&2

ms() { # wrk's "1.23ms" / "456.00us" / "1.20s" → milliseconds
    awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000; printf "%.1f", n }'
}
rps=$(awk '/^Requests\/sec:/{printf "%.0f", $2}' "$OUT")
p50=$(ms "$(awk '$1 == "50%" {print $2}' "$OUT")")
p99=$(ms "$(awk '$1 == "99%" {print $2}' "$OUT")")
max=$(ms "$(awk '$1 == "Latency" && NF >= 4 {print $4; exit}' "$OUT")")
timeouts=$(sed -n 's/.*timeout \([0-9]*\).*/\1/p' "$OUT"); timeouts=${timeouts:-0}
errors=$(sed -n 's/.*Non-2xx or 3xx responses: \([0-9]*\).*/\1/p' "$OUT"); errors=${errors:-0}
wall=$(echo "$t1 - $t0" | bc -l)
server=$(echo "100 * ($after - $before) / $HZ / $wall" | bc -l)
client=$(awk -v wall="$wall" '{printf "%.0f", 100 * ($1 + $2) / wall}' "$OUT.time")
machine=$(echo "100 * 2 * ($busy1 - $busy0) / ($all1 - $all0)" | bc -l)
rm -f "$OUT" "$OUT.time"
echo
echo "| client | connections | s | requests/s | p50 ms | p99 ms | max ms | timeouts (10 s) | non-2xx | service CPU | wrk CPU | machine CPU (of 200 %) |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
printf "| wrk -t2 | %d | %d | %s | %s | %s | %s | %s | %s | %.0f %% | %s %% | %.0f %% |\n" \
    "$CONNECTIONS" "$SECONDS_RUN" "$rps" "$p50" "$p99" "$max" "$timeouts" "$errors" "$server" "$client" "$machine"
