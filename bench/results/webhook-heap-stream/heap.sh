#!/usr/bin/env bash
# heap.sh JAR NAME BODY: one notification posted to the microbundle on embedded H2, -Xmx2g, GC log
set -eu
JAR=$1 NAME=$2 BODY=$3
D=/tmp/prof/heap-$NAME; rm -rf $D; mkdir -p $D; cd $D
PORT=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
WEBHOOK_TOKEN=t API_TOKEN=t WEBHOOK_MAX_BYTES=67108864 PROMETHEUS_URL=http://127.0.0.1:9 ALERTMANAGER_URL=http://127.0.0.1:9 \
  java -Xmx2g -XX:+UseSerialGC -Xlog:gc:file=$D/gc.log -jar $JAR --port $PORT --nocluster > $D/service.log 2>&1 &
PID=$!
for i in $(seq 1 120); do curl -sf http://127.0.0.1:$PORT/health/live >/dev/null 2>&1 && break; sleep 1; done
sleep 5
jcmd $PID GC.run >/dev/null; sleep 1
echo "at rest after full GC: $(tail -1 $D/gc.log | grep -o "M->[0-9]*M" )"
MARK=$(wc -l < $D/gc.log)
T0=$(awk '{print $14+$15}' /proc/$PID/stat)
/usr/bin/time -f "%e s wall" curl -s -o $D/answer.json -w "%{http_code}\n" -H "Authorization: Bearer t" -H "Content-Type: application/json" --data-binary @$BODY http://127.0.0.1:$PORT/api/alertmanager/webhook
T1=$(awk '{print $14+$15}' /proc/$PID/stat)
echo "service CPU during the request: $(( (T1-T0) * 10 )) ms"
head -c 200 $D/answer.json; echo
tail -n +$MARK $D/gc.log | grep -o '[0-9]*M->[0-9]*M' | awk -F'->' '{sub("M","",$2); if ($2+0>m+0) m=$2+0} END {print "largest heap after a collection during the request: " m " MB; collections: " NR}'
kill $PID; wait $PID 2>/dev/null || true
