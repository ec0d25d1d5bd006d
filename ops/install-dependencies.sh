#!/usr/bin/env bash
# Installs what building and testing Tafel needs on Debian: libpq-dev (the C library the
# PostgreSQL store links), a PostgreSQL server (the tests start a throwaway one), and curl
# and python3 for the quick-start check. Does nothing when all are present.
set -euo pipefail

need=()
pkg-config --exists libpq 2>/dev/null || need+=(libpq-dev pkg-config)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
command -v pgbench >/dev/null 2>&1 || need+=(postgresql-contrib)
command -v curl >/dev/null 2>&1 || need+=(curl)
command -v python3 >/dev/null 2>&1 || need+=(python3)

if [ ${#need[@]} -gt 0 ]; then
    echo "ops: installing ${need[*]}" >&2
    SUDO=""
    [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
