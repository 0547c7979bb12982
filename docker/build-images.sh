#!/usr/bin/env bash
# Builds every image docker-compose.yml runs, without Docker Hub:
#   docker/build-images.sh            # BASE=local: a Debian base made here (debootstrap) + Debian's OpenJDK 17
#   BASE=eclipse-temurin:17-jre docker/build-images.sh   # public base images, for a machine that reaches Docker Hub
#   docker/build-images.sh base       # only local/debian:bookworm and local/jre:17 (.ci/install-test-deps)
# Steps: the project's jars (./mvnw package, offline when ~/.m2 has everything), the Kafka jars
# (docker/kafka/pom.xml), local/debian:bookworm (debootstrap + docker import; skipped when the image exists),
# local/jre:17, then funnel/kafka, funnel/connect, funnel/registry, funnel/app (all tagged 0.1.0).
# Idempotent: Docker's layer cache makes a second run take seconds. Needs docker, and debootstrap for the base.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
TAG=${TAG:-0.1.0}
BASE=${BASE:-local}
MVN_OFFLINE=${MVN_OFFLINE--o}   # MVN_OFFLINE= (empty): online (.ci/run)
MIRROR=${DEBIAN_MIRROR:-$(sed -n 's/^URIs: *//p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -1)}
MIRROR=${MIRROR:-http://deb.debian.org/debian}
start_all=$(date +%s)

step() {  # step NAME COMMAND...: runs it, printing a progress line and how long it took
  local name=$1; shift
  local t0; t0=$(date +%s)
  echo "build-images: [$name] ..."
  "$@"
  echo "build-images: [$name] done in $(( $(date +%s) - t0 )) s"
}

project_jars() {
  if [ -f cli/target/funnel.jar ] && [ -d ingest-connector/target/ingest-connector-0.1.0-SNAPSHOT-plugin ] \
      && [ -d alert-sink/target/alert-sink-0.1.0-SNAPSHOT-plugin ] && [ "${REBUILD_JARS:-0}" != 1 ]; then
    echo "build-images: project jars present (REBUILD_JARS=1 rebuilds them)"
    return
  fi
  ./mvnw -B -q $MVN_OFFLINE -DskipTests -pl cli,ingest-connector,alert-sink -am package
}

kafka_jars() {
  if [ ! -f docker/kafka/target/lib/kafka_2.13-4.4.0.jar ]; then
    ./mvnw -B -q $MVN_OFFLINE -f docker/kafka/pom.xml dependency:copy-dependencies
  fi
  mkdir -p docker/registry/target
  local archive=${APICURIO_ARCHIVE:-$HOME/.m2/repository/io/apicurio/apicurio-registry-app/2.6.13.Final/apicurio-registry-app-2.6.13.Final-all.tar.gz}
  if [ ! -f "$archive" ]; then
    ./mvnw -B -q $MVN_OFFLINE dependency:get -Dartifact=io.apicurio:apicurio-registry-app:2.6.13.Final:tar.gz:all
  fi
  cp -u "$archive" docker/registry/target/
}

debian_base() {
  if docker image inspect local/debian:bookworm >/dev/null 2>&1; then
    echo "build-images: local/debian:bookworm exists, kept"
    return
  fi
  command -v debootstrap >/dev/null || { echo "build-images: needs debootstrap (apt-get install debootstrap)" >&2; exit 1; }
  local dir; dir=$(mktemp -d /tmp/funnel-debian.XXXXXX)
  debootstrap --variant=minbase bookworm "$dir" "$MIRROR" > "$dir.log" 2>&1 \
    || { tail -20 "$dir.log" >&2; exit 1; }
  rm -rf "$dir"/var/cache/apt/archives/*.deb "$dir"/var/lib/apt/lists/*
  tar -C "$dir" -c . | docker import - local/debian:bookworm
  rm -rf "$dir" "$dir.log"
}

build() {  # build IMAGE DOCKERFILE
  docker build -q --build-arg BASE="$JRE" -t "$1:$TAG" -f "$2" "$ROOT" >/dev/null
}

if [ "${1:-}" = base ]; then   # only the local base images (.ci/install-test-deps, before the build made the jars)
  [ "$BASE" = local ] || { echo "build-images: 'base' is for BASE=local" >&2; exit 1; }
  step "local/debian:bookworm (debootstrap)" debian_base
  step "local/jre:17" docker build -q -t local/jre:17 docker/jre
  echo "build-images: base images built in $(( $(date +%s) - start_all )) s"
  exit 0
fi
step "project jars (mvn package)" project_jars
step "kafka jars + apicurio archive" kafka_jars
if [ "$BASE" = local ]; then
  step "local/debian:bookworm (debootstrap)" debian_base
  step "local/jre:17" docker build -q -t local/jre:17 docker/jre
  JRE=local/jre:17
else
  JRE=$BASE
fi
step "funnel/kafka:$TAG" build funnel/kafka docker/kafka/Dockerfile
step "funnel/registry:$TAG" build funnel/registry docker/registry/Dockerfile
step "funnel/connect:$TAG" build funnel/connect docker/connect/Dockerfile
step "funnel/app:$TAG" build funnel/app docker/app/Dockerfile
echo "build-images: all images built in $(( $(date +%s) - start_all )) s (base $JRE)"
docker images --format '{{.Repository}}:{{.Tag}} {{.Size}}' | grep -E '^(funnel|local)/'
