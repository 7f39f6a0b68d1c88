#!/usr/bin/env bash
# Dependency audit of both lock files with pip-audit, in a throwaway venv (not part of make test:
# it needs the network, PyPI's per-version JSON API or OSV). Result and review: docs/security.md.
# Usage: scripts/audit.sh [extra pip-audit arguments, e.g. -s osv]
set -uo pipefail
cd "$(dirname "$0")/.."
PY310=$(scripts/vind_python310.sh) || exit 1
VENV=${AUDIT_VENV:-/tmp/audit-venv}
if [ ! -x "$VENV/bin/pip-audit" ]; then
  "$PY310" -m venv "$VENV" && "$VENV/bin/pip" install -q pip-audit || exit 1
fi
"$VENV/bin/pip-audit" --version
date -u +"audit: %Y-%m-%d %H:%M UTC"
status=0
# pip-audit says "No known vulnerabilities" also when it could not look a package up at all:
# count those, so an unreachable vulnerability service is never mistaken for a clean result.
read -r -d '' SAMENVATTING <<'PY'
import json, sys
d = json.load(sys.stdin)["dependencies"]
niet = [x["name"] for x in d if x.get("skip_reason")]
kwetsbaar = [x for x in d if x.get("vulns")]
print("%d pakketten, %d niet te controleren, %d met meldingen" % (len(d), len(niet), len(kwetsbaar)))
for x in kwetsbaar:
    for v in x["vulns"]:
        print("  %s %s: %s %s -> %s" % (x["name"], x["version"], v["id"], " ".join(v.get("aliases", [])),
                                       ",".join(v.get("fix_versions", [])) or "geen fix"))
sys.exit(3 if niet else 0)
PY
for lock in requirements.lock helpdesk/requirements.lock; do
  echo "== $lock"
  uit=$("$VENV/bin/pip-audit" -r "$lock" --no-deps --disable-pip --desc -f json "$@" 2>/dev/null)
  rc=$?
  echo "$uit" | python3 -c "$SAMENVATTING" || status=1
  [ $rc -eq 0 ] || status=1
done
exit $status
