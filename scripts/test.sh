#!/usr/bin/env bash
# Installs everything the tests need on a fresh machine, checks the accuracy
# floors, then runs the whole suite (slow, data, PostgreSQL and browser tests
# included; each skips with a message where what it needs is absent).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
export PIP_DISABLE_PIP_VERSION_CHECK=1
"$PY" -m pip install -q -e ".[test]"
echo "== accuracy floors (eventwire eval --check) =="
"$PY" -m eventwire eval --check
echo "== test suite =="
"$PY" -m pytest -q -m "" -p no:cacheprovider "$@"
