#!/usr/bin/env bash
# Builds the resource adapter and this application, then runs them in WildFly 39 on 127.0.0.1:8080
# with MessageStore embedded as the server's messaging. Ctrl-C stops it. Then, from another shell:
#   curl -X POST 'http://127.0.0.1:8080/orders/?item=book' && curl http://127.0.0.1:8080/orders/
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
mvn -q -B install -DskipTests -pl resource-adapter,samples/orders-webapp -am
# unpacks WildFly and writes standalone-messagestore.xml (the fragments in resource-adapter/src/test/wildfly)
mvn -q -B pre-integration-test -pl resource-adapter
home="$root/resource-adapter/target/wildfly-39.0.1.Final"
base="$root/samples/orders-webapp/target/wildfly-base"
rm -rf "$base" && cp -r "$home/standalone" "$base"
cp resource-adapter/target/messagestore-ra-*.rar "$base/deployments/messagestore-ra.rar"
cp samples/orders-webapp/target/orders.war "$base/deployments/"
exec "$home/bin/standalone.sh" -c standalone-messagestore.xml -Djboss.server.base.dir="$base" -b 127.0.0.1 -bmanagement 127.0.0.1
