#!/usr/bin/env bash
# The one command that runs every test on a fresh machine: installs the peers the tests need
# (Prometheus, Alertmanager, amtool from Debian), builds the package and its tests once, then runs
# the whole suite. Tests start their own servers on 127.0.0.1 (klaxon, Prometheus, Alertmanager,
# recording webhook endpoints) and stop them.
set -euo pipefail
cd "$(dirname "$0")/.."

# In CI nothing else runs here: make sure no server a test started outlives the run (a process
# left holding the output pipe would keep CI waiting).
if [ "${CI:-}" = true ]; then
  trap 'pkill -f "moto_server -H 127.0.0.1" 2>/dev/null || true' EXIT
fi

scripts/install-test-deps.sh
swift build --build-tests
KLAXON_BIN="$PWD/.build/debug/klaxon" swift test --skip-build "$@"
