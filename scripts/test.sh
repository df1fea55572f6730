#!/usr/bin/env bash
# Installs everything the tests need on a fresh machine, checks the accuracy
# floors, then runs the whole suite: slow, PostgreSQL, Dask and browser tests
# included (a test whose data in ../shared is absent skips with a message).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
export PIP_DISABLE_PIP_VERSION_CHECK=1
# Never let playwright fetch a browser: the tests drive Debian's chromium.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1 || need_apt+=(postgresql)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "== installing ${need_apt[*]} (Debian packages) =="
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

echo "== installing eventwire with its test extras =="
"$PY" -m pip install -q -e ".[test]"
echo "== accuracy floors (eventwire eval --check) =="
"$PY" -m eventwire eval --check
echo "== test suite =="
"$PY" -m pytest -q -m "" -p no:cacheprovider "$@"
