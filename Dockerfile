# service-metrics on Payara Micro 6 (JDK 17), port 8005, context root /.
# Build the WAR first:  mvn -DskipTests package
# then:                 docker build -t service-metrics:1.0.0 .
#
# The base image (Alpine, Azul Zulu JDK 17) already runs as the unprivileged user payara (uid/gid 1000)
# in /opt/payara; its entrypoint runs
#   java -XX:MaxRAMPercentage=$MEM_MAX_RAM_PERCENTAGE -Xss$MEM_XSS $JVM_ARGS -jar payara-micro.jar <CMD>
# This image runs the same through Payara Micro's launcher with a class-data-sharing archive (below).
FROM payara/micro:6.2025.10-jdk17

# JVM flags, on purpose:
# - heap at half the container's memory (MaxRAMPercentage follows the cgroup limit; the Kubernetes Deployment
#   limits the container to 768 MiB): the other half is metaspace, thread stacks, the code cache, Grizzly's
#   direct buffers and the mapped class-data-sharing archive;
# - the Serial collector: the heap is small (~384 MB), the container gets a fraction of a core to two, and
#   the load is a burst every SCRAPE_INTERVAL (one snapshot serialized once, then copied to every client)
#   with little live data; Serial has no concurrent threads and the least memory overhead, and its young
#   pauses on this heap stay in the tens of milliseconds. Measured against G1 (BENCHMARKS.md, "The collector"):
#   at 2,800 dashboards on this heap p99 339 against 531 ms and 13 against 18 % CPU; at 10,000 on a 896 MiB
#   heap the same p99, 28 against 32 % CPU. The JVM would pick Serial by itself below 2 CPUs
#   or 1792 MB, and G1 above: naming it keeps the image's behaviour the same whatever the limits.
#   bench/run.sh measures the fan-out with the same collector (BENCHMARKS.md);
# - ExitOnOutOfMemoryError: a JVM out of heap is restarted by the orchestrator instead of limping on (a heap
#   filled by dashboards thrashes rather than throws: LIVE_MAX_CONNECTIONS=auto keeps them within the heap);
# - the first JVM_ARGS flag is the base image's own default, kept.
ENV MEM_MAX_RAM_PERCENTAGE=50.0 \
    JVM_ARGS="-Djdk.util.zip.disableZip64ExtraFieldValidation=true -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError"

COPY --chown=1000:1000 server-config/payara/pre-boot-commands.asadmin server-config/payara/post-boot-commands.asadmin \
     server-config/payara/system.properties /opt/payara/config/
# Payara Micro deploys a file named ROOT.war at context root /. The build's target/bundle/ holds the WAR as the
# microbundle does: its database drivers and Flyway go on the server's class path (micro-root/lib, below), so that
# Payara does not parse their classes at every deployment (pom.xml, BENCHMARKS.md "Start").
COPY --chown=1000:1000 target/bundle/ROOT.war /opt/payara/deployments/ROOT.war
COPY --chown=1000:1000 target/bundle/lib/ /opt/payara/server-lib/

# Without DATABASE_URL the service keeps its incidents in an embedded H2 database under ./data/,
# that is /opt/payara/data (the working directory is /opt/payara).
RUN mkdir -p /opt/payara/data
VOLUME /opt/payara/data

# Payara Micro's AppCDS path (as bin/cds-archive): a launcher bound to an exploded runtime directory, then a
# warm-up run (boot, deploy, migrate an embedded database, exit) that writes a class-data-sharing archive of
# the ~20,000 classes it loaded. The service then maps them from the archive instead of reading, parsing and
# verifying them at every start (BENCHMARKS.md, "Start"). Same JDK, same paths at build and at run time; if
# they ever differ the JVM warns and starts without the archive. Payara Micro keeps every deployment in its
# root directory and would load it at the next start and then deploy ROOT.war again (two application starts,
# 404s between them): the root directory goes back to its state before the warm-up, here and at every start.
RUN java -jar payara-micro.jar --rootdir /opt/payara/micro-root --outputlauncher \
 && cp /opt/payara/server-lib/*.jar /opt/payara/micro-root/lib/ \
 && cp /opt/payara/micro-root/config/domain.xml /opt/payara/micro-root/domain.xml.fresh \
 && mkdir /tmp/warmup && cd /tmp/warmup \
 && java ${JVM_ARGS} -XX:ArchiveClassesAtExit=/opt/payara/micro-root/service.jsa \
        -jar /opt/payara/micro-root/launch-micro.jar --deploy /opt/payara/deployments/ROOT.war --port 8005 --nocluster \
        --disablephonehome --prebootcommandfile /opt/payara/config/pre-boot-commands.asadmin \
        --postbootcommandfile /opt/payara/config/post-boot-commands.asadmin \
        --systemProperties /opt/payara/config/system.properties --warmup \
 && cd / && rm -rf /tmp/warmup /opt/payara/micro-root/applications /opt/payara/micro-root/generated \
 && cp /opt/payara/micro-root/domain.xml.fresh /opt/payara/micro-root/config/domain.xml \
 && test -s /opt/payara/micro-root/service.jsa

# Numeric, so that Kubernetes' runAsNonRoot can check it; it is the base image's payara user.
USER 1000:1000

EXPOSE 8005

# The image has no curl; BusyBox wget (Alpine) exits non-zero on any non-2xx answer.
HEALTHCHECK --start-period=60s --interval=15s --timeout=5s --retries=3 \
    CMD wget -q -O /dev/null http://127.0.0.1:8005/health/live || exit 1

# The base image's entrypoint, with the launcher and the archive instead of payara-micro.jar, after putting the
# root directory back to its built state (a restarted container would otherwise load the last deployment too).
ENTRYPOINT ["/bin/sh", "-c", "rm -rf /opt/payara/micro-root/applications /opt/payara/micro-root/generated && cp /opt/payara/micro-root/domain.xml.fresh /opt/payara/micro-root/config/domain.xml && exec java -XX:MaxRAMPercentage=${MEM_MAX_RAM_PERCENTAGE} -Xss${MEM_XSS} ${JVM_ARGS} -XX:SharedArchiveFile=/opt/payara/micro-root/service.jsa -jar /opt/payara/micro-root/launch-micro.jar \"$@\"", "--"]

CMD ["--deploy", "/opt/payara/deployments/ROOT.war", \
     "--port", "8005", \
     "--nocluster", \
     "--disablephonehome", \
     "--prebootcommandfile", "/opt/payara/config/pre-boot-commands.asadmin", \
     "--postbootcommandfile", "/opt/payara/config/post-boot-commands.asadmin", \
     "--systemProperties", "/opt/payara/config/system.properties"]
