#!/usr/bin/env bash
# The README's test command: installs what is missing, starts a throwaway PostgreSQL,
# builds (warnings are errors) and runs every test, then stops the server.
set -euo pipefail
cd "$(dirname "$0")/.."

ops/install-dependencies.sh
eval "$(ops/postgres-test-server.sh start)"
trap 'ops/postgres-test-server.sh stop "$TAFEL_TEST_PGDIR"' EXIT
echo "ops: test PostgreSQL at $TAFEL_TEST_DATABASE_URL" >&2

swift build --build-tests -Xswiftc -warnings-as-errors
# The isolated PostgreSQL tests restart the server, so they run alone, after the rest.
swift test --skip-build --skip PostgresIsolatedTests
swift test --skip-build --filter PostgresIsolatedTests
