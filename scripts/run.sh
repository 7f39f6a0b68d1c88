#!/usr/bin/env bash
# Starts the action server and the Rasa server in the foreground; Ctrl-C stops both.
# `scripts/run.sh chat` starts the action server and a terminal conversation instead.
set -euo pipefail
cd "$(dirname "$0")/.."
RASA=.venv/bin/rasa
mkdir -p "$(dirname "$TRACKER_DB")"

pids=()
stop_alles() {
  trap - INT TERM EXIT
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop_alles INT TERM EXIT

# rasa-sdk binds SANIC_HOST (default 0.0.0.0) and has no authentication: loopback only.
SANIC_HOST=127.0.0.1 "$RASA" run actions --actions actions --port "$ACTIONS_PORT" --quiet &
pids+=($!)

if [ "${1:-}" = "chat" ]; then
  "$RASA" shell --model models/wegwijzer.tar.gz --endpoints "${RASA_ENDPOINTS:-endpoints.yml}" --quiet
  exit 0
fi

api=()
if [ -n "${RASA_AUTH_TOKEN:-}" ]; then
  # The HTTP API is only ever enabled with authentication (shared/contract.md).
  api=(--enable-api "--auth-token=$RASA_AUTH_TOKEN")
fi
# RASA_CORS (space-separated origins) is read by channels/socketio.py, which checks the Origin of
# every socketio connection. No `--cors` here: Sanic-CORS would add a second
# Access-Control-Allow-Origin header and browsers then drop every polling response.

"$RASA" run --model models/wegwijzer.tar.gz --port "$RASA_PORT" --credentials credentials.yml \
  --endpoints "${RASA_ENDPOINTS:-endpoints.yml}" "${api[@]}" --quiet &
pids+=($!)

# The widget's demo page (serve.py: standard library only, strict CSP).
WEB_PORT=$WEB_PORT RASA_URL="${RASA_URL:-http://localhost:$RASA_PORT}" .venv/bin/python widget/serve.py &
pids+=($!)

# The helpdesk review app (its own venv; reads the same tracker store).
helpdesk/helpdesk.sh serve --port "$HELPDESK_PORT" &
pids+=($!)

for _ in $(seq 1 120); do
  if curl -fs "http://localhost:$RASA_PORT/" >/dev/null 2>&1; then break; fi
  sleep 1
done
cat <<MSG

Wegwijzer draait.
  Rasa (REST):      POST http://localhost:$RASA_PORT/webhooks/rest/webhook
  Rasa (socketio):  http://localhost:$RASA_PORT/socket.io/
  Action server:    http://localhost:$ACTIONS_PORT/webhook
  Widget (demo):    http://localhost:$WEB_PORT/
  Helpdesk:         http://localhost:$HELPDESK_PORT/  (eerste account: helpdesk/helpdesk.sh account-maken NAAM --rol beheerder)
  HTTP API:         $([ ${#api[@]} -gt 0 ] && echo "aan, met RASA_AUTH_TOKEN" || echo "uit (zet RASA_AUTH_TOKEN om hem met token aan te zetten)")
Stoppen: Ctrl-C
MSG
wait -n "${pids[@]}"
