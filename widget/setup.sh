#!/usr/bin/env bash
# Installs what the widget and its browser tests need. Idempotent and quick when done:
#  - Debian's chromium (Playwright drives /usr/bin/chromium; `npx playwright install` cannot work here)
#  - node_modules from the committed package-lock.json (exact versions), only when the lock changed.
set -euo pipefail
cd "$(dirname "$0")"

if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" -ne 0 ] && ! command -v sudo >/dev/null; then
    echo "widget/setup.sh: /usr/bin/chromium ontbreekt; installeer het Debian-pakket 'chromium' (als root)." >&2
    exit 1
  fi
  SUDO=; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  echo "widget: chromium installeren (apt-get)"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium >/dev/null
fi

for cmd in node npm; do
  command -v "$cmd" >/dev/null || { echo "widget/setup.sh: $cmd ontbreekt (Node.js 18+ nodig)" >&2; exit 1; }
done

# The stamp holds the lock file's checksum: npm ci runs again only when the lock changes.
stamp=node_modules/.wegwijzer-lock.sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ] || [ ! -f node_modules/socket.io-client/dist/socket.io.min.js ]; then
  echo "widget: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$want" > "$stamp"
fi
