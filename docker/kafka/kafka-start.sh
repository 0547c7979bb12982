#!/bin/bash
# Starts one KRaft broker/controller from the environment: KAFKA_FOO_BAR=v becomes foo.bar=v in
# /opt/kafka/config/server.properties (KAFKA_HEAP_OPTS and KAFKA_OPTS are JVM options, not settings),
# the log dir is formatted with CLUSTER_ID unless it already is.
set -euo pipefail
: "${CLUSTER_ID:?CLUSTER_ID is required (22 characters, base64 of 16 bytes, e.g. from kafka-storage random-uuid)}"
props=/opt/kafka/config/server.properties
: > "$props"
while IFS='=' read -r name value; do
  case "$name" in
    KAFKA_HEAP_OPTS|KAFKA_OPTS|KAFKA_JVM_OPTS) continue ;;
    KAFKA_*) key=$(echo "${name#KAFKA_}" | tr '[:upper:]' '[:lower:]' | tr '_' '.')
             echo "$key=$value" >> "$props" ;;
  esac
done < <(env)
cp=/opt/kafka/libs/*
log_dir=$(sed -n 's/^log.dirs=//p' "$props" | cut -d, -f1)
if [ ! -f "$log_dir/meta.properties" ]; then
  echo "kafka-start: formatting $log_dir for cluster $CLUSTER_ID"
  java -Xmx128m -cp "$cp" kafka.tools.StorageTool format --ignore-formatted -t "$CLUSTER_ID" -c "$props"
fi
exec java ${KAFKA_HEAP_OPTS:-} ${KAFKA_OPTS:-} -XX:+ExitOnOutOfMemoryError \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=info -Dorg.slf4j.simpleLogger.showDateTime=true \
  -Dorg.slf4j.simpleLogger.log.kafka.request.logger=warn -Dorg.slf4j.simpleLogger.log.state.change.logger=warn \
  -cp "$cp" kafka.Kafka "$props"
