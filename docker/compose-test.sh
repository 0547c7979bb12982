#!/usr/bin/env bash
# The compose test (second stage of .ci/run; docker/README.md): docker-compose.yml run as a user runs it.
#   1. docker-compose up -d, wait until app-1, app-2 are healthy and connect-init has created the connector
#   2. a generated history (LEADS leads): its first half dropped into the connector's in/ folder (written
#      beside it, renamed in), wait until the connector moved it to done/
#   3. the output topics equal `funnel report` on that half (`funnel compare`: every upsert output topic, latest
#      record per key, read from the brokers' published ports), and so does the API of app-1 and of app-2
#      (docker/check-against-report.py: every stage-flow, conversion and loss-reason record of every
#      period/dimension view); each retried until equal or its time is up
#   4. app-2 and kafka-2 stopped; app-1 still answers the API at once (possibly stale while it restores
#      app-2's tasks); the second half dropped in; the output topics (two brokers left) and app-1's API
#      equal `funnel report` on the whole history
#   5. docker-compose down -v (also when a step fails, after printing the services' state and logs)
# Needs Docker, docker-compose and the images of docker/build-images.sh; uses cli/target/funnel.jar.
set -euo pipefail
cd "$(dirname "$0")/.."
LEADS=${LEADS:-300}
TOKEN=${FUNNEL_HTTP_TOKEN:-funnel-dev-token}
compose=(docker-compose)
command -v docker-compose >/dev/null || compose=(docker compose)
work=$(mktemp -d /tmp/funnel-compose-test.XXXXXX)
name=history
# Its own compose project, free host ports and drop folder: a stack the user runs from this checkout
# (project funnel-streams, ports 8080-8083, docker/drop) is neither touched nor in the way.
export COMPOSE_PROJECT_NAME=funnel-compose-test
read -r FUNNEL_APP1_PORT FUNNEL_APP2_PORT FUNNEL_REGISTRY_PORT FUNNEL_CONNECT_PORT \
    FUNNEL_KAFKA1_PORT FUNNEL_KAFKA2_PORT FUNNEL_KAFKA3_PORT < <(python3 -c '
import socket
socks = [socket.socket() for _ in range(7)]
for s in socks: s.bind(("127.0.0.1", 0))
print(*[s.getsockname()[1] for s in socks])')
export FUNNEL_APP1_PORT FUNNEL_APP2_PORT FUNNEL_REGISTRY_PORT FUNNEL_CONNECT_PORT \
    FUNNEL_KAFKA1_PORT FUNNEL_KAFKA2_PORT FUNNEL_KAFKA3_PORT
export FUNNEL_DROP_DIR=$work/drop
mkdir -p "$FUNNEL_DROP_DIR/in" "$FUNNEL_DROP_DIR/done"
app1=http://127.0.0.1:$FUNNEL_APP1_PORT
app2=http://127.0.0.1:$FUNNEL_APP2_PORT
began=$(date +%s)
log() { echo "compose-test: [$(( $(date +%s) - began )) s] $*"; }
funnel() { java -jar cli/target/funnel.jar "$@"; }

[ -f cli/target/funnel.jar ] || { echo "compose-test: cli/target/funnel.jar missing: ./mvnw -B -DskipTests package" >&2; exit 1; }
docker info >/dev/null 2>&1 || { echo "compose-test: needs Docker: .ci/install-test-deps containers, then docker/build-images.sh" >&2; exit 1; }

finish() {
  local rc=$?
  if [ "$rc" != 0 ]; then
    echo "compose-test: FAILED (exit $rc); the services:" >&2
    "${compose[@]}" ps >&2 || true
    for s in app-1 app-2 connect connect-init kafka-2; do
      echo "---- $s (last 25 lines)" >&2
      "${compose[@]}" logs --no-color --tail=25 "$s" >&2 || true
    done
  fi
  if [ "${KEEP:-0}" = 1 ]; then   # KEEP=1: leave the stack up (and $work) to look at it
    echo "compose-test: KEEP=1: stack $COMPOSE_PROJECT_NAME left up, files in $work; ports: app-1 $app1, app-2 $app2"
    exit $rc
  fi
  local t0; t0=$(date +%s)
  "${compose[@]}" down -v --remove-orphans >/dev/null 2>&1 || true
  echo "compose-test: docker-compose down -v in $(( $(date +%s) - t0 )) s"
  rm -rf "$work" 2>/dev/null || docker run --rm -v "$work:/w" local/debian:bookworm rm -rf /w/drop || true
  rm -rf "$work" || true
  exit $rc
}
trap finish EXIT

health() {  # health SERVICE: the container's health status ("healthy", "starting", "unhealthy")
  local id; id=$("${compose[@]}" ps -q "$1")
  [ -n "$id" ] || { echo missing; return; }
  docker inspect -f '{{if .State.Health}}{{.State.Health.Status}}{{else}}no health check{{end}}' "$id"
}

wait_for() {  # wait_for SECONDS WHAT COMMAND...: runs COMMAND every 5 s until it succeeds
  local limit=$1 what=$2; shift 2
  local t0; t0=$(date +%s)
  until "$@"; do
    if [ $(( $(date +%s) - t0 )) -ge "$limit" ]; then
      echo "compose-test: gave up waiting ${limit} s for: $what" >&2
      [ -f "$work/last-check" ] && { echo "compose-test: the last check said:"; head -25 "$work/last-check"; } >&2
      return 1
    fi
    sleep 5
  done
  log "$what ($(( $(date +%s) - t0 )) s)"
}

drop() {  # drop FILE PART: FILE into the drop folder's in/ as $name-PART.jsonl, renamed in once complete
  cp "$1" "$FUNNEL_DROP_DIR/.$name.part"
  mv "$FUNNEL_DROP_DIR/.$name.part" "$FUNNEL_DROP_DIR/in/$name-$2.jsonl"
}

topics_equal_report() {  # topics_equal_report REPORT_DIR: `funnel compare`, quiet unless it passes
  local out
  if out=$(funnel compare --report "$1" --schema-registry-url "http://127.0.0.1:$FUNNEL_REGISTRY_PORT/apis/ccompat/v7" \
      --bootstrap-servers "127.0.0.1:$FUNNEL_KAFKA1_PORT,127.0.0.1:$FUNNEL_KAFKA3_PORT,127.0.0.1:$FUNNEL_KAFKA2_PORT" 2>&1); then
    echo "$out" | tail -1
  else
    echo "$out" > "$work/last-check"
    return 1
  fi
}

api_equals_report() {  # api_equals_report REPORT_DIR URL: quiet unless it passes
  local out
  if out=$(python3 docker/check-against-report.py "$1" "$2" "$TOKEN" 2>&1); then
    echo "$out" | tail -1
  else
    echo "$out" > "$work/last-check"
    return 1
  fi
}

exit_state() {  # exit_state SERVICE: "exited CODE" once a one-off service is done ("running 0" before)
  local id; id=$("${compose[@]}" ps -q "$1")
  [ -n "$id" ] || { echo missing; return; }
  docker inspect -f '{{.State.Status}} {{.State.ExitCode}}' "$id"
}
stack_ready() {   # connect-init runs the connect image, whose health check does not apply to it: its exit code
  [ "$(health app-1)" = healthy ] && [ "$(health app-2)" = healthy ] && [ "$(exit_state connect-init)" = "exited 0" ]
}
file_done() { [ -f "$FUNNEL_DROP_DIR/done/$name-$1.jsonl" ]; }
view_status() {  # view_status URL: the HTTP status of one view within 15 s (000: no answer at all)
  curl -s -o "$work/view.json" -w '%{http_code}' -m 15 -H "Authorization: Bearer $TOKEN" \
    "$1/api/funnel?period=$(date +%Y-%m)&dimension=all" || true
}
view_ok() { [ "$(view_status "$1")" = 200 ]; }

"${compose[@]}" down -v --remove-orphans >/dev/null 2>&1 || true   # what a failed earlier run left
log "docker-compose up -d"
"${compose[@]}" up -d
wait_for 420 "app-1 and app-2 healthy, connector crm-file-source created" stack_ready

funnel generate --config examples/funnel.yaml --seed 11 --leads "$LEADS" --out "$work/history.jsonl" >/dev/null
total=$(wc -l < "$work/history.jsonl")
half=$(( total / 2 ))
head -n "$half" "$work/history.jsonl" > "$work/first.jsonl"
tail -n +"$(( half + 1 ))" "$work/history.jsonl" > "$work/second.jsonl"
funnel report --config examples/funnel.yaml --events "$work/first.jsonl" --out "$work/report-first" >/dev/null
funnel report --config examples/funnel.yaml --events "$work/history.jsonl" --out "$work/report-all" >/dev/null
log "generated $LEADS leads, $total lines; funnel report on the first $half lines and on all of them"

drop "$work/first.jsonl" first
wait_for 180 "the connector moved the first half to done/" file_done first
wait_for ${CHECK_TIMEOUT:-300} "the output topics equal funnel report on the first half" topics_equal_report "$work/report-first"
wait_for 120 "app-1's API equals funnel report on the first half" api_equals_report "$work/report-first" "$app1"
wait_for 120 "app-2's API equals funnel report on the first half" api_equals_report "$work/report-first" "$app2"

log "docker-compose stop app-2 kafka-2"
"${compose[@]}" stop app-2 kafka-2
# At once app-1 answers: 200, or 503 ("try again shortly") for the partitions app-2 had while they move to
# app-1 (no standbys); never no answer. Within 2 minutes a 200 for the view.
code=$(view_status "$app1")
[ "$code" != 000 ] || { echo "compose-test: app-1's API does not answer after app-2 and kafka-2 stopped" >&2; exit 1; }
log "app-1's API answered HTTP $code right after app-2 and kafka-2 stopped"
wait_for 120 "app-1's API answers 200 for the view" view_ok "$app1"
log "app-1's view: $(python3 -c 'import json,sys; print("stale", json.load(open(sys.argv[1])).get("stale"))' "$work/view.json")"
drop "$work/second.jsonl" second
wait_for 180 "the connector (two brokers left) moved the second half to done/" file_done second
wait_for 300 "the output topics (kafka-2 down) equal funnel report on the whole history" \
  topics_equal_report "$work/report-all"
wait_for 120 "app-1's API (app-2, kafka-2 down) equals funnel report on the whole history" \
  api_equals_report "$work/report-all" "$app1"
app1_healthy() { [ "$(health app-1)" = healthy ]; }
wait_for 120 "app-1 healthy at the end" app1_healthy
log "passed"
