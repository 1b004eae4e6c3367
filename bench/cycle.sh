#!/usr/bin/env bash
# The scrape cycle overhead benchmark (issue 12; not part of the test suite). Starts, on loopback only and
# on free ports: the mock exporter, Debian's Prometheus scraping it every second, and the built service
# (the microbundle, --nocluster, SCRAPE_INTERVAL=INTERVAL, Alertmanager on a closed port) on that Prometheus.
# Once Prometheus holds some samples and the service has produced its first snapshot, bench/CycleBaseline.java
# watches WARMUP + CYCLES of the service's cycles and, half an interval after each measured one started (so
# the two never overlap and share the machine's load of that moment), sends the same calls directly to the
# same Prometheus: the instant queries of the query list, plus the range queries and the metadata call in
# the cycles where the service sent them (read from its prometheus_queries_total), same endpoints and
# parameters, 4 calls in flight as in the service's cycle. Service cycle times come from its own gauge
# scrape_cycle_last_duration_seconds (the snapshot's cycleDurationMs is reported beside it as a check).
# Appends one table row to bench/target/cycle.md; per-cycle figures and logs stay in bench/target/cycle/.
#
#   bench/cycle.sh [CYCLES]                 default 100 measured cycles (+ 60 warm-up, sent by both sides) at a 2 s
#                                           interval: a p50 of 30 cycles moved by ±0.2× from run to run (BENCHMARKS.md)
#   BENCH_INTERVAL=5 BENCH_WARMUP=10 bench/cycle.sh 60
#   BENCH_JFR=1 bench/cycle.sh              also records the service with JFR (bench/target/cycle/service.jfr)
#   BENCH_SERVER_OPTS="-Xmx512m -XX:+UseSerialGC" bench/cycle.sh
#   BENCH_JAR=/path/to/other-microbundle.jar bench/cycle.sh   another build of the service (A/B of a change)
#   BENCH_TARGET=DIR bench/cycle.sh         results and logs under DIR instead of bench/target (the test suite's smoke run)
#
# Needs: JDK 17, Maven, curl, python3, Debian's prometheus. Takes ~3.5 minutes plus the service's start,
# 2 s per cycle. Everything it starts it stops (by pid).
set -euo pipefail
cd "$(dirname "$0")/.."
CYCLES=${1:-100}
INTERVAL=${BENCH_INTERVAL:-2}
# a service runs for days: its cycle is measured once the JIT has had two minutes of cycles to compile (after 5 warm-up
# cycles the service's cycle was still getting faster, BENCHMARKS.md); the baseline client gets the same warm-up
WARMUP=${BENCH_WARMUP:-60}
WINDOW=${BENCH_HISTORY_WINDOW:-15m}
QUERIES=${BENCH_QUERIES:-src/main/resources/dev/servicemetrics/metrics/default-queries.txt}
SERVER_OPTS=${BENCH_SERVER_OPTS:-}
JAR=${BENCH_JAR:-target/service-metrics-microbundle.jar}
. bench/lib.sh
TARGET=$(bench_target)
WORK=$TARGET/cycle
OUT=$TARGET/cycle.md
mkdir -p "$WORK"

[ -f target/service-metrics-microbundle.jar ] && [ -f target/mock-exporter.jar ] \
    || mvn -q -o -DskipTests package || mvn -q -DskipTests package

MOCK_PORT=$(free_port); PROM_PORT=$(free_port); SERVICE_PORT=$(free_port); CLOSED_PORT=$(free_port)
PIDS=()
cleanup() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    sleep 3
    for pid in "${PIDS[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

start_mock_and_prometheus "$WORK" "$MOCK_PORT" "$PROM_PORT"

# Prometheus must hold samples for the range queries and the rate()s: wait for 10 scrapes of the exporter.
scrapes() {
    curl -sf "http://127.0.0.1:$PROM_PORT/api/v1/query" --data-urlencode 'query=count_over_time(up{job="mock-metrics"}[1m])' 2>/dev/null \
        | python3 -c 'import json,sys; r=json.load(sys.stdin)["data"]["result"]; print(int(float(r[0]["value"][1])) if r else 0)' 2>/dev/null \
        || echo 0
}
for _ in $(seq 1 120); do
    [ "$(scrapes)" -ge 10 ] && break
    sleep 1
done
echo "Prometheus on port $PROM_PORT has $(scrapes) scrapes of the exporter"

JFR_OPTS=
[ -n "${BENCH_JFR:-}" ] && JFR_OPTS="-XX:StartFlightRecording=settings=profile,filename=$WORK/service.jfr,dumponexit=true"
# the built-in list unless BENCH_QUERIES names a file (the baseline reads the same list either way)
JAR_PATH=$(realpath "$JAR")
QUERY_ENV=()
[ -n "${BENCH_QUERIES:-}" ] && QUERY_ENV=("METRICS_QUERIES=$(realpath "$QUERIES")")
rm -rf "$WORK/service" && mkdir -p "$WORK/service"
# shellcheck disable=SC2086
(cd "$WORK/service" && exec env PROMETHEUS_URL=http://127.0.0.1:$PROM_PORT ALERTMANAGER_URL=http://127.0.0.1:$CLOSED_PORT \
    SCRAPE_INTERVAL=$INTERVAL HISTORY_WINDOW=$WINDOW "${QUERY_ENV[@]}" \
    java $SERVER_OPTS $JFR_OPTS -jar "$JAR_PATH" --port $SERVICE_PORT --nocluster \
    > ../service.log 2>&1) &
SERVICE_PID=$!
PIDS+=($SERVICE_PID)
echo "service $JAR (pid $SERVICE_PID) on port $SERVICE_PORT; interval $INTERVAL s; $WARMUP warm-up + $CYCLES measured cycles"
echo "machine: $(nproc) cores; $(uptime)"
top -bn1 | head -15 > "$WORK/top-before.txt" || true

java -Xmx256m bench/CycleBaseline.java "http://127.0.0.1:$SERVICE_PORT" "http://127.0.0.1:$PROM_PORT" "$SERVICE_PID" \
    "$INTERVAL" "$WINDOW" "$QUERIES" "$WARMUP" "$CYCLES" "$OUT" "$WORK/cycles.tsv"
echo "machine after: $(uptime)"
top -bn1 | head -15 > "$WORK/top-after.txt" || true
if [ -n "${BENCH_JFR:-}" ]; then
    kill "$SERVICE_PID" 2>/dev/null || true   # JFR dumps on exit
    for _ in $(seq 1 30); do kill -0 "$SERVICE_PID" 2>/dev/null || break; sleep 1; done
fi
echo "results in $OUT; per-cycle figures in $WORK/cycles.tsv"
