import json,sys
n=int(sys.argv[1])
alerts=[]
for i in range(n):
    alerts.append({"status":"firing","labels":{"alertname":"StormAlert","instance":"node-%d:9100"%i,"job":"node","severity":"critical","team":"platform"},
     "annotations":{"summary":"Node node-%d is down"%i,"description":"node-%d:9100 has not answered the scrape for 5 minutes"%i},
     "startsAt":"2026-12-01T10:%02d:%02d.%09dZ"%(i//60%60,i%60,i),"endsAt":"0001-01-01T00:00:00Z",
     "generatorURL":"http://prometheus:9090/graph?g0.expr=up%3D%3D0","fingerprint":"%016x"%(i*2654435761%2**64)})
body={"receiver":"service-metrics","status":"firing","alerts":alerts,"groupLabels":{"alertname":"StormAlert"},
 "commonLabels":{"alertname":"StormAlert","job":"node","severity":"critical","team":"platform"},"commonAnnotations":{},
 "externalURL":"http://alertmanager:9093","version":"4","groupKey":"{}:{alertname=\"StormAlert\"}","truncatedAlerts":0}
sys.stdout.write(json.dumps(body,separators=(',',':')))
