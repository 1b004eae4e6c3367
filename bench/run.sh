#!/usr/bin/env bash
# The WebSocket fan-out benchmark (not part of the test suite). Starts, on loopback only: the mock exporter,
# Debian's Prometheus scraping it, and the built service with a minimal plain broadcaster (bench/baseline)
# deployed in the same container -- Payara Micro (the microbundle) or, with BENCH_SERVER=wildfly, the WildFly
# the build unpacked (target/wildfly-*, the service's WildFly WAR as ROOT.war plus baseline.war); then, per
# level, opens that many /ws clients and as many baseline clients, and appends one table row each to
# RUNDIR/results.md (RUNDIR = bench/target/fanout-<UTC time>-<server>, or BENCH_RUN; BENCH_TARGET: another directory
# than bench/target, as the test suite's smoke run uses).
#
#   bench/run.sh [LEVELS...]        default: 1000 5000 10000
#   BENCH_SERVER=wildfly bench/run.sh 1000 5000 10000
#   BENCH_HEAP=1 bench/run.sh 1000 10000     # also the live heap per connection (see below)
#
# Variables: BENCH_INTERVAL (scrape interval, s, default 5), BENCH_CYCLES (measured cycles, 6),
# BENCH_SERVER_OPTS (server JVM, "-Xmx1g -XX:+UseSerialGC"), BENCH_CLIENT_OPTS (load generator JVM),
# BENCH_SERVER_ARGS (more arguments for Payara Micro, e.g. --prebootcommandfile FILE: FILE's commands run after the
# service's own pre-boot commands packaged in the microbundle, as the tests' loopback.asadmin does; HttpEdgeIT
# sees both at work),
# BENCH_LIVE_MAX_CONNECTIONS (the service's LIVE_MAX_CONNECTIONS, 0 unless set: no cap; "auto" as the service's default),
# BENCH_SKIP_BASELINE=1, BENCH_MICROBUNDLE (another build of the service, e.g. an older commit's), BENCH_GRACE (s to wait for a measured cycle's stragglers, 30).
# BENCH_HEAP=1: the live heap after a full GC (jcmd GC.run, GC.heap_info, GC.class_histogram) with the
# server up and no client (idle), then with each level's clients still open (service, then baseline), then
# idle again after each level's clients closed; the server gets -XX:MarkSweepDeadRatio=0; heap-summary.md has the difference per connection and which classes make it.
# RUNDIR also gets uptime and top before and after each level, the load generator's log and the server's.
#
# Needs: JDK 17, Maven, Debian's prometheus, python3, curl. Takes about 2 minutes per level (more with
# BENCH_HEAP). Everything it starts it stops (by pid).
set -euo pipefail
SELF=$(cd "$(dirname "$0")" && pwd)/$(basename "$0")
cd "$(dirname "$0")/.."
heap_sample() { # name: the live heap after a full GC (jcmd), RSS and the connections the server holds
    [ -n "${BENCH_HEAP:-}" ] || return 0
    jcmd "$SERVICE_PID" GC.run > /dev/null
    jcmd "$SERVICE_PID" GC.heap_info > "$RUNDIR/heap-$1.info"
    jcmd "$SERVICE_PID" GC.class_histogram > "$RUNDIR/heap-$1.histo"
    echo "$(grep VmRSS "/proc/$SERVICE_PID/status" | tr -s ' ') established=$(ss -tnH state established "( sport = :$SERVICE_PORT )" | wc -l)" \
        > "$RUNDIR/heap-$1.rss"
}
if [ "${1:-}" = __heap ]; then # FanoutBench calls this with its clients still open
    heap_sample "$2"
    exit 0
