#!/usr/bin/env bash
# The helpdesk command line from anywhere: helpdesk/helpdesk.sh <opdracht> (serve, account-maken, ...).
# Relative paths (TRACKER_DB) are taken relative to the project root, as Rasa does.
HIER="$(cd "$(dirname "$0")" && pwd)"
export PYTHONPATH="$HIER${PYTHONPATH:+:$PYTHONPATH}"
exec "$HIER/.venv/bin/python" -m wegwijzer_helpdesk "$@"
