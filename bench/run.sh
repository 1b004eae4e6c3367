#!/usr/bin/env bash
# The WebSocket fan-out benchmark (not part of the test suite). Starts, on loopback only: the mock exporter,
# Debian's Prometheus scraping it, and the built service in Payara Micro with a minimal plain broadcaster
# (bench/baseline) deployed in the same container; then, per level, opens that many /ws clients and as many
# baseline clients, and appends one table row each to bench/target/results.md.
#
#   bench/run.sh [LEVELS...]        default: 1000 5000 10000
#
# Needs: JDK 17, Maven, Debian's prometheus. Takes about 2 minutes per level. Everything it starts it stops.
set -euo pipefail
cd "$(dirname "$0")/.."
LEVELS=("${@:-1000 5000 10000}")
[ $# -eq 0 ] && LEVELS=(1000 5000 10000)
INTERVAL=${BENCH_INTERVAL:-5}
CYCLES=${BENCH_CYCLES:-6}
SERVER_OPTS=${BENCH_SERVER_OPTS:--Xmx1g -XX:+UseSerialGC}
WORK=bench/target
mkdir -p "$WORK"
export BENCH_OUT="$WORK/results.md"

[ -f target/service-metrics-microbundle.jar ] || mvn -q -DskipTests package
API=$(ls ~/.m2/repository/jakarta/platform/jakarta.jakartaee-api/10.0.0/jakarta.jakartaee-api-10.0.0.jar)
rm -rf "$WORK/baseline" && mkdir -p "$WORK/baseline/WEB-INF/classes"
javac -q -cp "$API" -d "$WORK/baseline/WEB-INF/classes" bench/baseline/bench/*.java 2>/dev/null || javac -cp "$API" -d "$WORK/baseline/WEB-INF/classes" bench/baseline/bench/*.java
(cd "$WORK/baseline" && jar cf ../baseline.war .)

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
MOCK_PORT=$(free_port); PROM_PORT=$(free_port); SERVICE_PORT=$(free_port)
PIDS=()
cleanup() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    sleep 5
    for pid in "${PIDS[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

MOCK_SERVICE_PORT=$MOCK_PORT MOCK_SERVICE_BIND=127.0.0.1 java -jar target/mock-exporter.jar > "$WORK/mock.log" 2>&1 &
PIDS+=($!)
cat > "$WORK/prometheus.yml" <<YAML
global:
  scrape_interval: 1s
scrape_configs:
  - job_name: mock-metrics
    static_configs:
      - targets: ["127.0.0.1:$MOCK_PORT"]
YAML
rm -rf "$WORK/tsdb"
prometheus --config.file="$WORK/prometheus.yml" --storage.tsdb.path="$WORK/tsdb" \
    --web.listen-address=127.0.0.1:$PROM_PORT --log.level=warn > "$WORK/prometheus.log" 2>&1 &
PIDS+=($!)
mkdir -p "$WORK/service"
(cd "$WORK/service" && exec env PROMETHEUS_URL=http://127.0.0.1:$PROM_PORT SCRAPE_INTERVAL=$INTERVAL LIVE_MAX_CONNECTIONS_PER_ADDRESS=0 LIVE_MAX_CONNECTIONS=0 \
    java $SERVER_OPTS -jar ../../../target/service-metrics-microbundle.jar --port $SERVICE_PORT --nocluster \
    --deploy ../baseline.war > ../service.log 2>&1) &
SERVICE_PID=$!
PIDS+=($SERVICE_PID)
for _ in $(seq 1 120); do
    curl -sf "http://127.0.0.1:$SERVICE_PORT/api/metrics" > "$WORK/snapshot.json" 2>/dev/null && break
    sleep 1
done
SIZE=$(( $(wc -c < "$WORK/snapshot.json") + 90 ))
echo "service pid $SERVICE_PID on port $SERVICE_PORT; update message ~$SIZE bytes; interval $INTERVAL s; $CYCLES cycles per level"
[ -f "$BENCH_OUT" ] || {
    echo "| endpoint | clients | connected | p50 ms | p99 ms | max ms | missed | closed by server | server CPU | server RSS MB | msgs/s in a cycle's burst | connect s | backfill s |" > "$BENCH_OUT"
    echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|" >> "$BENCH_OUT"
}
for level in "${LEVELS[@]}"; do
    java -Xmx2g -XX:+UseParallelGC bench/FanoutBench.java "ws://127.0.0.1:$SERVICE_PORT/ws" "$level" "$CYCLES" "$SERVICE_PID" service subscribe
    sleep 5
    [ -n "${BENCH_SKIP_BASELINE:-}" ] && continue
    java -Xmx2g -XX:+UseParallelGC bench/FanoutBench.java "ws://127.0.0.1:$SERVICE_PORT/baseline/plain?interval=$INTERVAL&size=$SIZE" "$level" "$CYCLES" "$SERVICE_PID" baseline
    sleep 5
done
echo "results in $BENCH_OUT"
