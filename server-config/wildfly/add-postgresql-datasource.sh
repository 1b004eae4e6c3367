#!/usr/bin/env bash
# Installs the PostgreSQL JDBC driver as the WildFly module org.postgresql and defines
# java:jboss/datasources/ServiceMetricsDS (postgresql-datasource.cli) in a stopped WildFly.
#
#   add-postgresql-datasource.sh WILDFLY_HOME POSTGRESQL_JAR [SERVER_CONFIG] [SERVER_BASE_DIR]
#
# POSTGRESQL_JAR: the driver, e.g. ~/.m2/repository/org/postgresql/postgresql/42.7.8/postgresql-42.7.8.jar
#   or https://repo1.maven.org/maven2/org/postgresql/postgresql/42.7.8/postgresql-42.7.8.jar downloaded.
# SERVER_CONFIG: the configuration file to change (default service-metrics.xml, as configure.cli names it).
# SERVER_BASE_DIR: the server's base directory (default WILDFLY_HOME/standalone).
# WildFly then needs SERVICE_METRICS_DS_URL (jdbc:postgresql://host:5432/db), SERVICE_METRICS_DS_USER
# and SERVICE_METRICS_DS_PASSWORD in its environment.
set -euo pipefail

if [[ $# -lt 2 ]]; then
    sed -n '2,12p' "$0" >&2
    exit 2
fi
home=$(cd "$1" && pwd)
jar=$2
config=${3:-service-metrics.xml}
base=${4:-$home/standalone}
here=$(cd "$(dirname "$0")" && pwd)

[[ -x $home/bin/jboss-cli.sh ]] || { echo "$home is not a WildFly installation" >&2; exit 1; }
[[ -f $jar ]] || { echo "no driver at $jar" >&2; exit 1; }
[[ -f $base/configuration/$config ]] || { echo "no $base/configuration/$config" >&2; exit 1; }

module=$home/modules/org/postgresql/main
mkdir -p "$module"
cp "$jar" "$module/postgresql.jar"
cat > "$module/module.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<module xmlns="urn:jboss:module:1.9" name="org.postgresql">
    <resources>
        <resource-root path="postgresql.jar"/>
    </resources>
    <dependencies>
        <module name="java.se"/>
        <module name="jakarta.transaction.api"/>
    </dependencies>
</module>
XML

script=$(mktemp)
trap 'rm -f "$script"' EXIT
{
    echo "embed-server --server-config=$config --std-out=discard"
    grep -v '^#' "$here/postgresql-datasource.cli"
    echo "stop-embedded-server"
} > "$script"
JAVA_OPTS="${JAVA_OPTS:-} -Djboss.server.base.dir=$base" "$home/bin/jboss-cli.sh" --file="$script"
echo "org.postgresql installed in $module; java:jboss/datasources/ServiceMetricsDS defined in $base/configuration/$config"
