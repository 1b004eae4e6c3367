#!/usr/bin/env bash
# The incidents benchmarks (not part of the test suite): alert ingest and the list's first page, each
# against a baseline on the same PostgreSQL in the same run. Starts, on loopback only, its own
# PostgreSQL 15 cluster (Debian's /usr/lib/postgresql/15, in a temporary directory, as the `postgres`
# user when run as root, with pg_stat_statements and auto_explain of statements over 40 ms into
# bench/target/postgres.log) and the built service on it; appends results to bench/target/incidents.md and
# EXPLAIN output to bench/target/explain.txt.
#
#   bench/incidents.sh            # both: ingest, then list
#   bench/incidents.sh ingest     # warm-up, then 100,000 alerts in 100-alert webhooks from 4 senders, re-delivery, JDBC baseline
#   bench/incidents.sh list       # 100,000 incidents, GET /api/incidents?status=open&limit=50 at 64 connections, pgbench
#
# Environment: BENCH_ALERTS (100000), BENCH_SENDERS (4), BENCH_WARMUP (5000: webhooks of 2 alerts sent twice before
# the ingest is measured, and written by the baseline before its own, so that both run JIT-compiled code),
# BENCH_WARMUP_LARGE (20 webhooks of 100 alerts, likewise), BENCH_INCIDENTS (100000), BENCH_CONNECTIONS (64),
# BENCH_SECONDS (20), BENCH_SERVER_ARGS (more arguments for Payara Micro, e.g. --prebootcommandfile FILE, whose
# commands run after the service's own), BENCH_LIST_COMMITS (10: a second list run while another client commits that many times a
# second; 0 skips it), BENCH_SERVER_OPTS (-Xmx1g -XX:+UseSerialGC), BENCH_JDBC_PARAMS (appended to the
# service's DATABASE_URL after "?", e.g. prepareThreshold=0; unset: none), BENCH_TARGET (where results and logs go,
# bench/target unless set; the test suite's smoke run uses its own), BENCH_JAR (the microbundle to measure, for an A/B of two builds;
# target/service-metrics-microbundle.jar unless set), BENCH_PG_OPTS (more PostgreSQL settings, e.g.
# "-c log_connections=on -c log_disconnections=on").
# Needs: JDK 17, Maven, postgresql-15 (with pgbench), wrk (Debian `wrk`; BENCH_CLIENT=java uses bench/ListBench.java). Everything it starts it stops.
set -euo pipefail
cd "$(dirname "$0")/.."
PHASES=("$@")
[ $# -eq 0 ] && PHASES=(ingest list)
ALERTS=${BENCH_ALERTS:-100000}
SENDERS=${BENCH_SENDERS:-4}
INCIDENTS=${BENCH_INCIDENTS:-100000}
CONNECTIONS=${BENCH_CONNECTIONS:-64}
SECONDS_RUN=${BENCH_SECONDS:-20}
SERVER_OPTS=${BENCH_SERVER_OPTS:--Xmx1g -XX:+UseSerialGC}
PGBIN=/usr/lib/postgresql/15/bin
. bench/lib.sh
TARGET=$(bench_target)
WORK=$TARGET
mkdir -p "$WORK"
OUT=$WORK/incidents.md
EXPLAIN=$WORK/explain.txt

if [ -n "${BENCH_JAR:-}" ]; then
    JAR=$(realpath "$BENCH_JAR")
else
    [ -f target/service-metrics-microbundle.jar ] || mvn -q -o -DskipTests package || mvn -q -DskipTests package
    JAR=$PWD/target/service-metrics-microbundle.jar
fi
DRIVER=$(ls ~/.m2/repository/org/postgresql/postgresql/*/postgresql-*.jar | grep -v sources | sort -V | tail -1)

PG_PORT=$(free_port)
PGDIR=$(mktemp -d /tmp/bench-pg.XXXXXX)
AS=()
if [ "$(id -u)" = 0 ]; then chown postgres "$PGDIR"; AS=(runuser -u postgres --); fi
SERVICE_PID=
PG_STARTED=
cleanup() {
    if [ -n "$SERVICE_PID" ]; then kill "$SERVICE_PID" 2>/dev/null || true; fi
    if [ -n "$PG_STARTED" ]; then "${AS[@]}" "$PGBIN/pg_ctl" -D "$PGDIR/data" -m fast -w stop >/dev/null 2>&1 || true; fi
    if [ -n "$SERVICE_PID" ]; then
        for _ in $(seq 1 20); do kill -0 "$SERVICE_PID" 2>/dev/null || break; sleep 0.5; done
        kill -9 "$SERVICE_PID" 2>/dev/null || true
    fi
    [ -f "$PGDIR/postgres.log" ] && cp "$PGDIR/postgres.log" "$WORK/postgres.log"
    rm -rf "$PGDIR"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

"${AS[@]}" "$PGBIN/initdb" -D "$PGDIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$WORK/initdb.log"
# shared_buffers large enough for the whole data set; everything else is Debian's default
"${AS[@]}" "$PGBIN/pg_ctl" -D "$PGDIR/data" -w -l "$PGDIR/postgres.log" \
    -o "-p $PG_PORT -k $PGDIR -c listen_addresses=127.0.0.1 -c max_connections=200 -c shared_buffers=512MB -c shared_preload_libraries=pg_stat_statements,auto_explain -c auto_explain.log_min_duration=${BENCH_EXPLAIN_MS:-40} ${BENCH_PG_OPTS:-}" start >/dev/null
PG_STARTED=1
psql() { "$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U postgres "$@"; }
echo "PostgreSQL $(psql -d postgres -tAc 'SHOW server_version') on 127.0.0.1:$PG_PORT ($PGDIR)"

TOKEN=bench-$(head -c 8 /dev/urandom | od -An -tx1 | tr -d ' \n')
SERVICE_PORT=$(free_port)
start_service() { # database
    mkdir -p "$WORK/service"
    (cd "$WORK/service" && exec env DATABASE_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/$1${BENCH_JDBC_PARAMS:+?$BENCH_JDBC_PARAMS}" DATABASE_USER=postgres \
        DATABASE_PASSWORD=unused WEBHOOK_TOKEN="$TOKEN" API_TOKEN="$TOKEN" \
        PROMETHEUS_URL=http://127.0.0.1:9 ALERTMANAGER_URL=http://127.0.0.1:9 \
        java $SERVER_OPTS -jar "$JAR" --port "$SERVICE_PORT" --nocluster ${BENCH_SERVER_ARGS:-} \
        > "$WORK/service-$1.log" 2>&1) &
    SERVICE_PID=$!
    for _ in $(seq 1 180); do
        curl -sf "http://127.0.0.1:$SERVICE_PORT/api/incidents?limit=1" >/dev/null 2>&1 && break
        kill -0 "$SERVICE_PID" 2>/dev/null || { echo "service died, see $WORK/service-$1.log"; exit 1; }
        sleep 1
    done
    curl -sf "http://127.0.0.1:$SERVICE_PORT/api/incidents?limit=1" >/dev/null
    echo "service pid $SERVICE_PID on 127.0.0.1:$SERVICE_PORT, database $1${BENCH_JDBC_PARAMS:+?$BENCH_JDBC_PARAMS}, JVM $SERVER_OPTS"
}
stop_service() {
    kill "$SERVICE_PID"
    for _ in $(seq 1 40); do kill -0 "$SERVICE_PID" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$SERVICE_PID" 2>/dev/null || true
    SERVICE_PID=
}
statements() { # database: what the service ran there, by total time (pg_stat_statements)
    psql -d "$1" -c "SELECT calls, round(total_exec_time::numeric) AS total_ms, round(mean_exec_time::numeric, 3) AS mean_ms,
        rows / GREATEST(calls, 1) AS rows_per_call, left(regexp_replace(query, '\\s+', ' ', 'g'), 150) AS query
        FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = '$1')
        ORDER BY total_exec_time DESC LIMIT 15"
}
machine() {
    echo "- $(date -u +%FT%TZ), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) before the phase"
    top -bn1 | sed -n 7,12p | awk '{print "  - top: " $0}'
}

for phase in "${PHASES[@]}"; do
case $phase in
ingest)
    psql -d postgres -c 'CREATE DATABASE ingest' -c 'CREATE DATABASE ingest_baseline'
    start_service ingest                      # Flyway creates the schema
    # the baseline's copy of the schema: the migrated one, without Flyway's history
    "$PGBIN/pg_dump" -h 127.0.0.1 -p "$PG_PORT" -U postgres --schema-only -T flyway_schema_history ingest \
        | psql -d ingest_baseline >/dev/null
    psql -d ingest -c 'CREATE EXTENSION IF NOT EXISTS pg_stat_statements' -c 'SELECT pg_stat_statements_reset()' >/dev/null
    { echo; echo "### ingest${BENCH_JDBC_PARAMS:+ (service DATABASE_URL ?$BENCH_JDBC_PARAMS)}"; machine; } >> "$OUT"
    java -Xmx1g -cp "$DRIVER" bench/IngestBench.java "http://127.0.0.1:$SERVICE_PORT" "$TOKEN" \
        "jdbc:postgresql://127.0.0.1:$PG_PORT/ingest" "jdbc:postgresql://127.0.0.1:$PG_PORT/ingest_baseline" \
        "$ALERTS" "$SENDERS" "$SERVICE_PID" | tee -a "$OUT"
    echo "- load average after the phase: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT"
    statements ingest > "$WORK/ingest-statements.txt"
    echo "statements the service ran: $WORK/ingest-statements.txt"
    stop_service
    ;;
list)
    psql -d postgres -c 'CREATE DATABASE list'
    start_service list
    stop_service                              # filled with the service stopped, so it sees only the final state
    echo "filling $INCIDENTS incidents ..."
    psql -d list -v n="$INCIDENTS" -f bench/list-fill.sql
    start_service list
    { echo; echo "### list"; machine; } >> "$OUT"
    BASE="http://127.0.0.1:$SERVICE_PORT/api/incidents?status=open&limit=50"
    # the statements the service runs for that page, with the first page's ids, for EXPLAIN and pgbench:
    # list.sql once the page's incidents are kept rendered (RenderedIncidents: every request after the first),
    # list-cold.sql for a page of incidents it has not written yet (their labels and annotations read too)
    IDS=$(psql -d list -tAc "SELECT string_agg(id::text, ',') FROM (SELECT i.id FROM incident i WHERE i.status IN ('OPEN') ORDER BY i.starts_at DESC, i.id DESC LIMIT 50) p")
    cat > "$WORK/list.sql" <<SQL
SELECT COUNT(*) FROM (SELECT 1 FROM incident i WHERE i.status IN ('OPEN') LIMIT 10001) matching;
SELECT i.* FROM incident i WHERE i.status IN ('OPEN') ORDER BY i.starts_at DESC, i.id DESC LIMIT 51;
SQL
    cat "$WORK/list.sql" - > "$WORK/list-cold.sql" <<SQL
SELECT incident_id, label_name, label_value FROM incident_label WHERE incident_id IN ($IDS);
SELECT incident_id, annotation_name, annotation_value FROM incident_annotation WHERE incident_id IN ($IDS);
SQL
    {
        echo "== $(date -u +%FT%TZ) EXPLAIN (ANALYZE, BUFFERS) on $(psql -d list -tAc 'SELECT COUNT(*) FROM incident') incidents"
        while IFS= read -r statement; do
            echo; echo "-- $statement"
            psql -d list -c "EXPLAIN (ANALYZE, BUFFERS) $statement"
        done < "$WORK/list-cold.sql"
    } > "$EXPLAIN"
    echo "EXPLAIN output in $EXPLAIN"
    psql -d list -c 'CREATE EXTENSION IF NOT EXISTS pg_stat_statements' -c 'SELECT pg_stat_statements_reset()' >/dev/null
    pages() { curl -sf "http://127.0.0.1:$SERVICE_PORT/mpmetrics" | awk -v a="$1" '$1 ~ "^incidents_list_pages_total" && $1 ~ "answer=\""a"\"" {printf "%d", $2}'; }
    kept0=$(pages kept); read0=$(pages read)
    if [ "${BENCH_CLIENT:-wrk}" = java ]; then   # the JVM client of runs 1-12
        java -Xmx1g bench/ListBench.java "$BASE" "$CONNECTIONS" "$SECONDS_RUN" "$SERVICE_PID" | tee -a "$OUT"
    else                                          # wrk: a C client that leaves the cores to the service
        bench/list-wrk.sh "$BASE" "$CONNECTIONS" "$SECONDS_RUN" "$SERVICE_PID" | tee -a "$OUT"
    fi
    echo "- pages answered kept / read (warm-up included): $(( $(pages kept) - kept0 )) / $(( $(pages read) - read0 ))" | tee -a "$OUT"
    # the same load while other clients commit: BENCH_LIST_COMMITS transactions per second (10 unless set; 0: skip),
    # each an UPDATE of one incident outside the page, so that every commit moves the snapshot and pages are read
    COMMITS=${BENCH_LIST_COMMITS:-10}
    if [ "$COMMITS" -gt 0 ]; then
        echo "UPDATE incident SET version = version + 1 WHERE id = (SELECT min(id) FROM incident WHERE status = 'RESOLVED');" > "$WORK/commit.sql"
        "$PGBIN/pgbench" -h 127.0.0.1 -p "$PG_PORT" -U postgres -n -c 1 -R "$COMMITS" -T $((SECONDS_RUN + 6)) -f "$WORK/commit.sql" list \
            > "$WORK/pgbench-commits.log" 2>&1 &
        COMMITTER=$!
        kept0=$(pages kept); read0=$(pages read)
        echo "- with $COMMITS commits/s by another client (pgbench -R $COMMITS):" | tee -a "$OUT"
        bench/list-wrk.sh "$BASE" "$CONNECTIONS" "$SECONDS_RUN" "$SERVICE_PID" | tee -a "$OUT"
        echo "- pages answered kept / read (warm-up included): $(( $(pages kept) - kept0 )) / $(( $(pages read) - read0 ))" | tee -a "$OUT"
        wait "$COMMITTER" || true
    fi
    # what the service actually ran against PostgreSQL during that load, by calls
    psql -d list -c "SELECT calls, round(mean_exec_time::numeric, 3) AS mean_ms, rows / GREATEST(calls, 1) AS rows_per_call,
        left(regexp_replace(query, '\s+', ' ', 'g'), 160) AS query FROM pg_stat_statements
        WHERE dbid = (SELECT oid FROM pg_database WHERE datname = 'list') ORDER BY calls DESC LIMIT 12" > "$WORK/list-statements.txt"
    echo "statements the service ran: $WORK/list-statements.txt"
    # the baselines: the statements of a page as one pgbench transaction, as many clients, as long
    # list-kept.sql: the one statement a kept page costs
    echo "SELECT pg_current_snapshot()::text;" > "$WORK/list-kept.sql"
    for script in list list-cold list-kept; do
        "$PGBIN/pgbench" -h 127.0.0.1 -p "$PG_PORT" -U postgres -n -M prepared -c "$CONNECTIONS" -j 2 -T "$SECONDS_RUN" \
            -f "$WORK/$script.sql" list > "$WORK/pgbench-$script.log" 2>&1
        TPS=$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$WORK/pgbench-$script.log")
        LAT=$(sed -n 's/^latency average = \(.*\)$/\1/p' "$WORK/pgbench-$script.log")
        echo "| pgbench -M prepared -c $CONNECTIONS -j 2 -T $SECONDS_RUN -f $script.sql | $TPS TPS | latency average $LAT |" | tee -a "$OUT"
    done
    echo "- load average after the phase: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT"
    stop_service
    ;;
*) echo "unknown phase $phase (ingest, list)"; exit 2 ;;
esac
done
echo "results in $OUT"
