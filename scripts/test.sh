#!/usr/bin/env bash
# The README's test command, and what CI runs (.ci/run):
#   1. Debian's chromium and PostgreSQL where absent (browser and PostgreSQL tests need them);
#   2. a brand-new virtual environment built from uv.lock (`uv sync --locked`: it also refuses a lock
#      that no longer matches pyproject.toml), so what passes here is what a new user gets;
#   3. the accuracy floors (`eventwire eval --check`);
#   4. every test, slow, PostgreSQL, Dask and browser ones included (`pytest -m ""`), on two processes.
# A test whose data in ../shared is absent skips with a message. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
export PIP_DISABLE_PIP_VERSION_CHECK=1
# Never let playwright fetch a browser: the tests drive Debian's chromium.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
# Never let uv download a Python: the machine's python3 (3.11+) is the one to use.
export UV_PYTHON_DOWNLOADS=never
# Every test runs: a skip for a missing component (chromium, PostgreSQL ...) fails (tests/conftest.py).
export EVENTWIRE_NO_SKIP=1

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1 || need_apt+=(postgresql)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "== installing ${need_apt[*]} (Debian packages) =="
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

if ! command -v uv >/dev/null 2>&1; then
  echo "== installing uv (PyPI) =="
  "${PYTHON:-python3}" -m pip install -q "uv>=0.9,<0.14"
fi

VENV=${EVENTWIRE_VENV:-.venv}
echo "== a new virtual environment in $VENV from uv.lock =="
rm -rf "$VENV"
start=$SECONDS
UV_PROJECT_ENVIRONMENT="$VENV" uv sync --locked --extra test --python "$(command -v "${PYTHON:-python3}")" --quiet
echo "   built in $((SECONDS - start)) s"
PY="$VENV/bin/python"

echo "== accuracy floors (eventwire eval --check) =="
start=$SECONDS
"$PY" -m eventwire eval --check
echo "   eval in $((SECONDS - start)) s"

echo "== test suite =="
"$PY" -m pytest -q -m "" -p no:cacheprovider -n "${EVENTWIRE_TEST_WORKERS:-2}" --dist loadfile "$@"
