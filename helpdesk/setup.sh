#!/usr/bin/env bash
# Idempotent: (re)creates helpdesk/.venv from requirements.lock (hashes required) when the lock
# changed, and installs Debian's chromium for the browser test when it is missing.
set -euo pipefail
cd "$(dirname "$0")"
VENV=.venv
STAMP=$VENV/.geinstalleerd

vind_python() {
  for p in "${HELPDESK_PYTHON:-}" python3.11 /root/.pyenv/versions/3.11.*/bin/python3.11 \
           "$(command -v pyenv >/dev/null 2>&1 && echo "$(pyenv root)"/versions/3.11.*/bin/python3.11)" python3; do
    [ -n "$p" ] || continue
    if command -v "$p" >/dev/null 2>&1 && "$p" -c 'import sys; assert sys.version_info[:2] == (3, 11)' 2>/dev/null; then
      command -v "$p"; return 0
    fi
  done
  echo "helpdesk: geen Python 3.11 gevonden (zet HELPDESK_PYTHON)" >&2; return 1
}

if [ ! -f "$STAMP" ] || [ requirements.lock -nt "$STAMP" ]; then
  if [ ! -x $VENV/bin/python ] || ! $VENV/bin/python -c 'import sys; assert sys.version_info[:2] == (3, 11)' 2>/dev/null; then
    PY=$(vind_python); rm -rf $VENV; "$PY" -m venv $VENV
  fi
  $VENV/bin/python -m pip install -qq --disable-pip-version-check --require-hashes --no-deps -r requirements.lock
  $VENV/bin/python -m pip check >/dev/null
  # deduce builds its lookup tables on first use (1-2 min): do it now, not on the first request
  $VENV/bin/python -c 'import logging, deduce; logging.disable(logging.INFO); deduce.Deduce()'
  touch "$STAMP"
fi

if [ "${HELPDESK_GEEN_BROWSER:-0}" != 1 ] && [ ! -x /usr/bin/chromium ]; then
  flock /tmp/wegwijzer-apt.lock sh -c 'test -x /usr/bin/chromium || (apt-get update -qq && apt-get install -y -qq chromium >/dev/null)'
fi
