#!/usr/bin/env bash
# Starts the helpdesk review app in the foreground (for `make run`): sets up the venv if needed,
# then serves on HELPDESK_PORT (8081), syncing from the tracker store that endpoints.yml names.
set -euo pipefail
cd "$(dirname "$0")"
HELPDESK_GEEN_BROWSER=1 ./setup.sh
exec ./helpdesk.sh serve --port "${HELPDESK_PORT:-8081}"
