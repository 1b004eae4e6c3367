#!/bin/bash
one() { # variant dir
  d=/tmp/exp/w2-$1; rm -rf $d; mkdir -p $d; cd $d
  port=18125
  start=$(date +%s.%N)
  JAVA_OPTS="-Xmx384m -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError" /tmp/exp/cds-$1/run --port $port > server.log 2>&1 &
  pid=$!
  for i in $(seq 1 600); do c=$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:$port/health/started); [ "$c" = 200 ] && break; sleep 0.05; done
  t=$(echo "$(date +%s.%N) - $start" | bc)
  cpu=$(awk '{print ($14+$15)/100}' /proc/$pid/stat)
  dep=$(grep -o 'ROOT was successfully deployed in [0-9,]*' server.log | grep -o '[0-9,]*$')
  echo "$1 started=$t cpu=$cpu deployed=$dep load=$(cut -d' ' -f1 /proc/loadavg)"
  kill $pid; wait $pid 2>/dev/null; sleep 1
}
for r in $(seq 1 ${1:-4}); do one a; one b; done
