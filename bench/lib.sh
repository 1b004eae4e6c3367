# Shared by the benchmark scripts (sourced, from the repository root): free loopback ports, and the mock exporter
# with Debian's Prometheus scraping it every second. The caller holds PIDS and stops what it lists.

# bench_target: the directory results and logs go to, absolute: BENCH_TARGET (the test suite's smoke runs use their
# own), else bench/target.
bench_target() { local dir=${BENCH_TARGET:-bench/target}; mkdir -p "$dir" && (cd "$dir" && pwd); }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

# start_mock_and_prometheus WORK MOCK_PORT PROM_PORT: both on 127.0.0.1, their logs and Prometheus' data in WORK.
start_mock_and_prometheus() {
    local work=$1 mock_port=$2 prom_port=$3
    MOCK_SERVICE_PORT=$mock_port MOCK_SERVICE_BIND=127.0.0.1 java -jar target/mock-exporter.jar > "$work/mock.log" 2>&1 &
    PIDS+=($!)
    cat > "$work/prometheus.yml" <<YAML
global:
  scrape_interval: 1s
scrape_configs:
  - job_name: mock-metrics
    static_configs:
      - targets: ["127.0.0.1:$mock_port"]
YAML
    rm -rf "$work/tsdb"
    prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/tsdb" \
        --web.listen-address=127.0.0.1:$prom_port --log.level=warn > "$work/prometheus.log" 2>&1 &
    PIDS+=($!)
}