fi
LEVELS=("${@:-1000 5000 10000}")
[ $# -eq 0 ] && LEVELS=(1000 5000 10000)
INTERVAL=${BENCH_INTERVAL:-5}
CYCLES=${BENCH_CYCLES:-6}
SERVER_OPTS=${BENCH_SERVER_OPTS:--Xmx1g -XX:+UseSerialGC}
# the Serial collector's full GC leaves up to 5 % of the old generation as dead objects (int[] fillers) so as
# not to move the live ones: a heap measurement wants none, or they count as ~10 MB of "live" int[]
[ -n "${BENCH_HEAP:-}" ] && SERVER_OPTS="$SERVER_OPTS -XX:MarkSweepDeadRatio=0"
CLIENT_OPTS=${BENCH_CLIENT_OPTS:--Xmx2g -XX:+UseParallelGC}
SERVER=${BENCH_SERVER:-payara}
GRACE=${BENCH_GRACE:-30}
. bench/lib.sh
WORK=$(bench_target)
RUNDIR=$WORK/${BENCH_RUN:-fanout-$(date -u +%Y%m%dT%H%MZ)-$SERVER}
mkdir -p "$RUNDIR"
export BENCH_OUT="$RUNDIR/results.md"

case $SERVER in
    payara) [ -f target/service-metrics-microbundle.jar ] || mvn -q -DskipTests package
        MICROBUNDLE=$(realpath "${BENCH_MICROBUNDLE:-target/service-metrics-microbundle.jar}") ;;
    wildfly)
        WILDFLY_HOME=$(ls -d "$PWD"/target/wildfly-*/ 2>/dev/null | head -1)
        if [ -z "$WILDFLY_HOME" ] || [ ! -f "$WILDFLY_HOME/standalone/configuration/service-metrics.xml" ] || [ ! -f target/service-metrics-wildfly.war ]; then
            mvn -q -DskipTests package dependency:unpack@wildfly-unpack dependency:copy@wildfly-eclipselink antrun:run@wildfly-configure
            WILDFLY_HOME=$(ls -d "$PWD"/target/wildfly-*/ | head -1)
        fi ;;
    *) echo "BENCH_SERVER is payara or wildfly" >&2; exit 2 ;;
