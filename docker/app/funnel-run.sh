#!/bin/sh
# `funnel ARGS`, with --http-token "$FUNNEL_HTTP_TOKEN" added to `run` when that variable is set
# (so the token is not in the image, the compose file's command or `docker inspect`'s Cmd).
set -e
if [ "${1:-}" = run ] && [ -n "${FUNNEL_HTTP_TOKEN:-}" ]; then
  shift
  exec java $JAVA_OPTS -jar /opt/funnel/funnel.jar run --http-token "$FUNNEL_HTTP_TOKEN" "$@"
fi
exec java $JAVA_OPTS -jar /opt/funnel/funnel.jar "$@"
