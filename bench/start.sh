#!/usr/bin/env bash
# The start benchmark (issue 12; not part of the test suite). Starts, one after the other and RUNS times in
# turn (so that a change in the machine's load hits every variant alike), on a free port each:
#   empty        an empty WAR (only WEB-INF/web.xml) on the same Payara Micro, --nocluster: the baseline
#   service      the microbundle as a user runs it: java -jar target/service-metrics-microbundle.jar --nocluster
#   service-cds  the same WAR through Payara Micro's launcher with the class-data-sharing archive of
#                bin/cds-archive (made once, before the runs; its time is reported apart)
#   service-launcher  the same launcher without the archive (the JDK's default one only): the launcher's
#                own share (its runtime is unpacked once, not at every start as the microbundle's is)
# and measures, from the fork of `java`: seconds until /health/started answers 200, until /health/ready
# answers 200, the process's CPU seconds (user + system) at the moment started answered, and its memory
# 10 s later at rest (VmRSS, and RssAnon: RSS without file-backed pages such as the mapped archive).
# Each service run gets a fresh working directory, so each start creates its H2 database and migrates it.
#
#   bench/start.sh [RUNS]                   default 3
#   BENCH_START_VARIANTS="empty service" BENCH_SERVER_OPTS="-XX:+UseSerialGC" bench/start.sh 5
#
# Appends the table and the raw runs to bench/target/start.md (BENCH_TARGET: another directory than bench/target). Needs JDK 17, Maven, curl, python3.
# Everything it starts it stops (by pid).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
RUNS=${1:-3}
read -r -a VARIANTS <<< "${BENCH_START_VARIANTS:-empty service service-launcher service-cds}"
SERVER_OPTS=${BENCH_SERVER_OPTS:-}
. bench/lib.sh
TARGET=$(bench_target)
WORK=$TARGET/start
OUT=$TARGET/start.md
mkdir -p "$WORK"

[ -f target/service-metrics-microbundle.jar ] && [ -f target/payara-micro.jar ] || mvn -q -DskipTests package

rm -rf "$WORK/empty" && mkdir -p "$WORK/empty/WEB-INF"
printf '<?xml version="1.0" encoding="UTF-8"?>\n<web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0"/>\n' \
    > "$WORK/empty/WEB-INF/web.xml"
(cd "$WORK/empty" && jar cf ../ROOT.war WEB-INF)

cds_seconds=-
if [[ " ${VARIANTS[*]} " == *" service-cds "* || " ${VARIANTS[*]} " == *" service-launcher "* ]]; then
    begin=$(date +%s)
    bin/cds-archive "$WORK/cds" > /dev/null
    cds_seconds=$(( $(date +%s) - begin ))
fi

now() { date +%s.%N; }
PID=
cleanup() { [ -n "$PID" ] && kill "$PID" 2>/dev/null; [ -n "$PID" ] && sleep 3 && kill -9 "$PID" 2>/dev/null; true; }
trap cleanup EXIT
trap 'exit 130' INT TERM

command_of() { # variant, port
    case $1 in
        # the service's own settings for the container: no usage reports to Payara and Hazelcast at start
        empty)       echo "java $SERVER_OPTS -Dhazelcast.phone.home.enabled=false -jar $root/target/payara-micro.jar --deploy $WORK/ROOT.war --nocluster --disablephonehome --port $2" ;;
        service)     echo "java $SERVER_OPTS -jar $root/target/service-metrics-microbundle.jar --nocluster --port $2" ;;
        service-launcher) echo "env CDS_OPTS= $WORK/cds/run --port $2" ;;
        service-cds) echo "$WORK/cds/run --port $2" ;;
        *) echo "unknown variant $1" >&2; exit 2 ;;
    esac
}

