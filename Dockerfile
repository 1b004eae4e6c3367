# service-metrics on Payara Micro 6 (JDK 17), port 8005, context root /.
# Build the WAR first:  mvn -DskipTests package
# then:                 docker build -t service-metrics:1.0.0 .
#
# The base image (Alpine, Azul Zulu JDK 17, tini) already runs as the unprivileged user
# payara (uid/gid 1000) in /opt/payara; its entrypoint runs
#   java -XX:MaxRAMPercentage=$MEM_MAX_RAM_PERCENTAGE -Xss$MEM_XSS $JVM_ARGS -jar payara-micro.jar <CMD>
FROM payara/micro:6.2025.10-jdk17

# Heap at half the container's memory leaves room for metaspace, threads and direct buffers
# (the Kubernetes Deployment limits the container to 768 MiB). The first JVM_ARGS flag is the
# base image's own default, kept.
ENV MEM_MAX_RAM_PERCENTAGE=50.0 \
    JVM_ARGS="-Djdk.util.zip.disableZip64ExtraFieldValidation=true -XX:+ExitOnOutOfMemoryError"

COPY --chown=1000:1000 server-config/payara/pre-boot-commands.asadmin server-config/payara/post-boot-commands.asadmin /opt/payara/config/
# Payara Micro deploys a file named ROOT.war at context root /.
COPY --chown=1000:1000 target/service-metrics.war /opt/payara/deployments/ROOT.war

# Without DATABASE_URL the service keeps its incidents in an embedded H2 database under ./data/,
# that is /opt/payara/data (the working directory is /opt/payara).
RUN mkdir -p /opt/payara/data
VOLUME /opt/payara/data

# Numeric, so that Kubernetes' runAsNonRoot can check it; it is the base image's payara user.
USER 1000:1000

EXPOSE 8005

# The image has no curl; BusyBox wget (Alpine) exits non-zero on any non-2xx answer.
HEALTHCHECK --start-period=60s --interval=15s --timeout=5s --retries=3 \
    CMD wget -q -O /dev/null http://127.0.0.1:8005/health/live || exit 1

CMD ["--deploy", "/opt/payara/deployments/ROOT.war", \
     "--port", "8005", \
     "--nocluster", \
     "--prebootcommandfile", "/opt/payara/config/pre-boot-commands.asadmin", \
     "--postbootcommandfile", "/opt/payara/config/post-boot-commands.asadmin"]
