#!/usr/bin/env bash
# The README's test command: installs what is missing, starts a throwaway PostgreSQL,
# builds (warnings are errors) and runs every test and the quick-start check, then stops
# the server.
set -euo pipefail
cd "$(dirname "$0")/.."

ops/install-dependencies.sh
eval "$(ops/postgres-test-server.sh start)"
trap 'ops/postgres-test-server.sh stop "$TAFEL_TEST_PGDIR"' EXIT
echo "ops: test PostgreSQL at $TAFEL_TEST_DATABASE_URL" >&2

swift build --build-tests -Xswiftc -warnings-as-errors
# The end-to-end server tests block on sockets and child processes, which would hold the
# few cooperative threads the other tests' tasks need; they run on their own. The isolated
# PostgreSQL tests restart the server, so they run alone, last.
swift test --skip-build --skip PostgresIsolatedTests --skip ServerTests
swift test --skip-build --filter ServerTests
swift test --skip-build --filter PostgresIsolatedTests
# The README quick start, end to end: tafel demo, agenda.get over HTTP, clean stop.
ops/quickstart-check.sh .build/debug/tafel
