#!/usr/bin/env bash
# Prints the path of a working Python 3.10 interpreter, or explains how to get one and fails.
# Rasa 3.6 declares Requires-Python <3.11: on 3.11 pip silently offers an ancient Rasa instead.
set -u
kandidaten=()
[ -n "${PYTHON310:-}" ] && kandidaten+=("$PYTHON310")
command -v python3.10 >/dev/null 2>&1 && kandidaten+=("$(command -v python3.10)")
if command -v pyenv >/dev/null 2>&1; then
  root=$(pyenv root 2>/dev/null)
  for p in $(ls -d "$root"/versions/3.10.*/bin/python3.10 2>/dev/null | sort -rV); do kandidaten+=("$p"); done
fi
for p in "$HOME"/.pyenv/versions/3.10.*/bin/python3.10 /usr/local/bin/python3.10 /usr/bin/python3.10; do
  [ -x "$p" ] && kandidaten+=("$p")
done
for p in "${kandidaten[@]}"; do
  # A pyenv shim is on PATH even when 3.10 is not selected: run it to be sure it really is 3.10.
  v=$("$p" -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null) || continue
  if [ "$v" = "3.10" ]; then echo "$p"; exit 0; fi
done
cat >&2 <<'MSG'
Geen Python 3.10 gevonden. Rasa 3.6 werkt alleen met Python 3.8-3.10 (niet 3.11).
Installeer er een, bijvoorbeeld:
  pyenv install 3.10.13          (met pyenv; dit project vindt hem daarna vanzelf)
  apt-get install python3.10 python3.10-venv   (als je distributie hem heeft)
of wijs er een aan: make test PYTHON310=/pad/naar/python3.10
MSG
exit 1