esac
API=$(ls ~/.m2/repository/jakarta/platform/jakarta.jakartaee-api/10.0.0/jakarta.jakartaee-api-10.0.0.jar)
rm -rf "$WORK/baseline" && mkdir -p "$WORK/baseline/WEB-INF/classes"
javac -q -cp "$API" -d "$WORK/baseline/WEB-INF/classes" bench/baseline/bench/*.java 2>/dev/null || javac -cp "$API" -d "$WORK/baseline/WEB-INF/classes" bench/baseline/bench/*.java
(cd "$WORK/baseline" && jar cf ../baseline.war .)

MOCK_PORT=$(free_port); PROM_PORT=$(free_port); SERVICE_PORT=$(free_port)
PIDS=()
cleanup() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    sleep 5
    for pid in "${PIDS[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
    [ -n "${WILDFLY_BASE:-}" ] && rm -rf "$WILDFLY_BASE"
    true
}
trap cleanup EXIT
trap 'exit 130' INT TERM

rm -f "$WORK/snapshot.json"
start_mock_and_prometheus "$WORK" "$MOCK_PORT" "$PROM_PORT"
SERVICE_ENV=(PROMETHEUS_URL=http://127.0.0.1:$PROM_PORT SCRAPE_INTERVAL=$INTERVAL LIVE_MAX_CONNECTIONS_PER_ADDRESS=0 LIVE_MAX_CONNECTIONS=${BENCH_LIVE_MAX_CONNECTIONS:-0})
if [ "$SERVER" = payara ]; then
    mkdir -p "$WORK/service"
    (cd "$WORK/service" && exec env "${SERVICE_ENV[@]}" \
        java $SERVER_OPTS -jar "$MICROBUNDLE" --port $SERVICE_PORT --nocluster ${BENCH_SERVER_ARGS:-} \
        --deploy ../baseline.war > "$RUNDIR/server.log" 2>&1) &
    SERVICE_PID=$!
    PIDS+=($SERVICE_PID)
else
    # as WildFlyProcess starts it for the tests: a server base directory of its own, the WAR as ROOT.war
    WILDFLY_BASE=$(mktemp -d "${TMPDIR:-/tmp}/service-metrics-bench-wildfly.XXXXXX")
    cp -r "$WILDFLY_HOME/standalone/configuration" "$WILDFLY_BASE/configuration"
    mkdir -p "$WILDFLY_BASE/deployments"
    cp target/service-metrics-wildfly.war "$WILDFLY_BASE/deployments/ROOT.war"
    cp "$WORK/baseline.war" "$WILDFLY_BASE/deployments/baseline.war"
    (cd "$WILDFLY_BASE" && exec env "${SERVICE_ENV[@]}" JAVA_OPTS="$SERVER_OPTS -Djava.io.tmpdir=$WILDFLY_BASE" \
        bash "$WILDFLY_HOME/bin/standalone.sh" -c service-metrics.xml -Djboss.server.base.dir="$WILDFLY_BASE" \
        -Djboss.bind.address=127.0.0.1 -Djboss.bind.address.management=127.0.0.1 -Djboss.http.port=$SERVICE_PORT \
        -Djboss.https.port="$(free_port)" -Djboss.management.http.port="$(free_port)" \
        -Djboss.management.https.port="$(free_port)" > "$RUNDIR/server.log" 2>&1) &
    SCRIPT_PID=$!
    PIDS+=($SCRIPT_PID)
    SERVICE_PID=
    for _ in $(seq 1 60); do
        SERVICE_PID=$(pgrep -P "$SCRIPT_PID" java || true)
        [ -n "$SERVICE_PID" ] && break
        sleep 1
    done
    [ -n "$SERVICE_PID" ] || { echo "WildFly's java did not start; see $RUNDIR/server.log" >&2; exit 1; }
    PIDS=("$SERVICE_PID" "${PIDS[@]}") # the JVM first: standalone.sh does not pass a signal on
fi
for _ in $(seq 1 180); do
    curl -sf "http://127.0.0.1:$SERVICE_PORT/api/metrics" > "$WORK/snapshot.json" 2>/dev/null && break
    sleep 1
done
[ -s "$WORK/snapshot.json" ] || { echo "the service did not answer /api/metrics; see $RUNDIR/server.log" >&2; exit 1; }
SIZE=$(( $(wc -c < "$WORK/snapshot.json") + 90 ))
echo "$SERVER: service pid $SERVICE_PID on port $SERVICE_PORT; update message ~$SIZE bytes; interval $INTERVAL s; $CYCLES cycles per level; results in $RUNDIR"
{
    echo "run $(date -u +%FT%TZ): server $SERVER, pid $SERVICE_PID, SERVER_OPTS=$SERVER_OPTS, CLIENT_OPTS=$CLIENT_OPTS, interval $INTERVAL s, $CYCLES cycles, levels ${LEVELS[*]}"
    echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2), $(free -m | awk '/Mem:/{print $2}') MB, $(uname -sr), $(java -version 2>&1 | head -1)"
} > "$RUNDIR/run.txt"
[ -f "$BENCH_OUT" ] || {
    echo "| endpoint | clients | connected | p50 ms | p99 ms | max ms | missed | of which never connected | of which closed | of which skipped (a later cycle arrived) | of which never arrived | clients closed | server CPU | load generator CPU | server RSS MB | msgs/s in a cycle's burst | connect s | backfill s |" > "$BENCH_OUT"
    echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|" >> "$BENCH_OUT"
}
machine_state() { # label
    { echo "== $1 $(date -u +%FT%TZ)"; uptime; top -bn1 | head -15; } >> "$RUNDIR/machine.txt"
}
run_level() { # level label url [subscribe]
    local hook=
    [ -n "${BENCH_HEAP:-}" ] && hook="$1"
    machine_state "before $2 $1"
    java $CLIENT_OPTS -Dgrace="$GRACE" ${hook:+-Dhook="$SELF __heap $2-$1"} bench/FanoutBench.java "$3" "$1" "$CYCLES" "$SERVICE_PID" "$2" ${4:-} \
        2> >(tee -a "$RUNDIR/bench.log" >&2) | tee -a "$RUNDIR/bench.log"
    machine_state "after $2 $1"
    sleep 5
    heap_sample "closed-after-$2-$1" # the clients gone: the reference for the next sample
}
sleep 5
heap_sample idle-start
export SERVICE_PID SERVICE_PORT RUNDIR BENCH_HEAP
for level in "${LEVELS[@]}"; do
    run_level "$level" service "ws://127.0.0.1:$SERVICE_PORT/ws" subscribe
    [ -n "${BENCH_SKIP_BASELINE:-}" ] && continue
    run_level "$level" baseline "ws://127.0.0.1:$SERVICE_PORT/baseline/plain?interval=$INTERVAL&size=$SIZE"
done
if [ -n "${BENCH_HEAP:-}" ]; then
    python3 bench/heap-diff.py "$RUNDIR" > "$RUNDIR/heap-summary.md"
    cat "$RUNDIR/heap-summary.md"
fi
cp "$WORK/mock.log" "$WORK/prometheus.log" "$RUNDIR/" 2>/dev/null || true
echo "results in $BENCH_OUT"
