#!/usr/bin/env python3
"""Live heap per connection from bench/run.sh's BENCH_HEAP=1 samples (jcmd GC.class_histogram, which counts
the objects reachable after a full GC): for each level's sample, the difference from the idle sample taken
before any client, divided by the connections the server held (ss), and the classes that make it, grouped
by owner (the service's own classes, the container's, the JDK's types, whose owner a histogram cannot say).

    bench/heap-diff.py RUNDIR
"""
import glob
import os
import re
import sys

GROUPS = [
    ("service (dev.servicemetrics.*)", re.compile(r"^dev\.servicemetrics\.")),
    ("baseline (bench.*)", re.compile(r"^bench\.")),
    ("Grizzly (org.glassfish.grizzly.*)", re.compile(r"^org\.glassfish\.grizzly\.")),
    ("Tyrus (org.glassfish.tyrus.*)", re.compile(r"^org\.glassfish\.tyrus\.")),
    ("Catalina/Coyote/Payara web (org.apache.*, com.sun.enterprise.*, fish.payara.*, org.glassfish.*)",
     re.compile(r"^(org\.apache\.|com\.sun\.enterprise\.|fish\.payara\.|org\.glassfish\.)")),
    ("Undertow/XNIO (io.undertow.*, org.xnio.*)", re.compile(r"^(io\.undertow\.|org\.xnio\.)")),
    ("Weld (CDI: org.jboss.weld.*)", re.compile(r"^org\.jboss\.weld\.")),
    ("WildFly/JBoss other (org.jboss.*, org.wildfly.*)", re.compile(r"^(org\.jboss\.|org\.wildfly\.)")),
    ("byte[]", re.compile(r"^\[B$")),
    ("char[]", re.compile(r"^\[C$")),
    ("object arrays ([L...;)", re.compile(r"^\[+L")),
    ("int[], long[] and other primitive arrays", re.compile(r"^\[")),
    ("java.* / jdk.* / sun.* objects", re.compile(r"^(java\.|jdk\.|sun\.|javax\.)")),
]


def histogram(path):
    classes, total = {}, None
    with open(path) as f:
        for line in f:
            m = re.match(r"\s*\d+:\s+(\d+)\s+(\d+)\s+(\S+)", line)
            if m:
                name = m.group(3)
                c, b = classes.get(name, (0, 0))
                classes[name] = (c + int(m.group(1)), b + int(m.group(2)))
            m = re.match(r"Total\s+(\d+)\s+(\d+)", line)
            if m:
                total = int(m.group(2))
    return classes, total


def rss(path):
    text = open(path).read()
    kb = int(re.search(r"VmRSS:\s+(\d+)", text).group(1))
    est = int(re.search(r"established=(\d+)", text).group(1))
    return kb, est


def group_of(name):
    for label, pattern in GROUPS:
        if pattern.search(name):
            return label
    return "other"


def main(rundir):
    samples = []  # (name, histogram, total, rss kB, connections), in the order taken
    for path in sorted(glob.glob(os.path.join(rundir, "heap-*.histo")), key=os.path.getmtime):
        classes, total = histogram(path)
        kb, est = rss(path[:-6] + ".rss")
        samples.append((os.path.basename(path)[5:-6], classes, total, kb, est))
    print(f"# Live heap per connection ({os.path.basename(rundir.rstrip('/'))})\n")
    print("Live heap = GC.class_histogram's total (the objects reachable after a full GC). Per connection = "
          "(sample with the clients open − a sample with no client) / the connections the server held (ss: "
          "established on its port), against the no-client sample before (the server idle before the first level, "
          "or just after the previous level's clients closed) and the one after (the same clients closed, 5 s "
          "later: the warmer reference; the breakdown uses it). int[] is also left out in one column: its live "
          "total swings by up to ~10 MB between samples with no change in connections (seen on WildFly), which is "
          "±10 KB per connection at 1,000 clients.\n")
    print("| sample | connections held | live heap MB | Δ vs no client before, MB | per connection KB | Δ vs no client after, MB | per connection KB | the same without int[] KB | RSS MB | Δ RSS per connection KB (vs after) |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    details = []
    for i, (name, classes, total, kb, est) in enumerate(samples):
        if est == 0:
            print(f"| {name} | 0 | {total / 2**20:.1f} | | | | | | {kb / 1024:.0f} | |")
            continue
        before = next((x for x in reversed(samples[:i]) if x[4] == 0), None)
        after = next((x for x in samples[i + 1:] if x[4] == 0), None)
        cells = []
        for ref in (before, after):
            if ref is None:
                cells += ["-", "-"]
            else:
                cells += [f"{(total - ref[2]) / 2**20:+.1f}", f"{(total - ref[2]) / est / 1024:.1f}"]
        ref = after or before
        ints = lambda sample: sample[1].get("[I", (0, 0))[1]
        cells += [f"{(total - ints((0, classes)) - ref[2] + ints(ref)) / est / 1024:.1f}"]
        per_rss = (kb - ref[3]) / est
        print(f"| {name} | {est} | {total / 2**20:.1f} | {' | '.join(cells)} | {kb / 1024:.0f} | {per_rss:.1f} |")
        details.append((name, est, classes, ref[1], ref[0]))
    for name, conns, classes, ref_classes, ref_name in details:
        groups, deltas = {}, []
        for cls in set(classes) | set(ref_classes):
            c1, b1 = classes.get(cls, (0, 0))
            c0, b0 = ref_classes.get(cls, (0, 0))
            g = group_of(cls)
            gc, gb = groups.get(g, (0, 0))
            groups[g] = (gc + c1 - c0, gb + b1 - b0)
            deltas.append((b1 - b0, c1 - c0, cls))
        print(f"\n## {name}: per connection ({conns} connections, against {ref_name}), by owner\n")
        print("| classes | objects per connection | bytes per connection |")
        print("|---|---|---|")
        for g, (c, b) in sorted(groups.items(), key=lambda item: -item[1][1]):
            print(f"| {g} | {c / conns:.1f} | {b / conns:.0f} |")
        print("\nThe 25 classes that grew most (per connection):\n")
        print("| class | objects | bytes |")
        print("|---|---|---|")
        for b, c, cls in sorted(deltas, reverse=True)[:25]:
            print(f"| `{cls}` | {c / conns:.1f} | {b / conns:.0f} |")


if __name__ == "__main__":
    main(sys.argv[1])
