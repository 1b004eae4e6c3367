import os, time, sys
out = open(sys.argv[1], 'w')
while True:
    tot = {'svc':0,'bench':0,'pg':0}
    for pid in os.listdir('/proc'):
        if not pid.isdigit(): continue
        try:
            cmd = open(f'/proc/{pid}/cmdline','rb').read()
            st = open(f'/proc/{pid}/stat').read().rsplit(') ',1)[1].split()
        except Exception: continue
        t = int(st[11]) + int(st[12])
        if b'--nocluster' in cmd: tot['svc'] += t
        elif b'IngestBench' in cmd: tot['bench'] += t
        elif b'postgres' in cmd: tot['pg'] += t
    s = open('/proc/stat').readline().split()
    out.write(f"{time.time():.2f} {tot['svc']} {tot['bench']} {tot['pg']} {int(s[1])+int(s[2])+int(s[3])} {s[4]}\n"); out.flush()
    time.sleep(0.5)