ticks=$(getconf CLK_TCK)
measure() { # variant, run -> one line: variant started ready cpu rss rssanon
    local variant=$1 run=$2 port dir start started=- ready=- cpu=- rss=- anon=-
    port=$(free_port)
    dir="$WORK/run-$variant-$run"
    rm -rf "$dir" && mkdir -p "$dir"
    start=$(now)
    # shellcheck disable=SC2046
    (cd "$dir" && export JAVA_OPTS="$SERVER_OPTS" && exec env PROMETHEUS_URL=http://127.0.0.1:9 ALERTMANAGER_URL=http://127.0.0.1:9 $(command_of "$variant" "$port")) \
        > "$dir/server.log" 2>&1 &
    PID=$!
    for _ in $(seq 1 3000); do
        kill -0 "$PID" 2>/dev/null || break
        if [ "$started" = - ] && curl -sf -o /dev/null "http://127.0.0.1:$port/health/started"; then
            started=$(echo "$(now) - $start" | bc)
            cpu=$(awk -v t="$ticks" '{printf "%.1f", ($14 + $15) / t}' "/proc/$PID/stat")
        fi
        if [ "$started" != - ] && curl -sf -o /dev/null "http://127.0.0.1:$port/health/ready"; then
            ready=$(echo "$(now) - $start" | bc)
            break
        fi
        sleep 0.1
    done
    if [ "$ready" != - ]; then
        sleep 10
        rss=$(awk '/^VmRSS/{printf "%d", $2 / 1024}' "/proc/$PID/status")
        anon=$(awk '/^RssAnon/{printf "%d", $2 / 1024}' "/proc/$PID/status")
    fi
    kill "$PID" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$PID" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$PID" 2>/dev/null || true
    wait "$PID" 2>/dev/null || true
    PID=
    printf '%s %s %s %s %s %s\n' "$variant" "$started" "$ready" "$cpu" "$rss" "$anon"
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
others=$(ps -eo pcpu,comm --sort=-pcpu | awk 'NR>1 && NR<=6 {printf "%s %s%%, ", $2, $1}')
raw="$WORK/raw.txt"
: > "$raw"
for run in $(seq 1 "$RUNS"); do
    for variant in "${VARIANTS[@]}"; do
        line=$(measure "$variant" "$run")
        echo "run $run: $line (load $(cut -d' ' -f1 /proc/loadavg))" | tee -a "$raw"
    done
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

{
    echo
    echo "### \`bench/start.sh $RUNS\`, $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo
    echo "Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), $(awk '/MemTotal/{printf "%.0f GB", $2/1048576}' /proc/meminfo), Linux $(uname -r), $(java -version 2>&1 | head -1);"
    echo "load average before $load_before, after $load_after; busiest processes at the start: ${others%, }."
    echo "JVM options: ${SERVER_OPTS:-none, the JVM defaults}; CDS archive made in $cds_seconds s (bin/cds-archive)."
    echo
    echo "| variant | runs | started s (median, min–max) | ready s (median) | CPU s at started (median) | RSS MB at rest (median) | RssAnon MB (median) |"
    echo "|---|---|---|---|---|---|---|"
    python3 - "$raw" "${VARIANTS[@]}" <<'PY'
import sys, statistics
rows = [l.split(": ", 1)[1].split(" (load")[0].split() for l in open(sys.argv[1]) if ": " in l]
def med(xs):
    xs = [float(x) for x in xs if x != "-"]
    return f"{statistics.median(xs):.1f}" if xs else "-"
for v in sys.argv[2:]:
    r = [x for x in rows if x[0] == v]
    st = [float(x[1]) for x in r if x[1] != "-"]
    span = f"{min(st):.1f}–{max(st):.1f}" if st else "-"
    print(f"| {v} | {len(r)} | {med([x[1] for x in r])} ({span}) | {med([x[2] for x in r])} | {med([x[3] for x in r])} | "
          f"{med([x[4] for x in r])} | {med([x[5] for x in r])} |")
PY
    echo
    echo "Raw (variant, started s, ready s, CPU s, RSS MB, RssAnon MB):"
    echo
    sed 's/^/    /' "$raw"
} | tee -a "$OUT"
echo "appended to $OUT"
