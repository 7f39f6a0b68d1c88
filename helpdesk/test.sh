#!/usr/bin/env bash
# Setup + all helpdesk tests. The tracker stores are filled by the real Rasa server, so this needs
# the project's Rasa venv (WEGWIJZER_RASA_PYTHON, default <project>/.venv/bin/python) and the
# trained model models/wegwijzer.tar.gz. Usage: helpdesk/test.sh [RASA_PYTHON] [pytest args]
set -euo pipefail
cd "$(dirname "$0")"
if [ $# -gt 0 ] && [ -x "$1" ] && [ "${1#-}" = "$1" ]; then export WEGWIJZER_RASA_PYTHON=$(realpath "$1"); shift; fi
./setup.sh
cd ..
exec helpdesk/.venv/bin/python -m pytest -p no:cacheprovider -q helpdesk/tests "$@"
